package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockStore;
import io.cordum.testkit.LockStoreContract;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the lock store contract against {@link InMemoryLockStore}, plus its own guarantees. */
class InMemoryLockStoreTest extends LockStoreContract {
  @Override
  protected LockStore createStore(ManualClock clock) {
    return new InMemoryLockStore(clock);
  }

  @Test
  void freeLocksAreDroppedAfterTheFenceRetention() {
    InMemoryLockStore s = (InMemoryLockStore) store();
    for (int i = 0; i < 50; i++) {
      s.tryAcquire("old-" + i, "A", LockMode.EXCLUSIVE, TTL);
    }
    clock.advance(InMemoryLockStore.FENCE_RETENTION.plus(Duration.ofSeconds(1)));

    s.tryAcquire("fresh", "A", LockMode.SHARED, TTL);

    assertThat(s.footprint()).isEqualTo(2); // the fresh record and its due time
  }
}
