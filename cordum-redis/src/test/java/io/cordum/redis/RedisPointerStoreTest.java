package io.cordum.redis;

import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PointerStoreContract;
import io.cordum.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pointer store contract on a private Redis server (flushed before each test). */
class RedisPointerStoreTest extends PointerStoreContract {
  private static RedisServer server;
  private static RedisConnections connections;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
    connections = RedisConnections.create(TestRedis.config(server));
  }

  @AfterAll
  static void stopServer() {
    if (connections != null) {
      connections.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected PointerStore createStore(ManualClock clock) {
    connections.client().flushAll();
    return new RedisPointerStore(connections, clock);
  }
}
