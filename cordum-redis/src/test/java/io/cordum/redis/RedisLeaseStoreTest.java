package io.cordum.redis;

import io.cordum.api.lock.LeaseStore;
import io.cordum.testkit.LeaseStoreContract;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The lease store contract on a private Redis server (flushed before each test). */
class RedisLeaseStoreTest extends LeaseStoreContract {
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
  protected LeaseStore createStore(ManualClock clock) {
    connections.client().flushAll();
    return new RedisLeaseStore(connections, clock);
  }
}
