package io.cordum.redis;

import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PointerStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pointer store contract on a private Redis server (flushed before each test). */
class RedisPointerStoreTest extends PointerStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  @Override
  protected PointerStore createStore(ManualClock clock) {
    return new RedisPointerStore(redis.flushed(), clock);
  }
}
