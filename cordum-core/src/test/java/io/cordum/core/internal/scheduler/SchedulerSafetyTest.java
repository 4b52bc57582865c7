package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.BackendException;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The safety gate's decisions and the constraints and limits they carry. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerSafetyTest {
  private final Harness h;

  SchedulerSafetyTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static SafetyDecisionRecord decision(SafetyDecision d, String reason) {
    return SafetyDecisionRecord.of(d, reason, Instant.EPOCH);
  }

  @Test
  void denyEndsInDeniedWithExactlyOneDeadLetterAndNoDispatch() {
    h.gate.set(
        r ->
            r.topic().equals("job.default")
                ? decision(SafetyDecision.DENY, "forbidden")
                : decision(SafetyDecision.ALLOW, ""));
    h.start();
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.DENIED);
    h.settle();
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.SAFETY_DENIED);
    assertThat(rec.safety().decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.on(Subjects.DLQ))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.packet().jobResult().status()).isEqualTo(JobStatus.DENIED);
              assertThat(m.packet().jobResult().errorCode()).isEqualTo("safety_denied");
              assertThat(m.packet().jobResult().errorMessage()).isEqualTo("forbidden");
            });
    assertThat(h.counter("cordum.scheduler.safety.denied", "topic", "job.default")).isEqualTo(1);
  }

  @Test
  void requireApprovalParksTheJobAndPublishesNothing() {
    h.gate.set(r -> decision(SafetyDecision.REQUIRE_APPROVAL, "needs a human"));
    h.start();
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.APPROVAL_REQUIRED);
    h.settle();
    assertThat(rec.safety().decision()).isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void approvalRequiredFlagTurnsAnAllowIntoRequireApproval() {
    h.gate.set(
        r -> decision(SafetyDecision.ALLOW, "ok").toBuilder().approvalRequired(true).build());
    h.start();
    h.submit(Harness.job("j1").build());
    assertThat(h.awaitState("j1", JobState.APPROVAL_REQUIRED).safety().decision())
        .isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
  }

  @Test
  void throttleWaitsAndRetriesWithoutDenying() {
    AtomicBoolean throttled = new AtomicBoolean(true);
    h.gate.set(
        r ->
            throttled.get()
                ? decision(SafetyDecision.THROTTLE, "slow down")
                : decision(SafetyDecision.ALLOW, ""));
    h.start();
    h.submit(Harness.job("j1").build());
    JobRecord waiting = h.awaitRecord("j1", r -> r.wakeAt() != null);
    assertThat(waiting.state()).isEqualTo(JobState.PENDING);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.SAFETY_THROTTLED);
    assertThat(waiting.reason()).isEqualTo("safety throttle: slow down");
    assertThat(waiting.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(5));
    assertThat(h.store.safetyDecisions("j1", 10))
        .extracting(SafetyDecisionRecord::decision)
        .containsExactly(SafetyDecision.THROTTLE);

    throttled.set(false);
    h.tickAt(waiting.wakeAt());
    h.awaitState("j1", JobState.RUNNING);
  }

  @Test
  void aFailingGateDefersTheJobInsteadOfDenyingItForGood() {
    AtomicBoolean down = new AtomicBoolean(true);
    h.gate.set(
        r -> {
          if (down.get()) {
            throw new BackendException("kernel unreachable", null);
          }
          return decision(SafetyDecision.ALLOW, "");
        });
    h.start();
    h.submit(Harness.job("j1").build());
    JobRecord waiting = h.awaitRecord("j1", r -> r.wakeAt() != null);
    assertThat(waiting.state()).isEqualTo(JobState.PENDING);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.SAFETY_UNAVAILABLE);

    down.set(false);
    h.tickAt(waiting.wakeAt());
    h.awaitState("j1", JobState.RUNNING);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void constraintsLandInTheDispatchedEnvAndClampTheDeadline() {
    h.gate.set(
        r ->
            SafetyDecisionRecord.builder()
                .decision(SafetyDecision.ALLOW_WITH_CONSTRAINTS)
                .constraints(
                    PolicyConstraints.builder()
                        .budgets(new BudgetConstraints(2000, 3, 4096, 7))
                        .redactionLevel("strict")
                        .build())
                .build());
    h.start();
    h.submit(Harness.job("j1").budget(Budget.ofDeadline(Duration.ofSeconds(5))).build());
    JobRecord rec = h.awaitState("j1", JobState.RUNNING);
    h.settle();
    var dispatched = h.jobsPublished("j1").get(0).packet().jobRequest();
    assertThat(dispatched.env())
        .containsEntry("CORDUM_REDACTION_LEVEL", "strict")
        .containsEntry("CORDUM_MAX_ARTIFACT_BYTES", "4096")
        .containsEntry("CORDUM_MAX_CONCURRENT_JOBS", "7")
        .containsEntry("CORDUM_MAX_RETRIES", "3")
        .containsKey("CORDUM_POLICY_CONSTRAINTS");
    assertThat(dispatched.budget().deadlineMs()).isEqualTo(2000);
    assertThat(rec.deadline()).isEqualTo(h.clock.instant().plusMillis(2000));
  }

  @Test
  void maxRetriesConstraintFailsAJobThatUsedUpItsAttempts() {
    h.gate.set(
        r ->
            SafetyDecisionRecord.builder()
                .decision(SafetyDecision.ALLOW)
                .constraints(
                    PolicyConstraints.builder().budgets(new BudgetConstraints(0, 1, 0, 0)).build())
                .build());
    h.start();
    h.store.save(Harness.job("j1").build(), "t");
    for (int i = 0; i < 2; i++) {
      h.store.transition("j1", Transition.of(JobState.SCHEDULED));
      h.store.transition("j1", Transition.of(JobState.PENDING));
    }
    h.submit(Harness.job("j1").build());
    JobRecord rec = h.awaitState("j1", JobState.FAILED);
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.MAX_RETRIES_EXCEEDED);
    assertThat(rec.reason()).isEqualTo("max retries exceeded (attempts=2, max_retries=1)");
  }

  @Test
  void tenantLimitDefersUntilASlotFrees() {
    h.gate.set(
        r ->
            SafetyDecisionRecord.builder()
                .decision(SafetyDecision.ALLOW)
                .constraints(
                    PolicyConstraints.builder().budgets(new BudgetConstraints(0, 0, 0, 1)).build())
                .build());
    h.start();
    h.submit(Harness.job("a").tenantId("acme").build());
    h.awaitState("a", JobState.RUNNING);
    h.submit(Harness.job("b").tenantId("acme").build());
    JobRecord waiting = h.awaitRecord("b", r -> r.wakeAt() != null);
    assertThat(waiting.reasonCode()).isEqualTo(ReasonCodes.TENANT_LIMIT);
    h.submit(Harness.job("c").tenantId("other").build());
    h.awaitState("c", JobState.RUNNING);

    h.result("a", JobStatus.SUCCEEDED, "", "");
    h.awaitState("a", JobState.SUCCEEDED);
    h.tickAt(waiting.wakeAt());
    h.awaitState("b", JobState.RUNNING);
  }

  @Test
  void aGateReturningNothingDenies() {
    h.gate.set(r -> null);
    h.start();
    h.submit(Harness.job("j1").build());
    assertThat(h.awaitState("j1", JobState.DENIED).reason())
        .isEqualTo("safety gate returned no decision");
  }
}
