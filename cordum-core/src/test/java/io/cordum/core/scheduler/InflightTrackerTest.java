package io.cordum.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.worker.WorkerInfo;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InflightTrackerTest {
  private static final Instant SEEN = Instant.parse("2025-01-01T00:00:00Z");

  private final InflightTracker tracker = new InflightTracker();

  private static WorkerInfo worker(String id, int active) {
    return new WorkerInfo(Heartbeat.builder().workerId(id).pool("default").activeJobs(active)
        .maxParallelJobs(8).cpuLoad(12.5f).putLabels("region", "eu").build(), SEEN);
  }

  private static final Map<String, WorkerInfo> SNAPSHOT =
      Map.of("w1", worker("w1", 2), "w2", worker("w2", 0));

  private int active(Map<String, WorkerInfo> snapshot, String id) {
    return snapshot.get(id).heartbeat().activeJobs();
  }

  @Test
  void nothingTrackedReturnsTheSnapshotItself() {
    assertThat(tracker.adjust(SNAPSHOT)).isSameAs(SNAPSHOT);
  }

  @Test
  void dispatchesRaiseTheActiveCountOfTheirWorkerOnly() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w1", "j2");

    Map<String, WorkerInfo> out = tracker.adjust(SNAPSHOT);

    assertThat(active(out, "w1")).isEqualTo(4);
    assertThat(active(out, "w2")).isZero();
    assertThat(out.get("w2")).isEqualTo(SNAPSHOT.get("w2"));
  }

  @Test
  void adjustKeepsEverythingButTheActiveCount() {
    tracker.dispatched("w1", "j1");

    WorkerInfo adjusted = tracker.adjust(SNAPSHOT).get("w1");
    WorkerInfo original = SNAPSHOT.get("w1");

    assertThat(adjusted.lastSeen()).isEqualTo(original.lastSeen());
    assertThat(adjusted.heartbeat().toBuilder().activeJobs(2).build())
        .isEqualTo(original.heartbeat());
  }

  @Test
  void adjustDoesNotChangeTheInputSnapshot() {
    tracker.dispatched("w1", "j1");

    tracker.adjust(SNAPSHOT);

    assertThat(active(SNAPSHOT, "w1")).isEqualTo(2);
  }

  @Test
  void theSameJobCountsOnce() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w1", "j1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(3);
  }

  @Test
  void finishedLowersTheCount() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w1", "j2");

    tracker.finished("j1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(3);

    tracker.finished("j2");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(2);
  }

  @Test
  void finishingAnUnknownJobChangesNothing() {
    tracker.dispatched("w1", "j1");

    tracker.finished("never-dispatched");
    tracker.finished("j1");
    tracker.finished("j1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(2);
  }

  @Test
  void aHeartbeatResetsTheWorkersCount() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w1", "j2");
    tracker.dispatched("w2", "j3");

    tracker.heartbeat("w1");

    Map<String, WorkerInfo> out = tracker.adjust(SNAPSHOT);
    assertThat(active(out, "w1")).isEqualTo(2);
    assertThat(active(out, "w2")).isEqualTo(1);
  }

  @Test
  void aResultAfterTheHeartbeatDoesNotLowerNewerDispatches() {
    tracker.dispatched("w1", "j1");
    tracker.heartbeat("w1"); // j1 is now in the reported count
    tracker.dispatched("w1", "j2");

    tracker.finished("j1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(3);
  }

  @Test
  void heartbeatOfAnUnknownWorkerChangesNothing() {
    tracker.dispatched("w1", "j1");

    tracker.heartbeat("w9");

    assertThat(active(tracker.adjust(SNAPSHOT), "w1")).isEqualTo(3);
  }

  @Test
  void dispatchesToWorkersMissingFromTheSnapshotAreIgnored() {
    tracker.dispatched("gone", "j1");

    Map<String, WorkerInfo> out = tracker.adjust(SNAPSHOT);

    assertThat(out).containsOnlyKeys("w1", "w2");
    assertThat(out).isEqualTo(SNAPSHOT);
  }

  @Test
  void aRedispatchedJobMovesToItsNewWorker() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w2", "j1");

    Map<String, WorkerInfo> out = tracker.adjust(SNAPSHOT);

    assertThat(active(out, "w1")).isEqualTo(2);
    assertThat(active(out, "w2")).isEqualTo(1);
  }

  @Test
  void aHeartbeatOfTheOldWorkerKeepsTrackOfARedispatchedJob() {
    tracker.dispatched("w1", "j1");
    tracker.dispatched("w2", "j1");
    tracker.heartbeat("w1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w2")).isEqualTo(1);

    tracker.finished("j1");

    assertThat(active(tracker.adjust(SNAPSHOT), "w2")).isZero();
  }
}
