package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.lock.Lease;
import io.cordum.api.lock.LeaseStore;
import io.cordum.testkit.LeaseStoreContract;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.Test;

/** Runs the lease store contract against {@link InMemoryLeaseStore}, plus its own guarantees. */
class InMemoryLeaseStoreTest extends LeaseStoreContract {
  @Override
  protected LeaseStore createStore(ManualClock clock) {
    return new InMemoryLeaseStore(clock);
  }

  @Test
  void aLapsedLeaseIsLostEvenIfNoOneTookIt() {
    Lease lease = store().tryAcquire("k", TTL).orElseThrow();
    clock.advance(TTL);

    assertThat(store().renew(lease, TTL)).isFalse();
    assertThat(store().release(lease)).isFalse();
    assertThat(store().tryAcquire("k", TTL)).isPresent();
  }

  @Test
  void lapsedLeasesArePurgedByLaterAcquires() {
    InMemoryLeaseStore s = (InMemoryLeaseStore) store();
    for (int i = 0; i < 100; i++) {
      s.tryAcquire("old-" + i, TTL);
    }
    clock.advance(TTL.plusSeconds(1));

    s.tryAcquire("fresh", TTL);

    assertThat(s.footprint()).isEqualTo(2); // the lease and its due time
  }

  @Test
  void tokensAreRandomUuids() {
    Lease lease = store().tryAcquire("k", TTL).orElseThrow();

    assertThat(java.util.UUID.fromString(lease.token()).version()).isEqualTo(4);
  }
}
