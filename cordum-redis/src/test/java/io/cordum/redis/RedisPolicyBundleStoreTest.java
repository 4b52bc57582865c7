package io.cordum.redis;

import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PolicyBundleStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The policy bundle store contract on a private Redis server (flushed before each test). */
class RedisPolicyBundleStoreTest extends PolicyBundleStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  @Override
  protected PolicyBundleStore createStore(ManualClock clock, int snapshotLimit, int auditLimit) {
    return new RedisPolicyBundleStore(redis.flushed(), clock, snapshotLimit, auditLimit);
  }
}
