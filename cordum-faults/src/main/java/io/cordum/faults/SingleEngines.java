package io.cordum.faults;

import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One private {@code nats-server -js} with its store directory and one private {@code redis-server}
 * with AOF ({@code appendfsync always}), from the testkit's launchers.
 */
final class SingleEngines implements Engines {
  /**
   * How long a restarted server may take to accept clients: a soak's Redis loads hundreds of MB of
   * AOF (12 s for 440,000 keys on a loaded machine), and a NATS store replays its streams.
   */
  private static final java.time.Duration RESTART_WAIT = java.time.Duration.ofMinutes(3);

  private final NatsServer nats = NatsServer.start();
  private final RedisServer redis = RedisServer.start();

  @Override
  public Map<String, String> env(boolean jetStream) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NATS_URL", nats.url());
    env.put("NATS_USE_JETSTREAM", Boolean.toString(jetStream));
    env.put("REDIS_URL", redis.url());
    return env;
  }

  @Override
  public void killNats() {
    nats.kill();
  }

  @Override
  public void restartNats() {
    nats.restart(RESTART_WAIT);
  }

  @Override
  public void killRedis() {
    redis.kill();
  }

  @Override
  public void restartRedis() {
    redis.restart(RESTART_WAIT);
  }

  @Override
  public String describe() {
    return "single nats-server -js, single redis-server (AOF, fsync always)";
  }

  @Override
  public void close() {
    nats.close();
    redis.close();
  }
}
