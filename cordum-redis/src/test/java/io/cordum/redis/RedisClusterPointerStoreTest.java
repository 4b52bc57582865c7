package io.cordum.redis;

import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PointerStoreContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole pointer store contract on a Redis in cluster mode, through Jedis's cluster client:
 * blobs and their expiry sidecars are in different slots there, so the store must get by with
 * single-key commands (a command or script spanning both would fail with CROSSSLOT).
 */
class RedisClusterPointerStoreTest extends PointerStoreContract {
  private static SingleNodeCluster cluster;
  private static RedisConnections connections;

  @BeforeAll
  static void startCluster() {
    cluster = SingleNodeCluster.start();
    connections = RedisConnections.create(RedisConfig.builder().url(cluster.url())
        .clusterNodes(List.of(cluster.node())).build());
  }

  @AfterAll
  static void stopCluster() {
    if (connections != null) {
      connections.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected PointerStore createStore(ManualClock clock) {
    connections.client().flushAll();
    return new RedisPointerStore(connections, clock);
  }
}
