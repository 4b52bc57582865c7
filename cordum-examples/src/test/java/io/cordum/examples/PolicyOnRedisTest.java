package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleService;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.core.Cordum;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPolicyBundleStore;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safety kernel with its bundles and the jobs on Redis (a private server): every decision type,
 * approve and reject, publish and rollback, and a reload that keeps the last good bundle.
 */
class PolicyOnRedisTest {
  private RedisServer redis;

  @BeforeEach
  void server() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private Cordum cordum() {
    return Cordum.builder()
        .pools(PoolConfig.builder().topic("job.ops", "ops").pool("ops").build())
        .safetyKernel(
            SafetyKernelConfig.builder()
                .policy(
                    """
            rules:
              - { id: base-throttle, match: { topics: [job.ops], labels: { load: high } }, decision: throttle }
            """)
                .build())
        .scheduler(s -> s.tickInterval(Duration.ofMillis(20)))
        .modules(
            new RedisStoresModule(
                RedisConfig.builder().url(redis.url()).keyPrefix("policy-test:").build()))
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
  void decisionsApprovalsBundlesAndRollbackOnRedis() throws Exception {
    try (Cordum cordum = cordum();
        CordumWorker w =
            CordumWorker.builder()
                .workerId("w")
                .pool("ops")
                .topics("job.ops")
                .cpuLoad(CpuLoad.fixed(0))
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(job -> JobOutput.of("ok"))
                .build()
                .start()) {
      PolicyBundleService bundles = cordum.policyBundles();
      SafetyKernel kernel = cordum.safetyKernel().orElseThrow();
      bundles.put(
          PolicyBundle.builder("secops/ops")
              .enabled(false)
              .content(
                  """
          rules:
            - { id: deny-drop, match: { labels: { action: drop } }, decision: deny, reason: no drops }
            - { id: hold-prod, match: { risk_tags: [prod] }, decision: require_approval }
            - { id: limit, match: { topics: [job.ops] }, constraints: { redaction_level: high } }
          """)
              .build(),
          "alice");
      var published = bundles.publish(List.of(), "alice", "ops rules");
      assertThat(kernel.currentSnapshot()).contains("|cfg:");

      String denied =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").label("action", "drop").build())
              .jobId();
      assertThat(cordum.jobs().awaitTerminal(denied).get(10, TimeUnit.SECONDS).reasonCode())
          .isEqualTo("safety_denied");

      String throttled =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").label("load", "high").build())
              .jobId();
      await()
          .atMost(10, TimeUnit.SECONDS)
          .until(
              () ->
                  cordum
                      .jobs()
                      .get(throttled)
                      .map(r -> "safety_throttled".equals(r.reasonCode()))
                      .orElse(false));

      String approved =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").riskTags("prod").build())
              .jobId();
      awaitState(cordum, approved, JobState.APPROVAL_REQUIRED);
      cordum.approvals().approve(approved, "alice", "ok");
      JobRecord ran = cordum.jobs().awaitTerminal(approved).get(10, TimeUnit.SECONDS);
      assertThat(ran.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(ran.safety().approval().approver()).isEqualTo("alice");
      assertThat(ran.safety().decision()).isEqualTo(SafetyDecision.ALLOW);

      String rejected =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.ops").riskTags("prod").build())
              .jobId();
      awaitState(cordum, rejected, JobState.APPROVAL_REQUIRED);
      JobRecord r = cordum.approvals().reject(rejected, "bob", "not now");
      assertThat(r.state()).isEqualTo(JobState.DENIED);
      assertThat(cordum.jobs().get(rejected).orElseThrow().safety().approval().granted()).isFalse();

      String constrained =
          cordum.jobs().submit(JobSubmission.builder().topic("job.ops").build()).jobId();
      assertThat(
              cordum
                  .jobs()
                  .awaitTerminal(constrained)
                  .get(10, TimeUnit.SECONDS)
                  .safety()
                  .constraints()
                  .redactionLevel())
          .isEqualTo("high");

      // A broken bundle written behind the service's back keeps its last good version.
      JobRequest prod = JobRequest.builder().jobId("x").topic("job.ops").build();
      try (RedisConnections other =
          RedisConnections.create(
              RedisConfig.builder().url(redis.url()).keyPrefix("policy-test:").build())) {
        var set = new RedisPolicyBundleStore(other, java.time.Clock.systemUTC());
        var current = set.read();
        var broken = new java.util.TreeMap<>(current.bundles());
        broken.put(
            "secops/ops",
            current.bundles().get("secops/ops").toBuilder()
                .content("rules: [{decision: nope}]")
                .build());
        set.commit(current.version(), broken, List.of(), null);
      }
      var status = kernel.reload();
      assertThat(status.warnings()).singleElement().asString().contains("last good version");
      assertThat(kernel.evaluate(prod).ruleId()).isEqualTo("limit");

      bundles.rollback(published.snapshotBefore(), "bob", "undo");
      assertThat(kernel.evaluate(prod).decision()).isEqualTo(SafetyDecision.ALLOW);
      assertThat(kernel.evaluate(prod).ruleId()).isEmpty();
      assertThat(bundles.audit(5))
          .extracting(e -> e.action())
          .containsExactly("rollback", "publish", "put");
    }
  }
}
