package io.cordum.redis;

import io.cordum.testkit.servers.RedisServer;
import java.time.Duration;

/** Shared setup of the Redis tests: one private server per test class. */
final class TestRedis {
  private TestRedis() {}

  /** A config for the server with short timeouts, so that fault tests fail fast. */
  static RedisConfig config(RedisServer server) {
    return RedisConfig.builder()
        .url(server.url())
        .connectTimeout(Duration.ofSeconds(1))
        .socketTimeout(Duration.ofSeconds(2))
        .build();
  }
}
