package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.lock.Lease;
import io.cordum.api.lock.LeaseStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LeaseStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore(ManualClock)}:
 *
 * <pre>{@code
 * class MyLeaseStoreTest extends LeaseStoreContract {
 *   @Override protected LeaseStore createStore(ManualClock clock) {
 *     return new MyLeaseStore(clock);
 *   }
 * }
 * }</pre>
 *
 * <p>The store must take the time only from the given clock: the suite makes leases lapse by
 * advancing it. Each test uses fresh keys, and {@link #cleanUp()} runs after each test.
 */
public abstract class LeaseStoreContract {
  /** The lease time the tests use. */
  protected static final Duration TTL = Duration.ofSeconds(30);

  /** The clock of the store under test; advance it to make time pass. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable LeaseStore store;
  private String prefix = "";

  /** Creates the store under test, taking the time from {@code clock}. */
  protected abstract LeaseStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createLeaseStore() {
    prefix = "lease-" + Long.toHexString(System.nanoTime()) + "-";
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpLeaseStore() {
    cleanUp();
  }

  /** The store under test. */
  protected LeaseStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  private String key(String name) {
    return prefix + name;
  }

  private Lease acquire(String key) {
    Optional<Lease> lease = store().tryAcquire(key, TTL);
    assertThat(lease).as("lease on %s", key).isPresent();
    return lease.orElseThrow();
  }

  private void assertHeld(String key) {
    assertThat(store().tryAcquire(key, TTL)).as("%s is held", key).isEmpty();
  }

  @Test
  void acquiresAFreeKey() {
    Lease lease = acquire(key("a"));

    assertThat(lease.key()).isEqualTo(key("a"));
    assertThat(lease.token()).isNotBlank();
    assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(TTL));
  }

  @Test
  void secondAcquireOfAHeldKeyIsEmpty() {
    acquire(key("a"));

    assertHeld(key("a"));
  }

  @Test
  void keysAreIndependent() {
    acquire(key("a"));

    assertThat(store().tryAcquire(key("b"), TTL)).isPresent();
  }

  @Test
  void tokensAreUnique() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Lease lease = acquire(key("k" + i));
      tokens.add(lease.token());
      assertThat(store().release(lease)).isTrue();
      tokens.add(acquire(key("k" + i)).token());
    }
    assertThat(tokens).hasSize(100);
  }

  @Test
  void releaseByHolderFreesTheKey() {
    Lease lease = acquire(key("a"));

    assertThat(store().release(lease)).isTrue();

    Lease next = acquire(key("a"));
    assertThat(next.token()).isNotEqualTo(lease.token());
  }

  @Test
  void releaseTwiceReturnsFalseTheSecondTime() {
    Lease lease = acquire(key("a"));
    assertThat(store().release(lease)).isTrue();

    assertThat(store().release(lease)).isFalse();
  }

  @Test
  void wrongTokenNeitherReleasesNorRenews() {
    Lease lease = acquire(key("a"));
    Lease forged = new Lease(lease.key(), lease.token() + "x", lease.expiresAt());

    assertThat(store().release(forged)).isFalse();
    assertThat(store().renew(forged, TTL)).isFalse();

    assertHeld(key("a"));
    assertThat(store().renew(lease, TTL)).isTrue();
    assertThat(store().release(lease)).isTrue();
  }

  @Test
  void tokenOfAnotherKeyDoesNotWork() {
    Lease a = acquire(key("a"));
    acquire(key("b"));
    Lease wrongKey = new Lease(key("b"), a.token(), a.expiresAt());

    assertThat(store().release(wrongKey)).isFalse();
    assertHeld(key("b"));
  }

  @Test
  void staleTokenDoesNotAffectTheNextHolder() {
    Lease first = acquire(key("a"));
    assertThat(store().release(first)).isTrue();
    Lease second = acquire(key("a"));

    assertThat(store().release(first)).isFalse();
    assertThat(store().renew(first, TTL)).isFalse();

    assertHeld(key("a"));
    assertThat(store().release(second)).isTrue();
  }

  @Test
  void heldUntilTheTtlRunsOut() {
    acquire(key("a"));

    clock.advance(TTL.minusMillis(1));

    assertHeld(key("a"));
  }

  @Test
  void lapsedLeaseCanBeTakenAndTheOldHolderLosesIt() {
    Lease old = acquire(key("a"));
    clock.advance(TTL.plusMillis(1));

    Lease taken = acquire(key("a"));

    assertThat(taken.token()).isNotEqualTo(old.token());
    assertThat(store().renew(old, TTL)).isFalse();
    assertThat(store().release(old)).isFalse();
    assertHeld(key("a"));
    assertThat(store().release(taken)).isTrue();
  }

  @Test
  void renewExtendsTheLease() {
    Lease lease = acquire(key("a"));
    clock.advance(TTL.dividedBy(2));

    assertThat(store().renew(lease, TTL)).isTrue();

    clock.advance(TTL.dividedBy(2).plusMillis(1)); // past the original expiry
    assertHeld(key("a"));
    clock.advance(TTL.dividedBy(2)); // past the renewed expiry
    assertThat(store().tryAcquire(key("a"), TTL)).isPresent();
  }

  @Test
  void renewedLeaseIsStillReleasedByItsToken() {
    Lease lease = acquire(key("a"));
    assertThat(store().renew(lease, TTL.multipliedBy(2))).isTrue();

    assertThat(store().release(lease)).isTrue();
    assertThat(store().tryAcquire(key("a"), TTL)).isPresent();
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> store().tryAcquire(" ", TTL)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().tryAcquire(key("a"), Duration.ZERO))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().tryAcquire(key("a"), Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class);
    Lease lease = acquire(key("a"));
    assertThatThrownBy(() -> store().renew(lease, Duration.ZERO))
        .isInstanceOf(ValidationException.class);
    assertHeld(key("a"));
  }

  @Test
  void racingAcquiresGiveExactlyOneLease() throws Exception {
    for (int round = 0; round < 20; round++) {
      String key = key("race-" + round);
      List<Optional<Lease>> results = Races.run(8, () -> store().tryAcquire(key, TTL));

      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("winners of round %d", round)
          .isEqualTo(1);
    }
  }
}
