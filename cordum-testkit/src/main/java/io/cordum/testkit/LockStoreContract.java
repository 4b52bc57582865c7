package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.lock.LockInfo;
import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockNotHeldException;
import io.cordum.api.lock.LockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LockStore}, as one JUnit 5 suite that every implementation runs. Extend it
 * and implement {@link #createStore(ManualClock)}. The store must take the time only from the given
 * clock: the suite makes holds lapse by advancing it.
 */
public abstract class LockStoreContract {
  /** The hold time the tests use. */
  protected static final Duration TTL = Duration.ofSeconds(30);

  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable LockStore store;
  private String prefix = "";

  /** Creates the store under test, taking the time from {@code clock}. */
  protected abstract LockStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createLockStore() {
    prefix = "res-" + Long.toHexString(System.nanoTime()) + "-";
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpLockStore() {
    cleanUp();
  }

  /** The store under test. */
  protected LockStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** A resource name unique to this test. */
  protected String res(String name) {
    return prefix + name;
  }

  private LockInfo acquire(String resource, String owner, LockMode mode) {
    Optional<LockInfo> lock = store().tryAcquire(resource, owner, mode, TTL);
    assertThat(lock).as("%s gets %s on %s", owner, mode, resource).isPresent();
    return lock.orElseThrow();
  }

  @Test
  void exclusiveLockExcludesOthersUntilReleased() {
    LockInfo a = acquire(res("r"), "A", LockMode.EXCLUSIVE);
    assertThat(a.mode()).isEqualTo(LockMode.EXCLUSIVE);
    assertThat(a.owners()).containsOnlyKeys("A");

    assertThat(store().tryAcquire(res("r"), "B", LockMode.EXCLUSIVE, TTL)).isEmpty();
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, TTL)).isEmpty();

    assertThat(store().release(res("r"), "A")).isEmpty();
    assertThat(acquire(res("r"), "B", LockMode.EXCLUSIVE).owners()).containsOnlyKeys("B");
  }

  @Test
  void sharedOwnersExcludeAnExclusiveRequest() {
    acquire(res("r"), "A", LockMode.SHARED);
    LockInfo both = acquire(res("r"), "B", LockMode.SHARED);
    assertThat(both.mode()).isEqualTo(LockMode.SHARED);
    assertThat(both.owners()).containsOnlyKeys("A", "B");

    assertThat(store().tryAcquire(res("r"), "C", LockMode.EXCLUSIVE, TTL)).isEmpty();

    assertThat(store().release(res("r"), "A"))
        .get()
        .satisfies(l -> assertThat(l.owners()).containsOnlyKeys("B"));
    assertThat(store().get(res("r"))).isPresent();
    assertThat(store().release(res("r"), "B")).isEmpty();
    assertThat(store().get(res("r"))).isEmpty();
  }

  @Test
  void ownerRenewsItsHold() {
    assertThat(store().tryAcquire(res("r"), "A", LockMode.EXCLUSIVE, Duration.ofSeconds(2)))
        .isPresent();
    clock.advance(Duration.ofSeconds(1));

    LockInfo renewed = store().renew(res("r"), "A", Duration.ofSeconds(3));

    assertThat(Objects.requireNonNull(renewed.owners().get("A")).expiresAt())
        .isEqualTo(clock.instant().plusSeconds(3));
    clock.advance(Duration.ofSeconds(2)); // past the first expiry
    assertThat(store().get(res("r"))).get().satisfies(l -> assertThat(l.heldBy("A")).isTrue());
  }

  // A non-owner's release or renew is refused, not reported as done.
  @Test
  void nonOwnerGetsATypedRefusal() {
    acquire(res("r"), "A", LockMode.EXCLUSIVE);

    assertThatThrownBy(() -> store().release(res("r"), "B"))
        .isInstanceOfSatisfying(
            LockNotHeldException.class,
            e -> {
              assertThat(e.resource()).isEqualTo(res("r"));
              assertThat(e.owner()).isEqualTo("B");
              assertThat(e.type()).isEqualTo("lock_not_held");
            });
    assertThatThrownBy(() -> store().renew(res("r"), "B", TTL))
        .isInstanceOf(LockNotHeldException.class);
    assertThat(store().get(res("r")).orElseThrow().owners()).containsOnlyKeys("A");
  }

  @Test
  void releaseOrRenewOfAMissingLockIsRefused() {
    assertThatThrownBy(() -> store().release(res("none"), "A"))
        .isInstanceOf(LockNotHeldException.class);
    assertThatThrownBy(() -> store().renew(res("none"), "A", TTL))
        .isInstanceOf(LockNotHeldException.class);
  }

  @Test
  void getOfAFreeResourceIsEmpty() {
    assertThat(store().get(res("none"))).isEmpty();
  }

  // Each owner's hold lapses on its own.
  @Test
  void eachOwnersHoldLapsesOnItsOwn() {
    assertThat(store().tryAcquire(res("r"), "A", LockMode.SHARED, Duration.ofSeconds(10)))
        .isPresent();
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, Duration.ofSeconds(60)))
        .isPresent();

    clock.advance(Duration.ofSeconds(11));

    assertThat(store().get(res("r")).orElseThrow().owners()).containsOnlyKeys("B");
    assertThatThrownBy(() -> store().renew(res("r"), "A", TTL))
        .isInstanceOf(LockNotHeldException.class);
    assertThat(store().tryAcquire(res("r"), "C", LockMode.EXCLUSIVE, TTL)).isEmpty();

    clock.advance(Duration.ofSeconds(50));
    assertThat(acquire(res("r"), "C", LockMode.EXCLUSIVE).owners()).containsOnlyKeys("C");
  }

  @Test
  void anotherOwnersAcquireDoesNotShortenAHold() {
    assertThat(store().tryAcquire(res("r"), "A", LockMode.SHARED, Duration.ofSeconds(60)))
        .isPresent();
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, Duration.ofSeconds(5)))
        .isPresent();
    store().renew(res("r"), "B", Duration.ofSeconds(5));

    clock.advance(Duration.ofSeconds(6));

    LockInfo lock = store().get(res("r")).orElseThrow();
    assertThat(lock.owners()).containsOnlyKeys("A");
    assertThat(Objects.requireNonNull(lock.owners().get("A")).expiresAt())
        .isEqualTo(clock.instant().minusSeconds(6).plusSeconds(60));
    assertThat(lock.expiresAt())
        .isEqualTo(Objects.requireNonNull(lock.owners().get("A")).expiresAt());
  }

  @Test
  void aLapsedExclusiveHoldFreesTheLockAndIsLost() {
    acquire(res("r"), "A", LockMode.EXCLUSIVE);
    clock.advance(TTL.minusMillis(1));
    assertThat(store().tryAcquire(res("r"), "B", LockMode.EXCLUSIVE, TTL)).isEmpty();

    clock.advance(Duration.ofMillis(1));

    assertThat(store().get(res("r"))).isEmpty();
    acquire(res("r"), "B", LockMode.EXCLUSIVE);
    assertThatThrownBy(() -> store().release(res("r"), "A"))
        .isInstanceOf(LockNotHeldException.class);
    assertThat(store().get(res("r")).orElseThrow().owners()).containsOnlyKeys("B");
  }

  @Test
  void holdsAreReentrant() {
    acquire(res("r"), "A", LockMode.EXCLUSIVE);
    LockInfo twice = acquire(res("r"), "A", LockMode.EXCLUSIVE);
    assertThat(twice.holdCount("A")).isEqualTo(2);

    LockInfo once = store().release(res("r"), "A").orElseThrow();
    assertThat(once.holdCount("A")).isEqualTo(1);
    assertThat(store().tryAcquire(res("r"), "B", LockMode.EXCLUSIVE, TTL)).isEmpty();

    assertThat(store().release(res("r"), "A")).isEmpty();
    assertThatThrownBy(() -> store().release(res("r"), "A"))
        .isInstanceOf(LockNotHeldException.class);
  }

  @Test
  void sharedRequestOfTheExclusiveOwnerIsReentrantAndStaysExclusive() {
    acquire(res("r"), "A", LockMode.EXCLUSIVE);

    LockInfo lock = acquire(res("r"), "A", LockMode.SHARED);

    assertThat(lock.mode()).isEqualTo(LockMode.EXCLUSIVE);
    assertThat(lock.holdCount("A")).isEqualTo(2);
  }

  @Test
  void sharedHoldsCountPerOwner() {
    acquire(res("r"), "A", LockMode.SHARED);
    acquire(res("r"), "A", LockMode.SHARED);
    acquire(res("r"), "B", LockMode.SHARED);

    LockInfo lock = store().get(res("r")).orElseThrow();
    assertThat(lock.holdCount("A")).isEqualTo(2);
    assertThat(lock.holdCount("B")).isEqualTo(1);
  }

  @Test
  void soleSharedOwnerUpgradesToExclusive() {
    acquire(res("r"), "A", LockMode.SHARED);

    LockInfo up = acquire(res("r"), "A", LockMode.EXCLUSIVE);

    assertThat(up.mode()).isEqualTo(LockMode.EXCLUSIVE);
    assertThat(up.holdCount("A")).isEqualTo(2);
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, TTL)).isEmpty();
    // no downgrade: still exclusive after the shared hold's release
    assertThat(store().release(res("r"), "A").orElseThrow().mode()).isEqualTo(LockMode.EXCLUSIVE);
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, TTL)).isEmpty();
  }

  @Test
  void upgradeFailsWhileAnotherSharedOwnerHolds() {
    acquire(res("r"), "A", LockMode.SHARED);
    acquire(res("r"), "B", LockMode.SHARED);

    assertThat(store().tryAcquire(res("r"), "A", LockMode.EXCLUSIVE, TTL)).isEmpty();

    LockInfo lock = store().get(res("r")).orElseThrow();
    assertThat(lock.mode()).isEqualTo(LockMode.SHARED);
    assertThat(lock.holdCount("A")).isEqualTo(1);
  }

  @Test
  void upgradeSucceedsOnceTheOtherSharedHoldLapsed() {
    assertThat(store().tryAcquire(res("r"), "A", LockMode.SHARED, Duration.ofSeconds(60)))
        .isPresent();
    assertThat(store().tryAcquire(res("r"), "B", LockMode.SHARED, Duration.ofSeconds(5)))
        .isPresent();
    clock.advance(Duration.ofSeconds(5));

    assertThat(acquire(res("r"), "A", LockMode.EXCLUSIVE).mode()).isEqualTo(LockMode.EXCLUSIVE);
  }

  @Test
  void fencingTokenIncreasesWithEveryExclusiveGrant() {
    long t1 = acquire(res("r"), "A", LockMode.EXCLUSIVE).fencingToken();
    long t2 = acquire(res("r"), "A", LockMode.EXCLUSIVE).fencingToken();
    store().release(res("r"), "A");
    store().release(res("r"), "A");
    long t3 = acquire(res("r"), "B", LockMode.EXCLUSIVE).fencingToken();
    store().release(res("r"), "B");
    long shared = acquire(res("r"), "C", LockMode.SHARED).fencingToken();
    long t4 = acquire(res("r"), "C", LockMode.EXCLUSIVE).fencingToken(); // upgrade

    assertThat(t1).isPositive();
    assertThat(t2).isGreaterThan(t1);
    assertThat(t3).isGreaterThan(t2);
    assertThat(shared).isEqualTo(t3);
    assertThat(t4).isGreaterThan(t3);
  }

  @Test
  void fencingTokenKeepsIncreasingAfterAHoldLapsed() {
    long t1 = acquire(res("r"), "A", LockMode.EXCLUSIVE).fencingToken();
    clock.advance(TTL.multipliedBy(3));

    long t2 = acquire(res("r"), "B", LockMode.EXCLUSIVE).fencingToken();

    assertThat(t2).isGreaterThan(t1);
  }

  @Test
  void resourcesAreIndependent() {
    acquire(res("a"), "A", LockMode.EXCLUSIVE);

    assertThat(acquire(res("b"), "B", LockMode.EXCLUSIVE).owners()).containsOnlyKeys("B");
  }

  @Test
  void resourceAndOwnerAreTrimmed() {
    acquire(" " + res("r") + " ", " A ", LockMode.EXCLUSIVE);

    LockInfo lock = store().get(res("r")).orElseThrow();
    assertThat(lock.resource()).isEqualTo(res("r"));
    assertThat(lock.owners()).containsOnlyKeys("A");
    assertThat(store().release(res("r"), "A")).isEmpty();
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> store().tryAcquire(" ", "A", LockMode.SHARED, TTL))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("resource"));
    assertThatThrownBy(() -> store().tryAcquire(res("r"), "", LockMode.SHARED, TTL))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("owner"));
    assertThatThrownBy(() -> store().tryAcquire(res("r"), "A", LockMode.SHARED, Duration.ZERO))
        .isInstanceOf(ValidationException.class);
    acquire(res("r"), "A", LockMode.SHARED);
    assertThatThrownBy(() -> store().renew(res("r"), "A", Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class);
    assertThat(store().get(res("r"))).isPresent();
  }

  @Test
  void lockViewReportsTimes() {
    LockInfo lock = acquire(res("r"), "A", LockMode.EXCLUSIVE);

    assertThat(lock.updatedAt()).isEqualTo(clock.instant());
    assertThat(lock.expiresAt()).isEqualTo(clock.instant().plus(TTL));
  }

  @Test
  void racingExclusiveAcquiresGiveExactlyOneOwner() throws Exception {
    for (int round = 0; round < 10; round++) {
      String resource = res("race-" + round);
      AtomicInteger ids = new AtomicInteger();
      List<Optional<LockInfo>> results =
          Races.run(
              8,
              () ->
                  store()
                      .tryAcquire(
                          resource, "owner-" + ids.incrementAndGet(), LockMode.EXCLUSIVE, TTL));

      assertThat(results.stream().filter(Optional::isPresent).count())
          .as("winners of round %d", round)
          .isEqualTo(1);
      assertThat(store().get(resource).orElseThrow().owners()).hasSize(1);
    }
  }

  @Test
  void racingSharedAcquiresAreAllCounted() throws Exception {
    AtomicInteger ids = new AtomicInteger();
    List<Optional<LockInfo>> results =
        Races.run(
            8,
            () ->
                store()
                    .tryAcquire(
                        res("shared"), "owner-" + ids.incrementAndGet(), LockMode.SHARED, TTL));

    assertThat(results).allMatch(Optional::isPresent);
    assertThat(store().get(res("shared")).orElseThrow().owners()).hasSize(8);
  }

  @Test
  void racingReleasesOfOneOwnerNeverGoBelowZero() throws Exception {
    for (int i = 0; i < 4; i++) {
      acquire(res("r"), "A", LockMode.SHARED);
    }
    List<Boolean> released =
        new ArrayList<>(
            Races.run(
                8,
                () -> {
                  try {
                    store().release(res("r"), "A");
                    return true;
                  } catch (LockNotHeldException e) {
                    return false;
                  }
                }));

    assertThat(released.stream().filter(b -> b).count()).isEqualTo(4);
    assertThat(store().get(res("r"))).isEmpty();
  }
}
