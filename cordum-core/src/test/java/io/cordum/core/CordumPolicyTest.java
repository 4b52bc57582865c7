package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safety kernel through Cordum's public API: deny, approval, constrained allow, bundles. */
class CordumPolicyTest {
  static final String POLICY =
      """
      version: demo
      rules:
        - id: no-drop
          match: { topics: ["job.ops"], labels: { action: drop } }
          decision: deny
          reason: dropping tables is not allowed
        - id: prod-needs-human
          match: { topics: ["job.ops"], risk_tags: [prod] }
          decision: require_approval
          reason: prod changes need a human
        - id: sandbox
          match: { topics: ["job.ops"] }
          constraints: { budgets: { max_runtime_ms: 5000 }, redaction_level: high }
      """;

  @TempDir Path dir;

  private static CordumWorker worker(Cordum c) {
    return CordumWorker.builder()
        .workerId("w1")
        .pool("ops")
        .topics("job.ops")
        .maxParallel(4)
        .cpuLoad(CpuLoad.fixed(0))
        .bus(c.bus())
        .pointers(c.pointers())
        .handler(
            job ->
                JobOutput.of(
                    "done " + job.request().env().getOrDefault("CORDUM_REDACTION_LEVEL", "-")))
        .build()
        .start();
  }

  private static JobRecord awaitState(Cordum c, String id, JobState s) {
    await()
        .atMost(10, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> c.jobs().get(id).map(r -> r.state() == s).orElse(false));
    return c.jobs().get(id).orElseThrow();
  }

  @Test
  void denyApprovalAndConstrainedAllowEndToEnd() throws Exception {
    Path policy = dir.resolve("safety.yaml");
    Files.writeString(policy, POLICY);
    try (Cordum cordum =
            Cordum.builder()
                .pools(PoolConfig.builder().topic("job.ops", "ops").pool("ops").build())
                .policy(policy)
                .build()
                .start();
        CordumWorker w = worker(cordum)) {
      SafetyKernel kernel = cordum.safetyKernel().orElseThrow();
      assertThat(kernel.currentSnapshot()).startsWith("demo:");

      String denied =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").label("action", "drop").build())
              .jobId();
      JobRecord d = cordum.jobs().awaitTerminal(denied).get(10, TimeUnit.SECONDS);
      assertThat(d.state()).isEqualTo(JobState.DENIED);
      assertThat(d.safety().ruleId()).isEqualTo("no-drop");

      String held =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").riskTags("prod").build())
              .jobId();
      awaitState(cordum, held, JobState.APPROVAL_REQUIRED);
      cordum.approvals().approve(held, "alice", "change ticket 42");
      JobRecord ran = cordum.jobs().awaitTerminal(held).get(10, TimeUnit.SECONDS);
      assertThat(ran.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(ran.safety().approval().approver()).isEqualTo("alice");

      String plain = cordum.jobs().submit(JobSubmission.builder().topic("job.ops").build()).jobId();
      JobRecord ok = cordum.jobs().awaitTerminal(plain).get(10, TimeUnit.SECONDS);
      assertThat(ok.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(ok.safety().decision()).isEqualTo(SafetyDecision.ALLOW_WITH_CONSTRAINTS);
      assertThat(new String(cordum.jobs().result(plain).orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo("done high");
    }
  }

  @Test
  void publishingABundleChangesDecisionsAtOnceAndRollbackUndoesIt() {
    try (Cordum cordum =
        Cordum.builder().safetyKernel(SafetyKernelConfig.builder().build()).build()) {
      SafetyKernel kernel = cordum.safetyKernel().orElseThrow();
      var job = io.cordum.api.cap.JobRequest.builder().jobId("j").topic("job.x").build();
      assertThat(kernel.evaluate(job).decision()).isEqualTo(SafetyDecision.ALLOW);
      var bundles = cordum.policyBundles();
      bundles.put(
          PolicyBundle.builder("secops/guard")
              .enabled(false)
              .content("rules: [{id: freeze, decision: deny, reason: change freeze}]")
              .build(),
          "alice");
      assertThat(kernel.evaluate(job).decision()).isEqualTo(SafetyDecision.ALLOW);
      var published = bundles.publish(List.of(), "alice", "freeze");
      assertThat(kernel.evaluate(job).decision()).isEqualTo(SafetyDecision.DENY);
      bundles.rollback(published.snapshotBefore(), "bob", "thaw");
      assertThat(kernel.evaluate(job).decision()).isEqualTo(SafetyDecision.ALLOW);
      assertThat(bundles.audit(10))
          .extracting(e -> e.action())
          .containsExactly("rollback", "publish", "put");
    }
  }

  @Test
  void withoutAPolicyTheGateIsAllowAllAndFromEnvironmentTurnsTheKernelOn() throws Exception {
    try (Cordum cordum = Cordum.builder().build()) {
      assertThat(cordum.safetyKernel()).isEmpty();
      assertThat(cordum.instance(io.cordum.api.policy.SafetyGate.class))
          .isInstanceOf(AllowAllSafetyGate.class);
    }
    Path policy = dir.resolve("env.yaml");
    Files.writeString(policy, POLICY);
    try (Cordum cordum =
        Cordum.builder().fromEnvironment(Map.of("SAFETY_POLICY_PATH", policy.toString())).build()) {
      assertThat(cordum.safetyKernel()).isPresent();
    }
  }
}
