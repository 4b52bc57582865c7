package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.SchedulerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, defect 3: a killed worker's jobs waited for the running timeout (9,000 s by default),
 * and retries went to the dead worker while its registry entry lived. A worker that stops
 * heartbeating has its jobs dispatched again within a bounded time of its last heartbeat, never to
 * itself; a worker that heartbeats but no longer holds a job (it restarted, or the request or
 * result was lost) gets the same treatment after the result grace. With the default settings.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerWorkerLossTest {
  private final Harness h;
  private final SchedulerConfig defaults = Harness.config().build();
  private final Duration timeout = defaults.workerTimeout();
  private final Duration scan = defaults.timeouts().scanInterval();

  SchedulerWorkerLossTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  /**
   * A heartbeat of a Java worker (it reports the jobs it holds). Workers named {@code obs...} serve
   * another pool: they only keep the replica hearing heartbeats.
   */
  private void beat(String workerId, String... held) {
    String pool = workerId.startsWith("obs") ? "gpu" : "default";
    Heartbeat hb =
        Heartbeat.builder()
            .workerId(workerId)
            .pool(pool)
            .maxParallelJobs(10)
            .heldJobIds(List.of(held))
            .build();
    h.bus.publish(Subjects.HEARTBEAT, BusPacket.of(workerId, workerId, h.clock.instant(), hb));
    Harness.poll()
        .until(
            () ->
                h.registry
                    .get(workerId)
                    .map(w -> w.heartbeat().equals(hb) && w.lastSeen().equals(h.clock.instant()))
                    .orElse(false));
  }

  /** Moves the clock in heartbeat-sized steps; {@code alive} keep heartbeating. */
  private void pass(Duration d, String... alive) {
    Instant end = h.clock.instant().plus(d);
    while (h.clock.instant().isBefore(end)) {
      Instant next = h.clock.instant().plusSeconds(5);
      h.tickAt(next.isAfter(end) ? end : next);
      for (String w : alive) {
        beat(w);
      }
    }
  }

  /** Starts the scheduler and lets it watch heartbeats long enough to judge workers. */
  private void startWatching(String... workers) {
    h.start(defaults);
    for (String w : workers) {
      beat(w);
    }
    pass(timeout, workers);
  }

  private JobRecord runningOn(String jobId, String workerId) {
    h.submit(Harness.job(jobId).build());
    JobRecord rec = h.awaitState(jobId, JobState.RUNNING);
    assertThat(rec.workerId()).isEqualTo(workerId);
    return rec;
  }

  @Test
  void aDeadWorkersJobRunsAgainElsewhereWithinTheBoundAndNeverOnIt() {
    startWatching("w1");
    runningOn("j1", "w1");
    beat("w1", "j1");
    Instant lastBeat = h.clock.instant();
    beat("w2"); // w1 dies; w2 joins

    pass(timeout.plus(scan), "w2");

    JobRecord again = h.awaitRecord("j1", r -> r.attempts() == 2 && r.state() == JobState.RUNNING);
    assertThat(again.workerId()).isEqualTo("w2");
    assertThat(h.jobsPublished("j1"))
        .extracting(s -> s.subject())
        .containsExactly("worker.w1.jobs", "worker.w2.jobs");
    assertThat(h.store.history("j1"))
        .anySatisfy(e -> assertThat(e.state()).isEqualTo(JobState.PENDING));
    assertThat(Duration.between(lastBeat, h.clock.instant()))
        .isLessThanOrEqualTo(timeout.plus(scan).plus(defaults.tickInterval()));
  }

  @Test
  void aNewJobIsNotRoutedToAWorkerPastItsTimeoutEvenIfTheRegistryStillHasIt() {
    startWatching("w1", "w2");
    pass(timeout.plusSeconds(1), "w2"); // w1 silent; the harness registry keeps it for 30 s
    assertThat(h.registry.get("w1")).isPresent();

    runningOn("j2", "w2");
  }

  @Test
  void aWorkerThatNoLongerHoldsAJobGetsItAgainAfterTheResultGrace() {
    startWatching("w1");
    runningOn("j1", "w1");
    beat("w1", "j1");

    // w1 restarted under the same id: it heartbeats, without the job.
    Duration grace = defaults.resultGrace();
    pass(grace.minusSeconds(5), "w1");
    assertThat(h.store.get("j1").orElseThrow().attempts()).isEqualTo(1);
    pass(scan.plusSeconds(10), "w1");

    JobRecord again = h.awaitRecord("j1", r -> r.attempts() == 2 && r.state() == JobState.RUNNING);
    assertThat(again.workerId()).isEqualTo("w1");
  }

  @Test
  void aJobTheWorkerKeepsHoldingIsLeftAlone() {
    startWatching("w1");
    runningOn("j1", "w1");
    Instant end = h.clock.instant().plus(Duration.ofMinutes(5));
    while (h.clock.instant().isBefore(end)) {
      h.tickAt(h.clock.instant().plusSeconds(5));
      beat("w1", "j1");
    }

    JobRecord rec = h.store.get("j1").orElseThrow();
    assertThat(rec.state()).isEqualTo(JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(1);
  }

  @Test
  void aPoolWhoseWorkersJustDiedKeepsItsJobWaitingInTheStoreNotOnTheTopic() {
    startWatching("obs", "w1");
    runningOn("j1", "w1");

    pass(timeout.plus(scan), "obs");

    JobRecord waiting =
        h.awaitRecord("j1", r -> r.state() == JobState.PENDING && r.attempts() == 1);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(h.jobsPublished("j1"))
        .extracting(s -> s.subject())
        .containsExactly("worker.w1.jobs"); // not job.default, where nobody may listen
    beat("w2");
    h.tickAt(h.clock.instant().plus(defaults.noWorkersDelay()));
    assertThat(
            h.awaitRecord("j1", r -> r.state() == JobState.RUNNING && r.attempts() == 2).workerId())
        .isEqualTo("w2");
  }

  @Test
  void aReplicaThatHearsNoHeartbeatAtAllJudgesNobody() {
    startWatching("w1");
    runningOn("j1", "w1");

    pass(Duration.ofMinutes(2)); // every heartbeat stops: this replica may be cut off the bus

    assertThat(h.store.get("j1").orElseThrow().attempts()).isEqualTo(1);
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aJobWhoseWorkersKeepDyingFailsWithWorkerLost() {
    startWatching("obs");
    int attempts = 1 + defaults.workerLostRetries();
    for (int i = 1; i <= attempts; i++) {
      String w = "v" + i;
      beat(w);
      if (i == 1) {
        runningOn("j1", w);
      } else {
        int n = i;
        // The new worker's heartbeat wakes the waiting job at once, or (if that wake-up raced
        // another) its no-workers timer does.
        h.tickAt(h.clock.instant().plus(defaults.noWorkersDelay()));
        h.awaitRecord("j1", r -> r.attempts() == n && r.state() == JobState.RUNNING);
      }
      pass(timeout.plus(scan), "obs"); // v<i> dies; obs keeps the replica listening
    }

    JobRecord done = h.awaitState("j1", JobState.FAILED);
    assertThat(done.reasonCode()).isEqualTo(ReasonCodes.WORKER_LOST);
    assertThat(done.attempts()).isEqualTo(attempts);
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.errorCode()).isEqualTo(ReasonCodes.WORKER_LOST));
  }

  @Test
  void aJobCutShortByItsWorkersShutdownRunsAgainWithoutUsingARetry() {
    startWatching("w1", "w2");
    runningOn("cut", "w1");

    h.result("cut", io.cordum.api.cap.JobStatus.FAILED, "worker_stopped", "worker shut down");
    h.tickAt(h.clock.instant().plusMillis(200));

    JobRecord again = h.awaitRecord("cut", r -> r.attempts() == 2 && r.state() == JobState.RUNNING);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(again.state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aStoppingWorkerGetsNoNewJobButKeepsTheOnesItDrains() {
    startWatching("w1", "w2");
    runningOn("draining", "w1");
    Heartbeat stopping =
        Heartbeat.builder()
            .workerId("w1")
            .pool("default")
            .maxParallelJobs(10)
            .activeJobs(10)
            .putLabels(Heartbeat.STOPPING_LABEL, "true")
            .heldJobIds(List.of("draining"))
            .build();
    Instant end = h.clock.instant().plus(timeout.multipliedBy(2));
    while (h.clock.instant().isBefore(end)) {
      h.bus.publish(Subjects.HEARTBEAT, BusPacket.of("w1", "w1", h.clock.instant(), stopping));
      beat("w2");
      h.tickAt(h.clock.instant().plusSeconds(5));
    }

    assertThat(h.registry.get("w1")).isEmpty();
    assertThat(h.store.get("draining").orElseThrow().attempts()).isEqualTo(1);
    runningOn("next", "w2");
  }

  /**
   * A replica that has just started hears no heartbeat yet and publishes to the topic (the fault
   * suite's killed control plane on core NATS): the job is RUNNING with no worker. If no worker of
   * the topic holds it, it once stayed RUNNING until the running timeout (9,000 s).
   */
  private JobRecord onTheTopic(String jobId) {
    h.start(defaults);
    h.submit(Harness.job(jobId).build());
    JobRecord rec = h.awaitState(jobId, JobState.RUNNING);
    assertThat(rec.workerId()).isEmpty();
    assertThat(h.jobsPublished(jobId)).extracting(s -> s.subject()).containsExactly("job.default");
    return rec;
  }

  @Test
  void aJobOnTheTopicThatNoListenerHoldsRunsAgainAfterTheResultGrace() {
    onTheTopic("t1");
    beat("w1");

    pass(timeout.plus(defaults.resultGrace()).plus(scan), "w1");

    JobRecord again = h.awaitRecord("t1", r -> r.attempts() == 2 && r.state() == JobState.RUNNING);
    assertThat(again.workerId()).isEqualTo("w1");
    assertThat(h.jobsPublished("t1"))
        .extracting(s -> s.subject())
        .containsExactly("job.default", "worker.w1.jobs");
    assertThat(h.store.history("t1"))
        .anySatisfy(e -> assertThat(e.state()).isEqualTo(JobState.PENDING));
  }

  @Test
  void aJobOnTheTopicThatAListenerHoldsIsLeftAlone() {
    onTheTopic("t1");
    Instant end = h.clock.instant().plus(timeout.plus(defaults.resultGrace()).multipliedBy(2));
    while (h.clock.instant().isBefore(end)) {
      beat("w1", "t1");
      beat("w2");
      h.tickAt(h.clock.instant().plusSeconds(5));
    }

    JobRecord rec = h.store.get("t1").orElseThrow();
    assertThat(rec.state()).isEqualTo(JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(1);
  }

  @Test
  void aJobOnTheTopicIsLeftAloneWhileAListenerDoesNotReportItsJobs() {
    onTheTopic("t1");
    Heartbeat sdk =
        Heartbeat.builder()
            .workerId("cap")
            .pool("default")
            .maxParallelJobs(10)
            .build(); // a CAP SDK worker: it may hold the job without saying so
    Instant end = h.clock.instant().plus(timeout.plus(defaults.resultGrace()).multipliedBy(2));
    while (h.clock.instant().isBefore(end)) {
      h.bus.publish(Subjects.HEARTBEAT, BusPacket.of("cap", "cap", h.clock.instant(), sdk));
      beat("w1");
      h.tickAt(h.clock.instant().plusSeconds(5));
    }

    assertThat(h.store.get("t1").orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aJobOnTheTopicIsNotJudgedByWorkersOfAnotherPool() {
    onTheTopic("t1");
    beat("obs"); // pool gpu: it does not listen on job.default

    pass(timeout.plus(defaults.resultGrace()).multipliedBy(2), "obs");

    JobRecord rec = h.store.get("t1").orElseThrow();
    assertThat(rec.state()).isEqualTo(JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(1);
  }
}
