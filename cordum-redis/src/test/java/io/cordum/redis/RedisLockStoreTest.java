package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockStore;
import io.cordum.testkit.LockStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock store contract on a private Redis server (flushed before each test). */
class RedisLockStoreTest extends LockStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected LockStore createStore(ManualClock clock) {
    connections = redis.flushed();
    return new RedisLockStore(connections, clock);
  }

  @Test
  void aLockIsOneHashWithOneFieldPerOwnerAndARealTtl() {
    assertThat(store().tryAcquire(res("r"), "A", LockMode.SHARED, TTL)).isPresent();
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, TTL)).isPresent();

    String key = "cordum:lock:" + res("r");
    assertThat(connections.client().type(key)).isEqualTo("hash");
    assertThat(connections.client().hgetAll(key))
        .containsKeys("mode", "fence", "updated_at", "o:A", "o:B")
        .containsEntry("mode", "shared");
    assertThat(connections.client().pttl(key))
        .isGreaterThan(RedisLockStore.FENCE_RETENTION.toMillis() - 60_000);
  }

  @Test
  void aFreeLockKeepsItsFenceButReadsAsFree() {
    long t1 =
        store().tryAcquire(res("r"), "A", LockMode.EXCLUSIVE, TTL).orElseThrow().fencingToken();
    store().release(res("r"), "A");

    String key = "cordum:lock:" + res("r");
    assertThat(connections.client().hget(key, "fence")).isEqualTo(Long.toString(t1));
    assertThat(connections.client().hget(key, "mode")).isEmpty();
    assertThat(store().get(res("r"))).isEmpty();
  }
}
