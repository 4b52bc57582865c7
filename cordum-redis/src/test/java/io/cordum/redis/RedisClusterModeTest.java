package io.cordum.redis;

import io.cordum.api.job.JobStore;
import io.cordum.testkit.JobStoreContract;
import io.cordum.testkit.ManualClock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole job store contract on a Redis in cluster mode, through Jedis's cluster client: a
 * script whose keys spanned two slots would fail with CROSSSLOT, so this proves the single-slot
 * key layout of every script (and that the store works with the cluster client).
 */
class RedisClusterModeTest extends JobStoreContract {
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
  protected JobStore createStore(ManualClock clock) {
    connections.client().flushAll();
    return new RedisJobStore(connections, clock);
  }
}
