package io.cordum.redis;

import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.testkit.ArtifactStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact store contract through Jedis's cluster client on a Redis in cluster mode. */
class RedisClusterArtifactStoreTest extends ArtifactStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected ArtifactStore createStore(ManualClock clock, ArtifactConfig config) {
    return new RedisArtifactStore(redis.flushed(), clock, config);
  }
}
