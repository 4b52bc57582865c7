package io.cordum.core.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.PolicyAuditRecord;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyExplanation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyKernel.ReloadStatus;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.memory.InMemoryPolicyBundleStore;
import io.cordum.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel: sources, snapshots, reload with last-known-good, cache, audit, operations. */
class SafetyKernelTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock();
  final InMemoryPolicyBundleStore bundles = new InMemoryPolicyBundleStore(clock);

  static final String ALLOW_JOBS =
      "version: v1\ntenants:\n  default:\n    allow_topics: [\"job.*\"]\n";

  static JobRequest job(String id, String topic) {
    return JobRequest.builder().jobId(id).topic(topic).build();
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  DefaultSafetyKernel kernel(SafetyKernelConfig.Builder b) {
    return new DefaultSafetyKernel(b.build(), bundles, clock);
  }

  void putBundle(String id, String content, int priority, boolean enabled) {
    var set = bundles.read();
    Map<String, PolicyBundle> m = new TreeMap<>(set.bundles());
    m.put(
        id,
        PolicyBundle.builder(id)
            .content(content)
            .priority(priority)
            .enabled(enabled)
            .version(1)
            .build());
    bundles.commit(set.version(), m, List.of(), null);
  }

  void removeBundle(String id) {
    var set = bundles.read();
    Map<String, PolicyBundle> m = new TreeMap<>(set.bundles());
    m.remove(id);
    bundles.commit(set.version(), m, List.of(), null);
  }

  @Test
  void fileWithVersionGivesAVersionedSha256Snapshot() throws Exception {
    var k = kernel(SafetyKernelConfig.builder().policyFile(write("p.yaml", ALLOW_JOBS)));
    assertThat(k.currentSnapshot()).matches("v1:[0-9a-f]{64}");
    assertThat(k.snapshots()).containsExactly(k.currentSnapshot());
  }

  @Test
  void evaluateExplainAndSimulateAllAllowUnderAnAllowPolicy() {
    var k = kernel(SafetyKernelConfig.builder().policy(ALLOW_JOBS));
    JobRequest r = job("j", "job.test");
    assertThat(k.evaluate(r).decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThat(k.explain(r).decision().decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThat(
            k.simulate(r, PolicyBundle.builder("secops/d").content("rules: []").build())
                .decision()
                .decision())
        .isEqualTo(SafetyDecision.ALLOW);
    assertThat(k.evaluate(JobRequest.builder().build()).reason()).isNotEmpty();
  }

  @Test
  void aMissingOrBrokenPolicyRefusesToStart() {
    assertThatThrownBy(
            () -> kernel(SafetyKernelConfig.builder().policyFile(dir.resolve("nope.yaml"))))
        .isInstanceOf(CordumException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () -> kernel(SafetyKernelConfig.builder().policy("rules: [{id: x, decision: maybe}]")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("rules[0](x).decision");
  }

  @Test
  void reloadKeepsTheLastKnownGoodPolicyAndPicksUpTheFix() throws Exception {
    Path p = write("p.yaml", "rules: [{id: d, match: {topics: [job.x]}, decision: deny}]");
    var k = kernel(SafetyKernelConfig.builder().policyFile(p));
    String first = k.currentSnapshot();
    Files.writeString(p, "rules: [{id: d, decision: maybe}]");
    ReloadStatus bad = k.reload();
    assertThat(bad.ok()).isFalse();
    assertThat(bad.error()).contains("decision");
    assertThat(k.currentSnapshot()).isEqualTo(first);
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.DENY);
    Files.delete(p);
    assertThat(k.reload().ok()).isFalse();
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.DENY);
    Files.writeString(p, "rules: [{id: t, match: {topics: [job.x]}, decision: throttle}]");
    ReloadStatus ok = k.reload();
    assertThat(ok.changed()).isTrue();
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.THROTTLE);
    assertThat(k.snapshots()).containsExactly(ok.snapshot(), first);
  }

  @Test
  void reloadRunsWhenTheIntervalHasPassedByTheClock() throws Exception {
    Path p = write("p.yaml", ALLOW_JOBS);
    var k =
        kernel(SafetyKernelConfig.builder().policyFile(p).reloadInterval(Duration.ofSeconds(30)));
    Files.writeString(p, "rules: [{id: d, decision: deny}]");
    clock.advance(Duration.ofSeconds(29));
    assertThat(k.tick()).isNull();
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.ALLOW);
    clock.advance(Duration.ofSeconds(1));
    assertThat(k.tick().changed()).isTrue();
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(k.tick()).isNull();
  }

  @Test
  void snapshotHistoryKeepsTheNewestTen() {
    var k = kernel(SafetyKernelConfig.builder());
    for (int i = 0; i < 12; i++) {
      putBundle("secops/p", "version: snap-" + i + "\nrules: [{id: r" + i + "}]", 0, true);
      k.reload();
    }
    assertThat(k.snapshots()).hasSize(10);
    assertThat(k.snapshots().get(0)).isEqualTo(k.currentSnapshot());
    assertThat(k.snapshots()).doesNotHaveDuplicates();
  }

  @Test
  void removingEverySourceTakesEffect() {
    putBundle("secops/deny", "rules: [{id: d, decision: deny}]", 0, true);
    var k = kernel(SafetyKernelConfig.builder());
    assertThat(k.currentSnapshot()).startsWith("cfg:");
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.DENY);
    removeBundle("secops/deny");
    assertThat(k.reload().changed()).isTrue();
    assertThat(k.currentSnapshot()).isEqualTo("none");
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void aBrokenBundleKeepsItsLastGoodVersionWithoutFreezingTheOthers() {
    putBundle("secops/a", "rules: [{id: a, match: {topics: [job.a]}, decision: deny}]", 0, true);
    var k = kernel(SafetyKernelConfig.builder());
    putBundle("secops/a", "rules: [{id: a, decision: nonsense}]", 0, true);
    putBundle(
        "pack1/overlay", "rules: [{id: b, match: {topics: [job.b]}, decision: throttle}]", 0, true);
    putBundle("pack2/new", "rules: {", 0, true);
    ReloadStatus s = k.reload();
    assertThat(s.ok()).isTrue();
    assertThat(s.changed()).isTrue();
    assertThat(s.warnings())
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains("secops/a").contains("last good version"))
        .anySatisfy(w -> assertThat(w).contains("pack2/new").contains("left out"));
    assertThat(k.check(job("j", "job.a")).decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(k.check(job("j", "job.b")).decision()).isEqualTo(SafetyDecision.THROTTLE);
  }

  @Test
  void disabledBundlesAreLeftOutOfThePolicyAndTheSnapshot() {
    putBundle("secops/on", "rules: [{id: on}]", 0, true);
    var k = kernel(SafetyKernelConfig.builder());
    String snap = k.currentSnapshot();
    putBundle("secops/off", "rules: [{id: off, decision: deny}]", 0, false);
    assertThat(k.reload().changed()).isFalse();
    assertThat(k.currentSnapshot()).isEqualTo(snap);
    assertThat(k.check(job("j", "job.x")).decision()).isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void ruleOrderIsBasePriorityThenSecopsBeforePacksNotAlphabetical() {
    putBundle("aaa/pack", "rules: [{id: pack-allow, match: {topics: [job.*]}}]", 0, true);
    putBundle(
        "secops/guard",
        "rules: [{id: secops-deny, match: {topics: [job.*]}," + " decision: deny}]",
        0,
        true);
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .policy(
                    "rules: [{id: base-throttle, match: {topics: [job.base]}, decision: throttle}]"));
    assertThat(k.check(job("j", "job.base")).ruleId()).isEqualTo("base-throttle");
    assertThat(k.check(job("j", "job.x")).ruleId()).isEqualTo("secops-deny");
    putBundle("aaa/pack", "rules: [{id: pack-allow, match: {topics: [job.*]}}]", 10, true);
    k.reload();
    assertThat(k.check(job("j", "job.x")).ruleId()).isEqualTo("pack-allow");
  }

  @Test
  void simulateAddsTheDraftToTheLivePolicyWithoutChangingIt() {
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .policy(
                    "rules: [{id: no-delete, match: {topics: [job.db.delete]}, decision: deny}]"));
    PolicyBundle draft =
        PolicyBundle.builder("secops/draft")
            .enabled(false)
            .content("rules: [{id: approve-all, decision: require_approval}]")
            .build();
    PolicyExplanation del = k.simulate(job("j", "job.db.delete"), draft);
    assertThat(del.decision().decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(del.decision().ruleId()).isEqualTo("no-delete");
    PolicyExplanation other = k.simulate(job("j", "job.other"), draft);
    assertThat(other.decision().decision()).isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(other.trace()).extracting(t -> t.source()).contains("base", "bundle:secops/draft");
    assertThat(other.decision().policySnapshot()).startsWith("simulation:");
    assertThat(k.check(job("j", "job.other")).decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThatThrownBy(
            () ->
                k.simulate(
                    job("j", "job.x"),
                    PolicyBundle.builder("secops/x").content("rules: [{decision: maybe}]").build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("bundle secops/x: rules[0].decision");
  }

  @Test
  void everyDecisionIsAudited() {
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .policy(
                    """
        rules:
          - id: sandbox
            reason: sandboxed
            constraints: { sandbox: { isolated: true } }
        """));
    k.check(job("j1", "job.a"));
    k.evaluate(job("j2", "job.a"));
    k.explain(job("j3", "job.a"));
    k.simulate(job("j4", "job.a"), PolicyBundle.builder("secops/x").content("").build());
    List<PolicyAuditRecord> audit = k.recentDecisions(10);
    assertThat(audit)
        .extracting(PolicyAuditRecord::operation)
        .containsExactly("simulate", "explain", "evaluate", "check");
    PolicyAuditRecord check = audit.get(3);
    assertThat(check.jobId()).isEqualTo("j1");
    assertThat(check.ruleId()).isEqualTo("sandbox");
    assertThat(check.snapshot()).isEqualTo(k.currentSnapshot());
    assertThat(check.decision()).isEqualTo(SafetyDecision.ALLOW_WITH_CONSTRAINTS);
    assertThat(check.constraints().sandbox().isolated()).isTrue();
    assertThat(check.reason()).isEqualTo("sandboxed");
    assertThat(k.recentDecisions(1)).hasSize(1);
  }

  @Test
  void theDecisionCacheHitsRestampsTheApprovalRefAndIsEmptiedOnReload() {
    var k =
        kernel(
            SafetyKernelConfig.builder()
                .decisionCacheTtl(Duration.ofSeconds(5))
                .decisionCacheSize(2)
                .policy("rules: [{id: hold, decision: require_approval}]"));
    SafetyDecisionRecord a = k.check(job("j1", "job.x"));
    SafetyDecisionRecord b = k.check(job("j2", "job.x"));
    assertThat(a.approvalRef()).isEqualTo("j1");
    assertThat(b.approvalRef()).isEqualTo("j2");
    assertThat(k.recentDecisions(2))
        .extracting(PolicyAuditRecord::cached)
        .containsExactly(true, false);
    k.check(job("j3", "job.y"));
    k.check(job("j4", "job.z"));
    assertThat(k.cachedDecisions()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    k.check(job("j5", "job.z"));
    assertThat(k.recentDecisions(1).get(0).cached()).isFalse();
    putBundle("secops/x", "rules: [{id: x}]", 0, true);
    assertThat(k.reload().changed()).isTrue();
    assertThat(k.cachedDecisions()).isZero();
  }

  @Test
  void fromEnvironmentPrefersTheUrlAndParsesDurations() {
    SafetyKernelConfig c =
        SafetyKernelConfig.builder()
            .fromEnvironment(
                Map.of(
                    "SAFETY_POLICY_URL",
                    "http://policy.example/p.yaml",
                    "SAFETY_POLICY_PATH",
                    "/x.yaml",
                    "SAFETY_POLICY_RELOAD_INTERVAL",
                    "1m30s",
                    "SAFETY_DECISION_CACHE_TTL",
                    "250ms",
                    "SAFETY_POLICY_CONFIG_DISABLE",
                    "1"))
            .build();
    assertThat(c.base().name()).isEqualTo("http://policy.example/p.yaml");
    assertThat(c.reloadInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.decisionCacheTtl()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.useBundles()).isFalse();
    SafetyKernelConfig path =
        SafetyKernelConfig.builder()
            .fromEnvironment(
                Map.of("SAFETY_POLICY_PATH", "/x.yaml", "SAFETY_POLICY_CONFIG_DISABLE", "false"))
            .build();
    assertThat(path.base().name()).isEqualTo("/x.yaml");
    assertThat(path.reloadInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(path.useBundles()).isTrue(); // Cordum read any non-empty value as "disable"
  }

  @Test
  void fromEnvironmentRefusesInvalidValuesByName() {
    // Cordum ignored "bogus" and kept 30 s; a typo must not change the policy's behaviour.
    assertThatThrownBy(
            () ->
                SafetyKernelConfig.builder()
                    .fromEnvironment(
                        Map.of(
                            "SAFETY_POLICY_PATH",
                            "/x.yaml",
                            "SAFETY_POLICY_RELOAD_INTERVAL",
                            "bogus",
                            "SAFETY_DECISION_CACHE_TTL",
                            "-1s",
                            "SAFETY_POLICY_CONFIG_DISABLE",
                            "perhaps",
                            "SAFETY_POLICY_URL",
                            "ftp://x/p.yaml")))
        .isInstanceOfSatisfying(
            io.cordum.api.ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .containsExactlyInAnyOrder(
                        "SAFETY_POLICY_RELOAD_INTERVAL", "SAFETY_DECISION_CACHE_TTL",
                        "SAFETY_POLICY_CONFIG_DISABLE", "SAFETY_POLICY_URL"));
  }

  @Test
  void baseAndBundleSnapshotsCombineAndDisabledOnesDoNotCount() throws Exception {
    putBundle(
        "secops/a",
        "rules: [{id: a, match: {topics: [job.prod.*]}," + " decision: require_approval}]",
        0,
        true);
    putBundle("secops/off", "rules: [{id: off, decision: deny}]", 0, false);
    var k = kernel(SafetyKernelConfig.builder().policyFile(write("p.yaml", ALLOW_JOBS)));
    assertThat(k.currentSnapshot()).matches("v1:[0-9a-f]{64}\\|cfg:[0-9a-f]{64}");
    assertThat(k.check(job("j", "job.prod.test")).decision())
        .isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(k.check(job("j", "job.other")).decision()).isEqualTo(SafetyDecision.ALLOW);
  }
}
