package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The result path: terminal states, duplicates, retries with backoff, dead letters. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerResultTest {
  private final Harness h;

  SchedulerResultTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private JobRecord running(String id) {
    h.submit(Harness.job(id).build());
    return h.awaitState(id, JobState.RUNNING);
  }

  private static SchedulerConfig.Builder retrying(int maxRetries) {
    return Harness.config()
        .retryPolicy(
            RetryPolicy.builder()
                .maxRetries(maxRetries)
                .initialBackoff(Duration.ofSeconds(1))
                .multiplier(2)
                .build());
  }

  @Test
  void successRecordsTheResultPointerAndCompletesWaiters() throws Exception {
    h.start();
    running("j1");
    var done = h.watcher.await("j1");
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    JobRecord rec = done.get(10, TimeUnit.SECONDS);
    h.settle();
    assertThat(rec.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(rec.resultPtr()).isEqualTo("redis://res:j1");
    assertThat(rec.workerId()).isEqualTo("w1");
    assertThat(rec.wakeAt()).isNull();
    assertThat(h.deadLetters()).isEmpty();
    assertThat(
            h.counter(
                "cordum.scheduler.jobs.completed",
                "topic",
                "job.default",
                "status",
                "JOB_STATUS_SUCCEEDED"))
        .isEqualTo(1);
  }

  @Test
  void duplicateAndLateResultsAreDropped() {
    h.start();
    running("j1");
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    h.awaitState("j1", JobState.SUCCEEDED);
    h.result("j1", JobStatus.FAILED, "late", "late failure");
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    h.settle();
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.store.history("j1"))
        .extracting(e -> e.state())
        .containsOnlyOnce(JobState.SUCCEEDED);
  }

  @Test
  void resultForAnUnknownJobIsDroppedNotRedeliveredForever() {
    h.start();
    h.result("ghost", JobStatus.SUCCEEDED, "", "");
    h.settle();
    assertThat(h.store.get("ghost")).isEmpty();
    assertThat(h.bus.retries()).isZero();
    assertThat(h.bus.failures()).isZero();
  }

  @Test
  void nonTerminalStatusIsTakenAsProgressNotFailure() {
    h.start();
    running("j1");
    h.result("j1", JobStatus.RUNNING, "", "half way");
    h.settle();
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.RUNNING);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void unspecifiedStatusFailsTheJob() {
    h.start();
    running("j1");
    h.result("j1", JobStatus.UNSPECIFIED, "", "");
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.WORKER_FAILED);
  }

  @Test
  void failureWithoutRetriesIsDeadLetteredWithTheWorkersCode() {
    h.start();
    running("j1");
    h.result("j1", JobStatus.FAILED, "bad_input", "cannot parse");
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    h.settle();
    assertThat(rec.reasonCode()).isEqualTo("bad_input");
    assertThat(rec.reason()).isEqualTo("cannot parse");
    assertThat(h.deadLetters())
        .singleElement()
        .isEqualTo(
            JobResult.builder()
                .jobId("j1")
                .status(JobStatus.FAILED)
                .errorCode("bad_input")
                .errorMessage("cannot parse")
                .build());
  }

  @Test
  void failedAttemptIsRetriedAfterItsBackoffAndAttemptsAreNeverReset() {
    h.start(retrying(2).build());
    running("j1");
    Instant failedAt = h.clock.instant();
    h.result("j1", JobStatus.FAILED, "flaky", "try again");
    JobRecord waiting = h.awaitState("j1", JobState.PENDING);
    assertThat(waiting.wakeAt()).isEqualTo(failedAt.plusSeconds(1));
    assertThat(waiting.reasonCode()).isEqualTo("flaky");
    assertThat(waiting.reason()).contains("attempt 1 of 3");

    h.tickAt(failedAt.plusMillis(999)); // not due yet
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.PENDING);

    h.tickAt(failedAt.plusSeconds(1));
    JobRecord second = h.awaitState("j1", JobState.RUNNING);
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(h.jobsPublished("j1")).hasSize(2);

    h.result("j1", JobStatus.SUCCEEDED, "", "");
    JobRecord done = h.awaitState("j1", JobState.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.reasonCode()).isEmpty();
    assertThat(h.counter("cordum.scheduler.jobs.retried", "topic", "job.default")).isEqualTo(1);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void backoffGrowsAndRetriesRunOut() {
    h.start(retrying(2).build());
    running("j1");
    h.result("j1", JobStatus.FAILED, "boom", "1");
    JobRecord w1 = h.awaitState("j1", JobState.PENDING);
    h.tickAt(w1.wakeAt());
    h.awaitState("j1", JobState.RUNNING);
    Instant second = h.clock.instant();
    h.result("j1", JobStatus.FAILED, "boom", "2");
    JobRecord w2 = h.awaitState("j1", JobState.PENDING);
    assertThat(w2.wakeAt()).isEqualTo(second.plusSeconds(2));
    h.tickAt(w2.wakeAt());
    h.awaitState("j1", JobState.RUNNING);
    h.result("j1", JobStatus.FAILED, "boom", "3");
    JobRecord failed = h.awaitState("j1", JobState.FAILED);
    h.settle();
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.reason()).isEqualTo("3 (attempt 3 of 3)");
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.errorCode()).isEqualTo("boom");
              assertThat(d.status()).isEqualTo(JobStatus.FAILED);
            });
  }

  @Test
  void nonRetryableErrorCodesFailAtOnce() {
    h.start(
        Harness.config()
            .retryPolicy(
                RetryPolicy.builder().maxRetries(5).nonRetryableErrorCodes("bad_input").build())
            .build());
    running("j1");
    h.result("j1", JobStatus.FAILED, "bad_input", "no");
    assertThat(h.awaitState("j1", JobState.FAILED).attempts()).isEqualTo(1);
  }

  @Test
  void perTopicRetriesFromTimeoutsConfigApply() {
    h.start(
        Harness.config()
            .timeouts(TimeoutConfig.parse("topics: {job.default: {max_retries: 1}}"))
            .build());
    running("j1");
    h.result("j1", JobStatus.FAILED, "x", "y");
    assertThat(h.awaitState("j1", JobState.PENDING).wakeAt()).isNotNull();
  }

  @Test
  void policyMaxRetriesOverridesTheDefault() {
    h.gate.set(
        r ->
            SafetyDecisionRecord.builder()
                .decision(SafetyDecision.ALLOW_WITH_CONSTRAINTS)
                .constraints(
                    PolicyConstraints.builder().budgets(new BudgetConstraints(0, 1, 0, 0)).build())
                .build());
    h.start();
    running("j1");
    h.result("j1", JobStatus.FAILED, "x", "y");
    assertThat(h.awaitState("j1", JobState.PENDING).wakeAt()).isNotNull();
  }

  @Test
  void lateResultOfAnEarlierAttemptIsDroppedWhileTheRetryWaits() {
    h.start(retrying(1).build());
    running("j1");
    h.result("j1", JobStatus.TIMEOUT, "", "slow");
    h.awaitState("j1", JobState.PENDING);
    h.result("j1", JobStatus.SUCCEEDED, "", "");
    h.settle();
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.PENDING);
    assertThat(h.bus.retries()).isZero();
  }

  @Test
  void workerCancelledAndDeniedResultsEndTheJob() {
    h.start();
    running("c1");
    running("d1");
    h.result("c1", JobStatus.CANCELLED, "", "");
    h.result("d1", JobStatus.DENIED, "", "worker policy");
    assertThat(h.awaitState("c1", JobState.CANCELLED).reasonCode()).isEqualTo("cancelled");
    assertThat(h.awaitState("d1", JobState.DENIED).reasonCode()).isEqualTo("worker_denied");
  }

  @Test
  void instantWorkersNeverLeaveJobsStuck() {
    h.start();
    h.heartbeat("fast", "default", 0, 1000, Map.of());
    // A worker that answers before the scheduler has even recorded DISPATCHED.
    h.bus.subscribe(
        "worker.fast.jobs",
        null,
        m -> {
          JobRequest req = m.packet().jobRequest();
          h.bus.publish(
              Subjects.RESULT,
              BusPacket.of(
                  req.jobId(),
                  "fast",
                  h.clock.instant(),
                  JobResult.builder()
                      .jobId(req.jobId())
                      .status(JobStatus.SUCCEEDED)
                      .workerId("fast")
                      .build()));
        });
    for (int i = 0; i < 100; i++) {
      h.submit(Harness.job("j" + i).build());
    }
    for (int i = 0; i < 100; i++) {
      h.awaitState("j" + i, JobState.SUCCEEDED);
    }
    h.settle();
    for (int i = 0; i < 100; i++) {
      JobRecord r = h.store.get("j" + i).orElseThrow();
      assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(r.wakeAt()).isNull();
    }
  }
}
