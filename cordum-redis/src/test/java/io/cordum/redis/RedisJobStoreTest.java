package io.cordum.redis;

import io.cordum.api.job.JobStore;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The job store contract on a private Redis server (flushed before each test). */
class RedisJobStoreTest extends JobStoreContract {
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
  protected JobStore createStore(ManualClock clock) {
    connections.client().flushAll();
    return new RedisJobStore(connections, clock);
  }
}
