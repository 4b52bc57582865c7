package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The pointer store's Redis layout and interoperability on a Redis in cluster mode, where a blob
 * and its sidecar are in different slots, so that no script or transaction may take both.
 */
class RedisClusterPointerInteropTest extends PointerInteropCases {
  private SingleNodeCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = SingleNodeCluster.start();
  }

  @Override
  RedisConfig.Builder config() {
    return RedisConfig.builder().url(cluster.url()).clusterNodes(List.of(cluster.node()));
  }

  @Override
  void stopServer() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void blobAndSidecarAreInDifferentSlotsWhichTheServerEnforces() {
    assertThat(JedisClusterCRC16.getSlot("ctx:j1"))
        .isNotEqualTo(JedisClusterCRC16.getSlot("cordum-exp:ctx:j1"));
    // The single-server script would be refused here, by the cluster client and by the server:
    // the cluster path must not use it.
    assertThatThrownBy(
            () -> redis().eval("return 1", List.of("ctx:j1", "cordum-exp:ctx:j1"), List.of()))
        .isInstanceOf(JedisClusterOperationException.class);
    HostAndPort node = HostAndPort.from(cluster.node());
    try (Jedis direct = new Jedis(node.getHost(), node.getPort())) {
      assertThatThrownBy(
              () -> direct.eval("return 1", List.of("ctx:j1", "cordum-exp:ctx:j1"), List.of()))
          .isInstanceOf(JedisDataException.class)
          .hasMessageContaining("CROSSSLOT");
    }

    String ptr = store().putContext("j1", bytes("input"));
    assertThat(store().get(ptr)).isPresent();
    assertThat(store().delete(ptr)).isTrue();
  }
}
