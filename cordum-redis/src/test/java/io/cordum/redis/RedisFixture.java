package io.cordum.redis;

import io.cordum.testkit.servers.RedisServer;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Redis (a private server, or a single-node cluster) and one client per test class, for the
 * contract tests: {@code @RegisterExtension static final RedisFixture redis =
 * RedisFixture.single();} then {@link #flushed()} in {@code createStore}.
 */
final class RedisFixture implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<Started> starter;
  private @Nullable Started started;

  /** Open class containers: @Nested classes get the callbacks too, and share the server. */
  private int depth;

  private record Started(AutoCloseable server, RedisConnections connections) {}

  private RedisFixture(Supplier<Started> starter) {
    this.starter = starter;
  }

  /** A private redis-server (skipped without one; failed under CI=true). */
  static RedisFixture single() {
    return new RedisFixture(
        () -> {
          RedisServer server = RedisServer.start();
          return new Started(server, RedisConnections.create(TestRedis.config(server)));
        });
  }

  /** A single-node Redis Cluster, reached through Jedis's cluster client. */
  static RedisFixture cluster() {
    return new RedisFixture(
        () -> {
          SingleNodeCluster cluster = SingleNodeCluster.start();
          return new Started(
              cluster,
              RedisConnections.create(
                  RedisConfig.builder()
                      .url(cluster.url())
                      .clusterNodes(List.of(cluster.node()))
                      .build()));
        });
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (depth++ == 0) {
      started = starter.get();
    }
  }

  /** The client, after emptying the server so that each test starts with an empty store. */
  RedisConnections flushed() {
    if (started == null) {
      throw new IllegalStateException("the fixture has not started");
    }
    started.connections().client().flushAll();
    return started.connections();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (--depth == 0 && started != null) {
      started.connections().close();
      started.server().close();
    }
  }
}
