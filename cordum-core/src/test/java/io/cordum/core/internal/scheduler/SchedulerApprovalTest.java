package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.policy.PolicyAuditRecord;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyGate;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.internal.policy.CircuitBreakerSafetyGate;
import io.cordum.core.internal.policy.DefaultSafetyKernel;
import io.cordum.core.policy.CircuitBreakerSettings;
import io.cordum.core.policy.PolicySource;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.SchedulerConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The approval flow and the circuit breaker, with the real kernel in front of the scheduler. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerApprovalTest {
  static final String POLICY =
      """
      rules:
        - id: hold-db
          match: { topics: ["job.default"], labels: { target: db } }
          decision: require_approval
          reason: db jobs need a human
          constraints: { budgets: { max_runtime_ms: 1000 } }
        - id: no-secrets
          match: { topics: ["job.default"], labels: { target: vault } }
          decision: deny
          reason: no vault access
      """;

  private final Harness h;

  SchedulerApprovalTest(Backends backends) {
    h = new Harness(backends);
  }

  private final AtomicReference<String> policy = new AtomicReference<>(POLICY);
  private DefaultSafetyKernel kernel;
  private Scheduler scheduler;

  @AfterEach
  void close() {
    h.close();
  }

  private Scheduler start(SafetyGate gate) {
    SchedulerConfig config = Harness.config().build();
    Scheduler s =
        new Scheduler(
            h.schedulerBus,
            h.store,
            h.registry,
            h.leases,
            gate,
            new LeastLoadedStrategy(config.pools(), config.topicFallback()),
            config,
            h.clock,
            h.executor,
            SchedulerMetrics.NOOP,
            null,
            h.watcher);
    s.start();
    h.schedulers.add(s);
    return s;
  }

  private void startWithKernel() {
    PolicySource live =
        new PolicySource() {
          @Override
          public String name() {
            return "test";
          }

          @Override
          public byte[] fetch() {
            return policy.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          }
        };
    kernel =
        new DefaultSafetyKernel(
            SafetyKernelConfig.builder().policySource(live).build(), null, h.clock);
    scheduler =
        start(new CircuitBreakerSafetyGate(kernel, h.clock, CircuitBreakerSettings.DEFAULT));
  }

  private JobRecord parked(String id) {
    h.submit(Harness.job(id).putLabels("target", "db").build());
    return h.awaitState(id, JobState.APPROVAL_REQUIRED);
  }

  private long checks() {
    return kernel.recentDecisions(100).stream().filter(a -> a.operation().equals("check")).count();
  }

  @Test
  void approvalIsBoundToHashAndSnapshotAndDispatchesWithoutAskingAgain() {
    startWithKernel();
    JobRecord rec = parked("j1");
    SafetyDecisionRecord asked = rec.safety();
    assertThat(asked.decision()).isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(asked.approvalRequired()).isTrue();
    assertThat(asked.jobHash()).hasSize(64);
    assertThat(asked.policySnapshot()).isEqualTo(kernel.currentSnapshot());
    assertThat(h.jobsPublished("j1")).isEmpty();
    assertThat(checks()).isEqualTo(1);

    JobRecord approved = scheduler.approvals().approve("j1", "alice", "looked at it");
    assertThat(approved.state()).isEqualTo(JobState.PENDING);
    h.tick();
    JobRecord running = h.awaitState("j1", JobState.RUNNING);
    assertThat(checks()).isEqualTo(1);
    assertThat(running.safety().decision()).isEqualTo(SafetyDecision.ALLOW_WITH_CONSTRAINTS);
    assertThat(running.safety().ruleId()).isEqualTo("hold-db");
    assertThat(running.safety().approval().approver()).isEqualTo("alice");
    assertThat(running.safety().approval().reason()).isEqualTo("looked at it");
    assertThat(h.jobsPublished("j1"))
        .singleElement()
        .satisfies(s -> assertThat(s.packet().jobRequest().budget().deadlineMs()).isEqualTo(1000));
    assertThat(h.store.safetyDecisions("j1", 10))
        .extracting(d -> d.reason())
        .contains("approval granted by alice: looked at it", "db jobs need a human");
  }

  @Test
  void aChangedPolicySnapshotRefusesTheApprovalUntilReevaluated() {
    startWithKernel();
    parked("j1");
    policy.set(POLICY.replace("require_approval", "allow"));
    assertThat(kernel.reload().changed()).isTrue();
    assertThatThrownBy(() -> scheduler.approvals().approve("j1", "alice", ""))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("policy snapshot changed");
    assertThat(h.store.get("j1").orElseThrow().state()).isEqualTo(JobState.APPROVAL_REQUIRED);
    scheduler.approvals().reevaluate("j1");
    h.tick();
    assertThat(h.awaitState("j1", JobState.RUNNING).safety().approval()).isNull();
    assertThat(checks()).isEqualTo(2);
  }

  @Test
  void aChangedRequestRefusesTheApproval() {
    startWithKernel();
    parked("j1");
    h.store.save(Harness.job("j1").putLabels("target", "db").putLabels("extra", "x").build(), null);
    assertThatThrownBy(() -> scheduler.approvals().approve("j1", "alice", ""))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("request changed");
    // approval_* labels are not part of the binding
    h.store.save(
        Harness.job("j1").putLabels("target", "db").putLabels("approval_note", "n").build(), null);
    assertThat(scheduler.approvals().approve("j1", "bob", "").state()).isEqualTo(JobState.PENDING);
  }

  @Test
  void rejectingEndsDeniedWithReasonCodeAndDeadLetter() {
    startWithKernel();
    parked("j1");
    JobRecord done = scheduler.approvals().reject("j1", "carol", "too risky");
    assertThat(done.state()).isEqualTo(JobState.DENIED);
    assertThat(done.reasonCode()).isEqualTo(ReasonCodes.APPROVAL_REJECTED);
    assertThat(done.safety().approval().granted()).isFalse();
    assertThat(done.safety().approval().approver()).isEqualTo("carol");
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(JobStatus.DENIED);
              assertThat(r.errorCode()).isEqualTo("approval_rejected");
              assertThat(r.errorMessage()).isEqualTo("approval rejected by carol: too risky");
            });
    assertThat(h.jobsPublished("j1")).isEmpty();
  }

  @Test
  void roleAndNoteAreRecordedOnApprovalsAndRejections() {
    startWithKernel();
    parked("j1");
    JobRecord approved =
        scheduler
            .approvals()
            .approve(
                "j1",
                io.cordum.api.policy.Approval.by(" alice ")
                    .role("admin")
                    .reason("change window")
                    .note("ticket OPS-12")
                    .build());
    assertThat(approved.safety().approval())
        .satisfies(
            a -> {
              assertThat(a.granted()).isTrue();
              assertThat(a.approver()).isEqualTo("alice");
              assertThat(a.role()).isEqualTo("admin");
              assertThat(a.reason()).isEqualTo("change window");
              assertThat(a.note()).isEqualTo("ticket OPS-12");
              assertThat(a.decidedAt()).isEqualTo(h.clock.instant());
            });
    assertThat(h.store.safetyDecisions("j1", 1).get(0).approval().note())
        .isEqualTo("ticket OPS-12");

    parked("j2");
    JobRecord rejected =
        scheduler
            .approvals()
            .reject(
                "j2",
                io.cordum.api.policy.Approval.by("carol").role("secops").note("not today").build());
    assertThat(rejected.safety().approval())
        .satisfies(
            a -> {
              assertThat(a.granted()).isFalse();
              assertThat(a.role()).isEqualTo("secops");
              assertThat(a.note()).isEqualTo("not today");
              assertThat(a.reason()).isEmpty();
            });
  }

  @Test
  void approvalsCheckTheirArguments() {
    startWithKernel();
    assertThatThrownBy(() -> scheduler.approvals().approve("nope", "a", ""))
        .isInstanceOf(NotFoundException.class);
    parked("j1");
    assertThatThrownBy(() -> scheduler.approvals().approve("j1", " ", ""))
        .isInstanceOf(ValidationException.class);
    scheduler.approvals().approve("j1", "a", "");
    assertThatThrownBy(() -> scheduler.approvals().approve("j1", "a", ""))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("not awaiting approval");
    assertThatThrownBy(() -> scheduler.approvals().reject("j1", "a", ""))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void policyDenyEndsDeniedAndAuditsTheRule() {
    startWithKernel();
    h.submit(Harness.job("j1").putLabels("target", "vault").build());
    JobRecord rec = h.awaitState("j1", JobState.DENIED);
    assertThat(rec.reasonCode()).isEqualTo(ReasonCodes.SAFETY_DENIED);
    assertThat(rec.safety().ruleId()).isEqualTo("no-secrets");
    assertThat(kernel.recentDecisions(1))
        .singleElement()
        .extracting(PolicyAuditRecord::ruleId)
        .isEqualTo("no-secrets");
  }

  @Test
  void aBrokenKernelFailsClosedBehindTheBreakerAndDeferredJobsRunLater() {
    AtomicBoolean down = new AtomicBoolean(true);
    SafetyGate flaky =
        r -> {
          if (down.get()) {
            throw new IllegalStateException("kernel crashed");
          }
          return SafetyDecisionRecord.of(SafetyDecision.ALLOW, "", h.clock.instant());
        };
    CircuitBreakerSafetyGate breaker =
        new CircuitBreakerSafetyGate(flaky, h.clock, CircuitBreakerSettings.DEFAULT);
    start(breaker);
    for (int i = 1; i <= 4; i++) {
      h.submit(Harness.job("j" + i).build());
      JobRecord r = h.awaitRecord("j" + i, x -> x.wakeAt() != null);
      assertThat(r.state()).isEqualTo(JobState.PENDING);
      assertThat(r.reasonCode()).isEqualTo(ReasonCodes.SAFETY_UNAVAILABLE);
    }
    assertThat(h.store.get("j4").orElseThrow().reason()).contains("circuit open");
    assertThat(breaker.state()).isEqualTo(CircuitBreakerSafetyGate.State.OPEN);
    down.set(false);
    h.tickAt(h.clock.instant().plus(Duration.ofSeconds(31)));
    for (int i = 1; i <= 4; i++) {
      h.awaitState("j" + i, JobState.RUNNING);
    }
    assertThat(breaker.state()).isEqualTo(CircuitBreakerSafetyGate.State.CLOSED);
    assertThat(h.deadLetters()).isEmpty();
  }
}
