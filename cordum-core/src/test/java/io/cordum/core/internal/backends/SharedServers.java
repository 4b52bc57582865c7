package io.cordum.core.internal.backends;

import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One private redis-server and one nats-server for all the tests of this JVM, started on first use
 * and stopped when the JVM exits. A missing binary skips the test, or fails it when {@code CI=true}
 * (the testkit's rule).
 */
final class SharedServers {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static @Nullable RedisServer redis;
  private static @Nullable NatsServer nats;

  private SharedServers() {}

  static RedisServer redis() {
    LOCK.lock();
    try {
      RedisServer r = redis;
      if (r == null) {
        r = RedisServer.start();
        redis = r;
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "redis-test-server-stop"));
      }
      return r;
    } finally {
      LOCK.unlock();
    }
  }

  static NatsServer nats() {
    LOCK.lock();
    try {
      NatsServer n = nats;
      if (n == null) {
        n = NatsServer.startWithoutJetStream();
        nats = n;
        Runtime.getRuntime().addShutdownHook(new Thread(n::close, "nats-test-server-stop"));
      }
      return n;
    } finally {
      LOCK.unlock();
    }
  }
}
