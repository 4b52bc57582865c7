package io.cordum.redis;

import io.cordum.testkit.servers.RedisServer;
import org.junit.jupiter.api.BeforeAll;

/** The pointer store's Redis layout and interoperability on a single server. */
class RedisPointerInteropTest extends PointerInteropCases {
  private RedisServer server;

  @BeforeAll
  void startServer() {
    server = RedisServer.start();
  }

  @Override
  RedisConfig.Builder config() {
    return TestRedis.config(server).toBuilder();
  }

  @Override
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }
}
