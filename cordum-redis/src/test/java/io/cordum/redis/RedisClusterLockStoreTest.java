package io.cordum.redis;

import io.cordum.api.lock.LockStore;
import io.cordum.testkit.LockStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock store contract through Jedis's cluster client on a Redis in cluster mode. */
class RedisClusterLockStoreTest extends LockStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected LockStore createStore(ManualClock clock) {
    return new RedisLockStore(redis.flushed(), clock);
  }
}
