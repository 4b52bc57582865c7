package io.cordum.testkit.servers;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RedisServer} and {@link NatsServer} share: a URL and port, and for a private server
 * the process that tests may stop, kill and restart on the same port with the same data.
 */
public abstract class TestServer implements AutoCloseable {
  private final String url;
  private final int port;
  private final String urlEnv;
  private final @Nullable ServerProcess process;

  TestServer(String url, int port, String urlEnv, @Nullable ServerProcess process) {
    this.url = url;
    this.port = port;
    this.urlEnv = urlEnv;
    this.process = process;
  }

  /** The URL, such as {@code redis://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** Whether this is a private server the test may stop and restart. */
  public boolean isPrivate() {
    return process != null;
  }

  /** Stops the server (SIGTERM), keeping its data for {@link #restart()}. */
  public void stop() {
    requirePrivate().stop(false);
  }

  /** Kills the server (SIGKILL), as a crash would. */
  public void kill() {
    requirePrivate().stop(true);
  }

  /** Starts a stopped server again on the same port with the same data (within 20 s). */
  public void restart() {
    restart(Duration.ofSeconds(20));
  }

  /**
   * Starts a stopped server again on the same port with the same data, waiting up to {@code
   * timeout} for it to accept clients (a Redis with a large AOF takes a while to load).
   */
  public void restart(Duration timeout) {
    ServerProcess p = requirePrivate();
    p.stop(false);
    p.start(port, timeout);
  }

  private ServerProcess requirePrivate() {
    if (process == null) {
      throw new IllegalStateException(
          "an external server (" + urlEnv + ") cannot be stopped" + " or restarted by tests");
    }
    return process;
  }

  /** Stops a private server. */
  @Override
  public void close() {
    if (process != null) {
      process.stop(true);
    }
  }
}
