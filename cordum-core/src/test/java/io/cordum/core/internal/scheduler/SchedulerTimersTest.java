package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored timers: running and dispatch timeouts, deadlines, the pending replayer. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerTimersTest {
  private final Harness h;

  SchedulerTimersTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static SchedulerConfig.Builder timeouts(String yaml) {
    return Harness.config().timeouts(TimeoutConfig.parse(yaml));
  }

  @Test
  void runningTimeoutEndsTheJobAndTellsTheWorker() {
    h.start(timeouts("reconciler: {running_timeout_seconds: 60}").build());
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(60));

    h.tickAt(rec.wakeAt().minusMillis(1));
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.RUNNING);

    h.tickAt(rec.wakeAt());
    JobRecord done = h.awaitState("j1", JobState.TIMEOUT);
    h.settle();
    assertThat(done.reasonCode()).isEqualTo(ReasonCodes.RUNNING_TIMEOUT);
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo(JobStatus.TIMEOUT);
              assertThat(d.errorCode()).isEqualTo("running_timeout");
            });
    assertThat(h.on(Subjects.CANCEL))
        .singleElement()
        .satisfies(m -> assertThat(((JobCancel) m.packet().payload()).jobId()).isEqualTo("j1"));
  }

  @Test
  void perTopicTimeoutOverridesTheRunningTimeout() {
    h.start(timeouts("topics: {job.default: {timeout_seconds: 5}}").build());
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(5));
  }

  @Test
  void timedOutAttemptIsRetriedWhenRetriesAreLeft() {
    h.start(
        timeouts("reconciler: {running_timeout_seconds: 60}")
            .retryPolicy(
                RetryPolicy.builder().maxRetries(1).initialBackoff(Duration.ofSeconds(1)).build())
            .build());
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    h.tickAt(rec.wakeAt());
    JobRecord waiting = h.awaitState("j1", JobState.PENDING);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.RUNNING_TIMEOUT);
    h.tickAt(waiting.wakeAt());
    assertThat(h.awaitState("j1", JobState.RUNNING).attempts()).isEqualTo(2);
  }

  @Test
  void jobStuckInDispatchedTimesOutWithDispatchTimeout() {
    h.start(timeouts("reconciler: {dispatch_timeout_seconds: 10}").build());
    Instant t = h.clock.instant();
    h.store.save(Harness.job("j1").build(), "t");
    h.store.transition("j1", Transition.to(JobState.SCHEDULED).wakeAt(t.plusSeconds(10)).build());
    h.store.transition("j1", Transition.to(JobState.DISPATCHED).wakeAt(t.plusSeconds(10)).build());
    h.tickAt(t.plusSeconds(10));
    assertThat(h.awaitState("j1", JobState.TIMEOUT).reasonCode())
        .isEqualTo(ReasonCodes.DISPATCH_TIMEOUT);
  }

  @Test
  void budgetDeadlineTimesTheJobOutInAnyState() {
    h.start();
    h.submit(Harness.job("j1").budget(Budget.ofDeadline(Duration.ofSeconds(1))).build());
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    assertThat(rec.deadline()).isEqualTo(h.clock.instant().plusSeconds(1));
    h.tickAt(rec.deadline());
    JobRecord done = h.awaitState("j1", JobState.TIMEOUT);
    h.settle();
    assertThat(done.reasonCode()).isEqualTo(ReasonCodes.DEADLINE_EXCEEDED);
    assertThat(done.deadline()).isNull();
    assertThat(h.deadLetters()).extracting(d -> d.errorCode()).containsExactly("deadline_exceeded");
    assertThat(h.on(Subjects.CANCEL)).hasSize(1);
  }

  @Test
  void pendingReplayerDispatchesLostSubmitsKeepingTheirTrace() {
    h.start();
    h.store.save(Harness.job("lost").build(), "trace-lost"); // the submit message never came
    h.tickAt(h.clock.instant().plusSeconds(9)); // first replay pass: too young
    assertThat(h.store.get("lost").orElseThrow().state()).isEqualTo(JobState.PENDING);

    h.tickAt(h.clock.instant().plusSeconds(5)); // next pass, past the dispatch timeout (10 s)
    h.awaitState("lost", JobState.RUNNING);
    h.settle();
    assertThat(h.jobsPublished("lost"))
        .singleElement()
        .satisfies(m -> assertThat(m.packet().traceId()).isEqualTo("trace-lost"));
  }

  @Test
  void jobWhoseRequestIsGoneFailsWithRequestMissing() {
    h.start();
    h.store.transition("bare", Transition.to(JobState.PENDING).wakeAt(h.clock.instant()).build());
    h.tick();
    assertThat(h.awaitState("bare", JobState.FAILED).reasonCode())
        .isEqualTo(ReasonCodes.REQUEST_MISSING);
  }

  @Test
  void aTimerWhoseJobIsLeasedElsewhereWaitsForTheNextTick() {
    h.start();
    h.store.save(Harness.job("j1").build(), "t");
    h.store.setTimer("j1", h.clock.instant(), null, null, -1);
    var lease = h.leases.tryAcquire(JobLease.key("j1"), Duration.ofSeconds(30)).orElseThrow();
    h.tick();
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.PENDING);
    h.leases.release(lease);
    h.tick();
    h.awaitState("j1", JobState.RUNNING);
  }
}
