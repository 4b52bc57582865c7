package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.api.worker.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WorkerRegistry}, as one JUnit 5 suite that every implementation runs.
 * Extend it and implement {@link #createRegistry(ManualClock, Duration)}; the registry must read
 * time only from the given clock, which the tests advance.
 *
 * <p>Semantics checked: each heartbeat replaces the worker's entry (no merging) and stamps it with
 * the clock's time; an entry whose age is at most the TTL is live, an older one is gone; a
 * heartbeat with a blank worker id is ignored, since nothing could be routed to it.
 */
public abstract class WorkerRegistryContract {
  /** The TTL the suite's registries are created with. */
  protected static final Duration TTL = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private @Nullable WorkerRegistry registry;

  /** Creates a fresh registry reading time from {@code clock}; the suite closes it. */
  protected abstract WorkerRegistry createRegistry(ManualClock clock, Duration ttl);

  @BeforeEach
  void openRegistry() {
    registry = createRegistry(clock, TTL);
  }

  @AfterEach
  void closeRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** The registry under test. */
  protected final WorkerRegistry registry() {
    if (registry == null) {
      throw new IllegalStateException("no registry: createRegistry() has not run");
    }
    return registry;
  }

  /** The clock the registry under test reads. */
  protected final ManualClock clock() {
    return clock;
  }

  /** A heartbeat of one worker in one pool. */
  protected static Heartbeat heartbeat(String workerId, String pool) {
    return Heartbeat.builder().workerId(workerId).pool(pool).maxParallelJobs(4).build();
  }

  @Test
  void anUpdateIsInTheSnapshotWithItsPoolAndReceiveTime() {
    Heartbeat hb = heartbeat("w1", "default");

    registry().update(hb);

    Map<String, WorkerInfo> snapshot = registry().snapshot();
    assertThat(snapshot).containsOnlyKeys("w1");
    WorkerInfo info = Objects.requireNonNull(snapshot.get("w1"));
    assertThat(info.heartbeat()).isEqualTo(hb);
    assertThat(info.workerId()).isEqualTo("w1");
    assertThat(info.pool()).isEqualTo("default");
    assertThat(info.lastSeen()).isEqualTo(clock.instant());
  }

  @Test
  void aSecondHeartbeatReplacesTheFirst() {
    registry()
        .update(
            Heartbeat.builder()
                .workerId("w1")
                .pool("a")
                .activeJobs(1)
                .cpuLoad(50f)
                .capabilities("echo")
                .putLabels("zone", "x")
                .build());
    clock.advance(Duration.ofSeconds(5));
    Heartbeat second = Heartbeat.builder().workerId("w1").pool("b").activeJobs(3).build();

    registry().update(second);

    WorkerInfo info = registry().get("w1").orElseThrow();
    // No merging: the labels, capabilities and load of the first heartbeat are gone.
    assertThat(info.heartbeat()).isEqualTo(second);
    assertThat(info.heartbeat().labels()).isEmpty();
    assertThat(info.heartbeat().capabilities()).isEmpty();
    assertThat(info.lastSeen()).isEqualTo(clock.instant());
    assertThat(registry().snapshot()).hasSize(1);
    assertThat(registry().workersForPool("a")).isEmpty();
    assertThat(registry().workersForPool("b"))
        .extracting(WorkerInfo::workerId)
        .containsExactly("w1");
  }

  @Test
  void workersForPoolReturnsOnlyThatPool() {
    registry().update(heartbeat("a1", "A"));
    registry().update(heartbeat("a2", "A"));
    registry().update(heartbeat("b1", "B"));

    assertThat(registry().workersForPool("A"))
        .extracting(WorkerInfo::workerId)
        .containsExactlyInAnyOrder("a1", "a2");
    assertThat(registry().workersForPool("B"))
        .extracting(WorkerInfo::workerId)
        .containsExactly("b1");
    assertThat(registry().workersForPool("C")).isEmpty();
    assertThat(registry().snapshot()).containsOnlyKeys("a1", "a2", "b1");
  }

  @Test
  void getAndRemove() {
    registry().update(heartbeat("w1", "default"));
    registry().update(heartbeat("w2", "default"));

    assertThat(registry().get("w1"))
        .hasValueSatisfying(i -> assertThat(i.pool()).isEqualTo("default"));
    assertThat(registry().get("nobody")).isEmpty();

    assertThat(registry().remove("w1")).isTrue();
    assertThat(registry().remove("w1")).isFalse();
    assertThat(registry().remove("nobody")).isFalse();
    assertThat(registry().get("w1")).isEmpty();
    assertThat(registry().snapshot()).containsOnlyKeys("w2");
    assertThat(registry().workersForPool("default"))
        .extracting(WorkerInfo::workerId)
        .containsExactly("w2");
  }

  @Test
  void anEntryIsLiveUpToTheTtlAndGoneAfterIt() {
    registry().update(heartbeat("w1", "default"));

    clock.advance(TTL);
    assertThat(registry().get("w1")).as("age == TTL is still live").isPresent();

    clock.advance(Duration.ofMillis(1));
    assertThat(registry().get("w1")).isEmpty();
    assertThat(registry().snapshot()).isEmpty();
    assertThat(registry().workersForPool("default")).isEmpty();
  }

  @Test
  void aFreshHeartbeatRevivesAnExpiredWorker() {
    registry().update(heartbeat("w1", "default"));
    clock.advance(TTL.plusSeconds(1));
    assertThat(registry().snapshot()).isEmpty();

    registry().update(heartbeat("w1", "default"));

    WorkerInfo info = registry().get("w1").orElseThrow();
    assertThat(info.lastSeen()).isEqualTo(clock.instant());
    assertThat(registry().workersForPool("default")).hasSize(1);
  }

  @Test
  void onlyTheStaleEntriesExpire() {
    registry().update(heartbeat("old", "default"));
    clock.advance(TTL.dividedBy(2));
    registry().update(heartbeat("new", "default"));
    Instant newSeen = clock.instant();

    clock.advance(TTL.dividedBy(2).plusMillis(1));

    assertThat(registry().snapshot()).containsOnlyKeys("new");
    assertThat(registry().workersForPool("default"))
        .extracting(WorkerInfo::lastSeen)
        .containsExactly(newSeen);
    assertThat(registry().remove("old")).as("an expired worker is not known").isFalse();
  }

  @Test
  void aSnapshotIsNotChangedByLaterUpdates() {
    registry().update(heartbeat("w1", "default"));
    Map<String, WorkerInfo> before = registry().snapshot();

    registry().update(heartbeat("w2", "default"));
    registry().remove("w1");

    assertThat(before).containsOnlyKeys("w1");
  }

  @Test
  void aBlankWorkerIdIsIgnored() {
    registry().update(heartbeat("", "default"));
    registry().update(heartbeat("  ", "default"));

    assertThat(registry().snapshot()).isEmpty();
    assertThat(registry().workersForPool("default")).isEmpty();
    assertThat(registry().get("")).isEmpty();
    assertThat(registry().get("  ")).isEmpty();
  }

  @Test
  void concurrentUpdatesAndSnapshotsOfOneWorker() throws Exception {
    int rounds = 100;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        int load = i;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  registry()
                      .update(
                          Heartbeat.builder()
                              .workerId("w1")
                              .pool("default")
                              .activeJobs(load)
                              .build());
                  return null;
                }));
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  Map<String, WorkerInfo> s = registry().snapshot();
                  if (s.size() > 1) {
                    throw new AssertionError("more than one entry for one worker: " + s);
                  }
                  return s.size();
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS); // rethrows any exception from the registry
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(registry().snapshot()).containsOnlyKeys("w1");
    assertThat(registry().workersForPool("default")).hasSize(1);
  }
}
