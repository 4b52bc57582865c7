package io.cordum.redis;

import io.cordum.testkit.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Group commit on Redis Cluster, through Jedis's cluster client: every job-store key has one hash
 * tag, so a batch of many jobs' writes is one slot on one node, as each write is.
 */
class RedisClusterGroupCommitTest {
  @Test
  void writesMadeWhileABatchIsInFlightGoTogetherEachWithItsOwnOutcome() throws Exception {
    try (SingleNodeCluster cluster = SingleNodeCluster.start();
        RedisConnections connections =
            RedisConnections.create(
                RedisConfig.builder()
                    .url(cluster.url())
                    .clusterNodes(List.of(cluster.node()))
                    .jobWriteBatch(32)
                    .maxConnections(4) // one write call in flight
                    .build());
        RedisConnections node =
            RedisConnections.create(RedisConfig.builder().url(cluster.url()).build());
        GroupCommitCases cases =
            new GroupCommitCases(
                new RedisJobStore(connections, new ManualClock()), node.client())) {
      cases.mixedOutcomesInOneBatch();
    }
  }
}
