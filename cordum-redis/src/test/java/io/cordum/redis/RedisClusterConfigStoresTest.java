package io.cordum.redis;

import io.cordum.api.config.ConfigStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.testkit.ConfigStoreContract;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.SchemaStoreContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The config and schema store contracts on a Redis in cluster mode: every multi-key script (getAll
 * of five documents, a schema with its listing) must stay in one slot, or it fails with CROSSSLOT.
 */
class RedisClusterConfigStoresTest {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Nested
  class Config extends ConfigStoreContract {
    @Override
    protected ConfigStore createStore(ManualClock clock) {
      return new RedisConfigStore(redis.flushed(), clock);
    }
  }

  @Nested
  class Schemas extends SchemaStoreContract {
    @Override
    protected SchemaStore createStore(ManualClock clock) {
      return new RedisSchemaStore(redis.flushed(), clock);
    }
  }
}
