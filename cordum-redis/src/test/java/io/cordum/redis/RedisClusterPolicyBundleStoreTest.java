package io.cordum.redis;

import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PolicyBundleStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The policy bundle store contract through the cluster client (scripts must be single-slot). */
class RedisClusterPolicyBundleStoreTest extends PolicyBundleStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected PolicyBundleStore createStore(ManualClock clock, int snapshotLimit, int auditLimit) {
    return new RedisPolicyBundleStore(redis.flushed(), clock, snapshotLimit, auditLimit);
  }
}
