package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleSet;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.api.policy.PolicyBundleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PolicyBundleStore}, as one JUnit 5 suite every implementation runs. Extend
 * it and implement {@link #createStore(ManualClock, int, int)}: the store must keep at most {@code
 * snapshotLimit} snapshots and {@code auditLimit} audit entries, and take its time only from the
 * clock. Each test starts with an empty store.
 */
public abstract class PolicyBundleStoreContract {
  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

  private @Nullable PolicyBundleStore store;

  /** Creates an empty store with the given bounds. */
  protected abstract PolicyBundleStore createStore(
      ManualClock clock, int snapshotLimit, int auditLimit);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createBundleStore() {
    store = createStore(clock, 3, 4);
  }

  @AfterEach
  void cleanUpBundleStore() {
    cleanUp();
  }

  /** The store under test. */
  protected PolicyBundleStore store() {
    if (store == null) {
      throw new IllegalStateException("no store");
    }
    return store;
  }

  static PolicyBundle bundle(String id, String content, long version) {
    return PolicyBundle.builder(id)
        .content(content)
        .enabled(!id.endsWith("-draft"))
        .priority(id.length())
        .author("alice")
        .message("m " + id)
        .signature("")
        .createdAt(Instant.parse("2026-03-01T09:00:00.123456Z"))
        .updatedAt(Instant.parse("2026-03-01T09:30:00Z"))
        .version(version)
        .build();
  }

  static PolicyBundleSnapshot snap(String id, Map<String, PolicyBundle> bundles) {
    return new PolicyBundleSnapshot(
        id, Instant.parse("2026-03-01T10:00:00Z"), "note " + id, bundles);
  }

  static PolicyBundleAuditEntry audit(String id) {
    return new PolicyBundleAuditEntry(
        id,
        "publish",
        "bob",
        "admin",
        List.of("secops/a", "pack/x"),
        "msg",
        "note " + id,
        "before-" + id,
        "after-" + id,
        Instant.parse("2026-03-01T10:00:00.5Z"));
  }

  @Test
  void aNewStoreIsEmptyAtVersionZero() {
    assertThat(store().read()).isEqualTo(PolicyBundleSet.EMPTY);
    assertThat(store().snapshots()).isEmpty();
    assertThat(store().audit(10)).isEmpty();
    assertThat(store().snapshot("x")).isEmpty();
  }

  @Test
  void commitReplacesEveryBundleAndBumpsTheVersion() {
    PolicyBundle a = bundle("secops/a", "rules: []\n# ü", 1);
    PolicyBundle d = bundle("secops/b-draft", "version: x", 3);
    PolicyBundleSet one = store().commit(0, Map.of(a.id(), a, d.id(), d), List.of(), null);
    assertThat(one.version()).isEqualTo(1);
    assertThat(one.updatedAt()).isEqualTo(clock.instant());
    assertThat(store().read()).isEqualTo(one);
    assertThat(store().read().bundles()).containsOnlyKeys("secops/a", "secops/b-draft");
    assertThat(store().read().bundles().get("secops/a")).isEqualTo(a);
    assertThat(store().read().bundles().get("secops/b-draft")).isEqualTo(d);

    clock.advance(Duration.ofSeconds(1));
    PolicyBundleSet two = store().commit(1, Map.of(a.id(), a), List.of(), null);
    assertThat(two.version()).isEqualTo(2);
    assertThat(store().read().bundles()).containsOnlyKeys("secops/a");
    assertThat(store().read().updatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aStaleVersionIsAConflictAndWritesNothing() {
    PolicyBundle a = bundle("secops/a", "rules: []", 1);
    store().commit(0, Map.of(a.id(), a), List.of(), null);
    PolicyBundle b = bundle("secops/b", "rules: []", 1);
    assertThatThrownBy(
            () -> store().commit(0, Map.of(b.id(), b), List.of(snap("s1", Map.of())), audit("e1")))
        .isInstanceOf(ConflictException.class);
    assertThat(store().read().version()).isEqualTo(1);
    assertThat(store().read().bundles()).containsOnlyKeys("secops/a");
    assertThat(store().snapshots()).isEmpty();
    assertThat(store().audit(10)).isEmpty();
  }

  @Test
  void snapshotsAndAuditAreCommittedWithTheBundlesNewestFirstAndBounded() {
    PolicyBundle a = bundle("secops/a", "rules: []", 1);
    store()
        .commit(
            0,
            Map.of(a.id(), a),
            List.of(snap("s1", Map.of()), snap("s2", Map.of(a.id(), a))),
            audit("e1"));
    assertThat(store().snapshots())
        .extracting(PolicyBundleSnapshot::id)
        .containsExactly("s2", "s1");
    assertThat(store().snapshot("s2"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.bundles()).containsEntry(a.id(), a);
              assertThat(s.note()).isEqualTo("note s2");
              assertThat(s.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
            });
    assertThat(store().audit(10)).containsExactly(audit("e1"));
    store().commit(1, Map.of(), List.of(snap("s3", Map.of()), snap("s4", Map.of())), audit("e2"));
    store().addSnapshot(snap("s5", Map.of()), audit("e3"));
    store().addSnapshot(snap("s6", Map.of()), null);
    assertThat(store().snapshots())
        .extracting(PolicyBundleSnapshot::id)
        .containsExactly("s6", "s5", "s4");
    assertThat(store().snapshot("s1")).isEmpty();
    for (int i = 4; i <= 6; i++) {
      store().addSnapshot(snap("t" + i, Map.of()), audit("e" + i));
    }
    assertThat(store().audit(10))
        .extracting(PolicyBundleAuditEntry::id)
        .containsExactly("e6", "e5", "e4", "e3");
    assertThat(store().audit(2)).extracting(PolicyBundleAuditEntry::id).containsExactly("e6", "e5");
    assertThat(store().read().version()).isEqualTo(2);
  }

  @Test
  void restoringASnapshotGivesBackExactlyItsBundles() {
    PolicyBundle a1 = bundle("secops/a", "rules: [{id: one}]", 1);
    PolicyBundle p = bundle("pack/x", "rules: []", 1);
    store().commit(0, Map.of(a1.id(), a1, p.id(), p), List.of(), null);
    store().addSnapshot(snap("good", store().read().bundles()), null);
    PolicyBundle a2 = bundle("secops/a", "rules: [{id: two}]", 2);
    store().commit(1, Map.of(a2.id(), a2), List.of(), null);
    PolicyBundleSnapshot good = store().snapshot("good").orElseThrow();
    store().commit(2, good.bundles(), List.of(), null);
    assertThat(store().read().bundles()).isEqualTo(Map.of(a1.id(), a1, p.id(), p));
    assertThat(store().read().version()).isEqualTo(3);
  }

  @Test
  void concurrentCommitsOnTheSameVersionHaveExactlyOneWinner() throws Exception {
    int writers = 8;
    AtomicInteger won = new AtomicInteger();
    AtomicInteger lost = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < writers; i++) {
      PolicyBundle b = bundle("secops/w" + i, "rules: []", 1);
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  store().commit(0, Map.of(b.id(), b), List.of(), audit(b.id()));
                  won.incrementAndGet();
                } catch (ConflictException e) {
                  lost.incrementAndGet();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(won).hasValue(1);
    assertThat(lost).hasValue(writers - 1);
    assertThat(store().read().version()).isEqualTo(1);
    assertThat(store().read().bundles()).hasSize(1);
    assertThat(store().audit(10)).hasSize(1);
  }
}
