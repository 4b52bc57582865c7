package io.cordum.redis;

import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PointerStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pointer store contract on a Redis in cluster mode, through Jedis's cluster client:
 * blobs and their expiry sidecars are in different slots there, so the store must get by with
 * single-key commands (a command or script spanning both would fail with CROSSSLOT).
 */
class RedisClusterPointerStoreTest extends PointerStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.cluster();

  @Override
  protected PointerStore createStore(ManualClock clock) {
    return new RedisPointerStore(redis.flushed(), clock);
  }
}
