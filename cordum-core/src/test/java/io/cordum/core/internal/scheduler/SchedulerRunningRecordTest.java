package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStateEvent;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RUNNING written only for jobs without a result {@link SchedulerConfig#runningRecordDelay()} after
 * their dispatch (issue 13): a short job costs one store write fewer, and every path that knew a
 * dispatched job as RUNNING copes with it still SCHEDULED. The delay is real time (the executor's),
 * the job's timers are on the manual clock.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerRunningRecordTest {
  /** Long enough that no test below sees the delayed write unless it waits for it. */
  private static final Duration LONG = Duration.ofSeconds(4);

  private final Harness h;

  SchedulerRunningRecordTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static SchedulerConfig delay(Duration d) {
    return Harness.config().runningRecordDelay(d).build();
  }

  private JobRecord dispatched(String id) {
    h.submit(Harness.job(id).build());
    h.poll().until(() -> h.jobsPublished(id).size() == 1);
    JobRecord rec = h.store.get(id).orElseThrow();
    assertThat(rec.state()).isEqualTo(JobState.SCHEDULED);
    return rec;
  }

  private java.util.List<JobState> history(String id) {
    return h.store.history(id).stream().map(JobStateEvent::state).toList();
  }

  @Test
  void aJobWhoseResultComesWithinTheDelayIsNeverWrittenRunning() {
    Scheduler s = h.start(delay(LONG));
    h.heartbeat("w1", "default");
    JobRecord scheduled = dispatched("j1");

    h.result("j1", JobStatus.SUCCEEDED, "", "");
    JobRecord done = h.awaitState("j1", JobState.SUCCEEDED);

    assertThat(done.version()).isEqualTo(scheduled.version() + 1);
    assertThat(done.resultPtr()).isEqualTo("redis://res:j1");
    assertThat(done.workerId()).isEqualTo("w1");
    assertThat(done.wakeAt()).isNull();
    assertThat(history("j1"))
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.SUCCEEDED);
    assertThat(s.pendingRunningWrites()).isZero(); // cancelled, not left to fire
  }

  @Test
  void aJobStillWithoutResultAfterTheDelayIsRecordedRunningOnItsWorker() {
    h.start(delay(Duration.ofMillis(100)));
    h.heartbeat("w1", "default");
    Instant dispatchedAt = h.clock.instant();
    dispatched("j1");

    JobRecord running = h.awaitState("j1", JobState.RUNNING);
    assertThat(running.workerId()).isEqualTo("w1");
    assertThat(running.attempts()).isEqualTo(1);
    // The running timeout counts from the dispatch, not from the later write.
    assertThat(running.wakeAt())
        .isEqualTo(dispatchedAt.plus(TimeoutConfig.DEFAULT.runningTimeout()));

    h.result("j1", JobStatus.SUCCEEDED, "", "");
    h.awaitState("j1", JobState.SUCCEEDED);
    assertThat(history("j1"))
        .containsExactly(
            JobState.PENDING, JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED);
  }

  @Test
  void aFailedResultWithinTheDelayRetriesFromScheduled() {
    h.start(
        Harness.config()
            .runningRecordDelay(LONG)
            .retryPolicy(
                io.cordum.core.scheduler.RetryPolicy.builder()
                    .maxRetries(1)
                    .initialBackoff(Duration.ofSeconds(1))
                    .build())
            .build());
    h.heartbeat("w1", "default");
    dispatched("j1");

    h.result("j1", JobStatus.FAILED, "boom", "it broke");
    JobRecord waiting = h.awaitState("j1", JobState.PENDING);
    assertThat(waiting.reasonCode()).isEqualTo("boom");
    h.tickAt(h.clock.instant().plusSeconds(1));
    h.poll().until(() -> h.jobsPublished("j1").size() == 2);
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    JobRecord done = h.awaitState("j1", JobState.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(2);
  }

  @Test
  void theDispatchTimerOfAnUnrecordedJobRecordsItInsteadOfPublishingItAgain() {
    h.start(delay(LONG));
    h.heartbeat("w1", "default");
    dispatched("j1");

    // The clock runs ahead of the delayed write: the job is merely unrecorded, not lost.
    h.tickAt(h.clock.instant().plus(TimeoutConfig.DEFAULT.dispatchTimeout()));

    JobRecord running = h.awaitState("j1", JobState.RUNNING);
    assertThat(running.attempts()).isEqualTo(1);
    assertThat(running.workerId()).isEqualTo("w1");
    assertThat(h.jobsPublished("j1")).hasSize(1);
  }

  @Test
  void aCancelledScheduledJobIsCancelledOnItsWorkerAndNeverWrittenRunning() {
    Scheduler s = h.start(delay(Duration.ofMillis(200)));
    h.heartbeat("w1", "default");
    dispatched("j1");

    JobRecord cancelled = s.cancel("j1", "stop it");
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(h.on(Subjects.CANCEL))
        .singleElement()
        .satisfies(c -> assertThat(((JobCancel) c.packet().payload()).jobId()).isEqualTo("j1"));

    h.poll().until(() -> s.pendingRunningWrites() == 0); // the delayed write came and found it
    assertThat(h.store.get("j1")).contains(cancelled);
  }

  @Test
  void aPublishThatFailsBeforeTheDelayIsUndoneFromScheduledAndNotWrittenRunning() {
    var unconfirmed = new UnconfirmedBus(h.bus, "worker."); // direct dispatch to w1
    h.schedulerBus = unconfirmed;
    Scheduler s = h.start(delay(Duration.ofMillis(200)));
    h.heartbeat("w1", "default");
    dispatched("j1");

    unconfirmed.acks.get(0).completeExceptionally(new BackendException("no ack (test)", null));
    JobRecord waiting =
        h.awaitRecord(
            "j1",
            r ->
                r.state() == JobState.PENDING && ReasonCodes.PUBLISH_FAILED.equals(r.reasonCode()));
    assertThat(s.pendingRunningWrites()).isZero();
    assertThat(history("j1"))
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.PENDING);

    // Published again by the timer; this attempt's ack comes and it is recorded RUNNING later.
    h.tickAt(waiting.wakeAt());
    unconfirmed.acks.get(1).complete(null);
    JobRecord running = h.awaitRecord("j1", r -> r.state() == JobState.RUNNING);
    assertThat(running.attempts()).isEqualTo(2);
  }

  @Test
  void aResultHandledByTheOtherReplicaFindsTheJobScheduledAndEndsIt() {
    Scheduler a = h.start(delay(Duration.ofMillis(300)));
    h.heartbeat("w1", "default");
    dispatched("j1");
    assertThat(a.pendingRunningWrites()).isEqualTo(1);
    Scheduler b = h.start(delay(Duration.ofMillis(300)));

    // Straight to b's handler (the bus would pick either replica): b never dispatched it.
    b.handle(
        Harness.message(
            Subjects.RESULT,
            BusPacket.of(
                "j1",
                "w1",
                h.clock.instant(),
                JobResult.builder()
                    .jobId("j1")
                    .status(JobStatus.SUCCEEDED)
                    .workerId("w1")
                    .resultPtr("redis://res:j1")
                    .build())));
    JobRecord done = h.store.get("j1").orElseThrow();
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);

    // a's delayed write comes, finds the job ended and writes nothing.
    h.poll().until(() -> a.pendingRunningWrites() == 0);
    h.settle();
    assertThat(h.store.get("j1")).contains(done);
    assertThat(history("j1"))
        .containsExactly(JobState.PENDING, JobState.SCHEDULED, JobState.SUCCEEDED);
  }

  @Test
  void aStoppingSchedulerRecordsItsJustDispatchedJobsRunning() {
    Scheduler s = h.start(delay(LONG));
    h.heartbeat("w1", "default");
    dispatched("j1");

    s.close();

    JobRecord running = h.store.get("j1").orElseThrow();
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.workerId()).isEqualTo("w1");
    // A scheduler started after it leaves the job to its worker: no second publish.
    h.schedulers.clear();
    h.start(delay(LONG));
    h.tickAt(h.clock.instant().plus(TimeoutConfig.DEFAULT.dispatchTimeout()).plusSeconds(1));
    assertThat(h.jobsPublished("j1")).hasSize(1);
    assertThat(h.store.get("j1").orElseThrow().version()).isEqualTo(running.version());
  }

  @Test
  void zeroRecordsRunningRightAfterThePublish() {
    h.start(delay(Duration.ZERO));
    h.heartbeat("w1", "default");
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.jobsPublished("j1")).hasSize(1);
  }

  @Test
  void aDelayOfHalfTheDispatchTimeoutOrMoreIsRefusedNamingTheSetting() {
    assertThatThrownBy(
            () -> SchedulerConfig.builder().runningRecordDelay(Duration.ofSeconds(5)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("runningRecordDelay")
        .hasMessageContaining("half the dispatch timeout");
    assertThatThrownBy(
            () -> SchedulerConfig.builder().runningRecordDelay(Duration.ofMillis(-1)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("runningRecordDelay");
    assertThat(SchedulerConfig.DEFAULT.runningRecordDelay()).isEqualTo(Duration.ofMillis(50));
    // A reload to a shorter dispatch timeout cuts the delay to half of it.
    TimeoutConfig shorter = TimeoutConfig.parse("reconciler:\n  dispatch_timeout_seconds: 1\n");
    assertThat(
            SchedulerConfig.builder()
                .runningRecordDelay(Duration.ofSeconds(2))
                .build()
                .runningRecordDelay(shorter))
        .isEqualTo(Duration.ofMillis(500));
  }
}
