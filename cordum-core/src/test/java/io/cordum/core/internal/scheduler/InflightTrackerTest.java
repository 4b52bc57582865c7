package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InflightTrackerTest {
  private final ManualClock clock = new ManualClock();
  private final InflightTracker tracker = new InflightTracker(clock, Duration.ofSeconds(1));
  private final Instant t0 = clock.instant();

  private static Map<String, WorkerInfo> workers(int w1Active, int w2Active) {
    Map<String, WorkerInfo> m = new LinkedHashMap<>();
    m.put("w1", info("w1", w1Active));
    m.put("w2", info("w2", w2Active));
    return m;
  }

  private static WorkerInfo info(String id, int active) {
    return new WorkerInfo(
        Heartbeat.builder().workerId(id).pool("p").activeJobs(active).maxParallelJobs(10).build(),
        Instant.EPOCH);
  }

  private int active(Map<String, WorkerInfo> base, String id) {
    return tracker.adjust(base).get(id).heartbeat().activeJobs();
  }

  @Test
  void nothingTrackedReturnsTheSameSnapshot() {
    Map<String, WorkerInfo> base = workers(1, 2);
    assertThat(tracker.adjust(base)).isSameAs(base);
  }

  @Test
  void openDispatchesRaiseAStaleHeartbeat() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w1", "j2");
    assertThat(active(workers(0, 0), "w1")).isEqualTo(2);
    assertThat(active(workers(0, 0), "w2")).isZero();
  }

  @Test
  void theLargerOfOpenAndReportedWins() {
    tracker.dispatched("w1", "j1");
    assertThat(active(workers(3, 0), "w1")).isEqualTo(3); // other replicas' jobs
    assertThat(active(workers(0, 0), "w1")).isEqualTo(1);
  }

  @Test
  void aResultClosesItsDispatchEvenWhenItArrivesFirst() {
    tracker.dispatched("w1", "j1");
    tracker.resultSeen("j1", "w1", t0);
    assertThat(active(workers(0, 0), "w1")).isZero();
    tracker.finished("j1"); // idempotent
    assertThat(active(workers(0, 0), "w1")).isZero();
  }

  @Test
  void resultsAfterTheHeartbeatComeOffItsCount() {
    tracker.heartbeat("w1", t0);
    tracker.resultSeen("a", "w1", t0.plusMillis(5));
    tracker.resultSeen("b", "w1", t0.plusMillis(6));
    assertThat(active(workers(3, 0), "w1")).isEqualTo(1);
    assertThat(active(workers(1, 0), "w1")).isZero(); // never negative
  }

  @Test
  void aResultHandledBeforeAnOlderHeartbeatStillCounts() {
    // The worker sent heartbeat (active 1) then the result; the scheduler saw them reversed.
    tracker.resultSeen("a", "w1", t0.plusMillis(2));
    tracker.heartbeat("w1", t0.plusMillis(1));
    assertThat(active(workers(1, 0), "w1")).isZero();
    // A newer heartbeat includes the result itself.
    tracker.heartbeat("w1", t0.plusMillis(3));
    assertThat(active(workers(0, 0), "w1")).isZero();
    assertThat(active(workers(1, 0), "w1")).isEqualTo(1);
  }

  @Test
  void resultsOlderThanTheLastHeartbeatAreIgnored() {
    tracker.heartbeat("w1", t0.plusSeconds(1));
    tracker.resultSeen("a", "w1", t0);
    assertThat(active(workers(2, 0), "w1")).isEqualTo(2);
  }

  @Test
  void aHeartbeatDropsOpenDispatchesOlderThanTheGrace() {
    tracker.dispatched("w1", "old");
    clock.advance(Duration.ofSeconds(2));
    tracker.dispatched("w1", "new");
    tracker.heartbeat("w1", null);
    assertThat(active(workers(0, 0), "w1")).isEqualTo(1);
    tracker.finished("old"); // already forgotten: no effect
    assertThat(active(workers(0, 0), "w1")).isEqualTo(1);
  }

  @Test
  void aReDispatchMovesTheJob() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w2", "j1");
    assertThat(active(workers(0, 0), "w1")).isZero();
    assertThat(active(workers(0, 0), "w2")).isEqualTo(1);
    tracker.finished("j1");
    assertThat(active(workers(0, 0), "w2")).isZero();
  }

  @Test
  void workersMissingFromTheSnapshotAreIgnored() {
    tracker.dispatched("gone", "j1");
    Map<String, WorkerInfo> out = tracker.adjust(workers(0, 0));
    assertThat(out).containsOnlyKeys("w1", "w2");
  }

  @Test
  void adjustLeavesEverythingButTheActiveCountAlone() {
    tracker.dispatched("w1", "j1");
    WorkerInfo before = workers(0, 0).get("w1");
    WorkerInfo after = tracker.adjust(workers(0, 0)).get("w1");
    assertThat(after.heartbeat().toBuilder().activeJobs(0).build()).isEqualTo(before.heartbeat());
    assertThat(after.lastSeen()).isEqualTo(before.lastSeen());
  }
}
