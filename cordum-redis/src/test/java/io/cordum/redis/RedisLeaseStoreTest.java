package io.cordum.redis;

import io.cordum.api.lock.LeaseStore;
import io.cordum.testkit.LeaseStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lease store contract on a private Redis server (flushed before each test). */
class RedisLeaseStoreTest extends LeaseStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  @Override
  protected LeaseStore createStore(ManualClock clock) {
    return new RedisLeaseStore(redis.flushed(), clock);
  }
}
