package io.cordum.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.core.workflow.WorkflowDefinitions;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test kit as a host uses it: time-dependent behaviour tested without waiting. */
class CordumExtensionTest {

  @RegisterExtension
  final CordumExtension extension =
      CordumExtension.with(
          b ->
              b.topics("job.billing")
                  .retryPolicy(
                      RetryPolicy.builder()
                          .maxRetries(2)
                          .initialBackoff(Duration.ofMinutes(1))
                          .build()));

  @Test
  void aRetryWaitsItsBackoffOnTheClockNotInRealTime(TestCordum cordum) {
    AtomicInteger calls = new AtomicInteger();
    cordum.worker(
        "job.billing",
        job -> {
          if (calls.incrementAndGet() == 1) {
            throw new JobFailedException("card_declined", "try again later");
          }
          return JobOutput.of("{\"charged\":true}");
        });
    Instant start = cordum.now();
    String id = cordum.submit("job.billing", "{}").jobId();
    JobRecord waiting =
        cordum.awaitJob(
            id,
            r -> r.state() == JobState.PENDING && r.attempts() == 1,
            "back in PENDING after its first attempt",
            Duration.ofSeconds(10));
    assertThat(waiting.reasonCode()).isEqualTo("card_declined");
    assertThat(waiting.wakeAt()).isEqualTo(start.plus(Duration.ofMinutes(1)));

    cordum.advance(Duration.ofSeconds(59)); // not due yet: the timer does not fire
    assertThat(cordum.jobs().get(id).orElseThrow().state()).isEqualTo(waiting.state());
    assertThat(calls).hasValue(1);

    cordum.advance(Duration.ofSeconds(1));
    record Charge(boolean charged) {}
    assertThat(cordum.awaitResult(id, Charge.class)).isEqualTo(new Charge(true));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aHungJobTimesOutWhenTheClockPassesItsRunningTimeout() throws Exception {
    try (TestCordum cordum =
        TestCordum.builder()
            .configure(
                b ->
                    b.timeouts(TimeoutConfig.parse("topics: {job.default: {timeout_seconds: 30}}")))
            .start()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch interrupted = new CountDownLatch(1);
      cordum.worker(
          "job.default",
          job -> {
            started.countDown();
            try {
              new CountDownLatch(1).await(); // hangs until the job is cancelled
            } catch (InterruptedException e) {
              interrupted.countDown();
              throw e;
            }
            return JobOutput.empty();
          });
      String id = cordum.submit("job.default", "x").jobId();
      cordum.awaitState(id, JobState.RUNNING);
      // RUNNING is written when the job is published: wait until the handler hangs in it, or
      // the timeout's cancel could reach the worker before the job does.
      assertThat(started.await(10, TimeUnit.SECONDS)).as("the handler started").isTrue();
      cordum.advance(Duration.ofSeconds(31));
      JobRecord done = cordum.awaitTerminal(id);
      assertThat(done.state()).isEqualTo(JobState.TIMEOUT);
      assertThat(done.reasonCode()).isEqualTo("running_timeout");
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the worker was told").isTrue();
    }
  }

  @Test
  void aDeadlinePassesOnTheClock(TestCordum cordum) {
    // no worker serves job.billing here: the job waits, then its deadline ends it
    String id =
        cordum
            .submit(
                JobSubmission.builder()
                    .topic("job.billing")
                    .input("x")
                    .deadline(Duration.ofMinutes(5))
                    .build())
            .jobId();
    cordum.advance(Duration.ofMinutes(5).plusSeconds(1));
    JobRecord done = cordum.awaitTerminal(id);
    assertThat(done.state()).isEqualTo(JobState.TIMEOUT);
    assertThat(done.reasonCode()).isEqualTo("deadline_exceeded");
  }

  @Test
  void aWorkflowDelayOfAnHourTakesNoTime(TestCordum cordum) {
    cordum.worker("job.billing", job -> JobOutput.of("{\"ok\":true}"));
    cordum
        .workflows()
        .save(
            WorkflowDefinitions.parse(
                """
        id: invoice
        steps:
          wait: { type: delay, delay_sec: 3600 }
          bill: { topic: job.billing, depends_on: [wait] }
        """));
    String run = cordum.workflows().start("invoice", StartOptions.builder().build()).id();
    WorkflowRun waiting =
        cordum.awaitRun(
            run,
            r -> r.steps().containsKey("wait") && r.steps().get("wait").nextAttemptAt() != null,
            "the delay started",
            Duration.ofSeconds(10));
    assertThat(waiting.steps().get("wait").nextAttemptAt())
        .isEqualTo(cordum.now().plus(Duration.ofHours(1)));
    cordum.advance(Duration.ofMinutes(59));
    assertThat(cordum.workflows().run(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    cordum.advance(Duration.ofMinutes(1));
    cordum.awaitRun(run, RunStatus.SUCCEEDED);
  }

  @Test
  void workersStayLiveAcrossLongJumpsOfTheClock(TestCordum cordum) {
    cordum.worker("job.billing", job -> JobOutput.of("ok"));
    cordum.awaitState(cordum.submit("job.billing", "1").jobId(), JobState.SUCCEEDED);
    cordum.advance(Duration.ofDays(30));
    cordum.awaitState(cordum.submit("job.billing", "2").jobId(), JobState.SUCCEEDED);
  }

  @Test
  void aWaitForTheWrongStateFailsAtOnceWithTheReason() {
    try (TestCordum noRetries = TestCordum.start()) {
      noRetries.worker(
          "job.default",
          job -> {
            throw new JobFailedException("bad_input", "no amount");
          });
      String id = noRetries.submit("job.default", "{}").jobId();
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> noRetries.awaitState(id, JobState.SUCCEEDED, Duration.ofMinutes(5)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining(id)
          .hasMessageContaining("FAILED")
          .hasMessageContaining("bad_input");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMinutes(1));
    }
  }

  @Test
  void aWorkerForATopicNoPoolServesIsRefusedWithTheFix(TestCordum cordum) {
    assertThatThrownBy(() -> cordum.worker("job.unknown", job -> JobOutput.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job.unknown")
        .hasMessageContaining("topics(\"job.unknown\")");
  }

  @Test
  void eachTestGetsAFreshInstanceThatIsClosedAfterwards(TestCordum cordum) {
    assertThat(cordum.jobs().list(io.cordum.api.job.JobQuery.builder().build()).items()).isEmpty();
    assertThat(cordum.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }
}
