package io.cordum.core.internal.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.policy.SafetyDecision;
import org.junit.jupiter.api.Test;

/** Parsing and validation of the policy format. */
class PolicyParserTest {
  static final String SAMPLE =
      """
      version: v3
      default_tenant: default
      rules:
        - id: prod-write-needs-approval
          match: { topics: ["job.db.*"], risk_tags: ["prod", "write"], actor_types: ["service"] }
          decision: require_approval
          reason: "prod writes need a human"
        - id: deny-delete
          match: { topics: ["job.db.delete"] }
          decision: deny
          reason: "deletes blocked"
          remediations:
            - { id: archive, title: "Archive instead", replacement_topic: job.db.archive, add_labels: { via: remediation } }
        - id: sandbox-shell
          match: { capabilities: ["shell.exec"] }
          decision: allow_with_constraints
          constraints:
            budgets: { max_runtime_ms: 60000, max_retries: 1 }
            sandbox: { isolated: true, network_allowlist: ["github.com"] }
            diff: { max_files: 20, deny_path_globs: ["infra/**"] }
            redaction_level: high
      tenants:
        default:
          deny_topics: ["job.admin.*"]
          mcp: { allow_servers: ["github"], deny_tools: ["delete_repo"] }
      """;

  @Test
  void parsesTheSample() {
    PolicyDocument d = PolicyParser.parse(SAMPLE);
    assertThat(d.version()).isEqualTo("v3");
    assertThat(d.rules())
        .extracting(PolicyRule::id)
        .containsExactly("prod-write-needs-approval", "deny-delete", "sandbox-shell");
    assertThat(d.rules().get(0).decision()).isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(d.rules().get(1).remediations())
        .singleElement()
        .satisfies(r -> assertThat(r.replacementTopic()).isEqualTo("job.db.archive"));
    assertThat(d.rules().get(2).constraints().budgets().maxRuntimeMs()).isEqualTo(60000);
    assertThat(d.rules().get(2).constraints().sandbox().isolated()).isTrue();
    assertThat(d.rules().get(2).constraints().redactionLevel()).isEqualTo("high");
    assertThat(d.tenants().get("default").mcp().denyTools()).containsExactly("delete_repo");
  }

  @Test
  void jsonParsesToo() {
    PolicyDocument d =
        PolicyParser.parse("{\"version\":\"j1\",\"rules\":[{\"id\":\"r\",\"decision\":\"deny\"}]}");
    assertThat(d.rules())
        .singleElement()
        .satisfies(r -> assertThat(r.decision()).isEqualTo(SafetyDecision.DENY));
  }

  @Test
  void blankInputIsNoPolicy() {
    assertThat(PolicyParser.parse("")).isNull();
    assertThat(PolicyParser.parse("  \n")).isNull();
  }

  @Test
  void aRuleWithNeitherIdNorMatchIsRejectedWhenLoaded() {
    assertThatThrownBy(() -> PolicyParser.parse("rules:\n  - decision: deny\n"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("rules[0]");
                          assertThat(v.rule()).contains("needs an id or a match");
                        }));
    assertThatThrownBy(() -> PolicyParser.parse("rules:\n  - match: {}\n    decision: deny\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("needs an id or a match");
    // either one is enough: a named catch-all, or an anonymous rule that matches something
    assertThat(PolicyParser.parse("rules:\n  - id: catch-all\n    decision: deny\n")).isNotNull();
    assertThat(PolicyParser.parse("rules:\n  - match: {topics: [job.x]}\n    decision: deny\n"))
        .isNotNull();
  }

  @Test
  void invalidDecisionIsRejectedNamingTheRuleAndField() {
    assertThatThrownBy(() -> PolicyParser.parse("rules:\n  - id: r1\n    decision: maybe\n"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("rules[0](r1).decision");
                          assertThat(v.rule()).contains("must be one of");
                        }));
    assertThatThrownBy(() -> PolicyParser.parse("rules:\n  - decision: DENY\n"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String bad =
        """
        rules:
          - id: a
            match: { topics: ["[bad"], colour: red, actor_types: [robot] }
            constraints: { budgets: { max_retries: -1 } }
          - id: a
            decision: deny
        tenants:
          t1: { deny_topics: "job.x" }
        """;
    assertThatThrownBy(() -> PolicyParser.parse(bad))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder(
                        "rules[0](a).match.colour",
                        "rules[0](a).match.topics[0]",
                        "rules[0](a).match.actor_types[0]",
                        "rules[0](a).constraints.budgets.max_retries",
                        "rules[1](a).id",
                        "tenants.t1.deny_topics"));
  }

  @Test
  void unknownRootKeysAreIgnored() {
    assertThat(PolicyParser.parse("owner: secops\nrules: []\n").rules()).isEmpty();
  }

  @Test
  void decisionNormalization() {
    assertThat(PolicyParser.normalizeDecision("permit")).isEqualTo(SafetyDecision.ALLOW);
    assertThat(PolicyParser.normalizeDecision("block")).isEqualTo(SafetyDecision.DENY);
    assertThat(PolicyParser.normalizeDecision("require-approval"))
        .isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(PolicyParser.normalizeDecision("require_human"))
        .isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(PolicyParser.normalizeDecision("allow_with_constraints"))
        .isEqualTo(SafetyDecision.ALLOW_WITH_CONSTRAINTS);
    assertThat(PolicyParser.normalizeDecision("throttle")).isEqualTo(SafetyDecision.THROTTLE);
    assertThat(PolicyParser.normalizeDecision("")).isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void emptyConstraintsAreNull() {
    PolicyDocument d =
        PolicyParser.parse("rules:\n  - id: r\n    constraints: { budgets: { max_retries: 0 } }\n");
    assertThat(d.rules().get(0).constraints()).isNull();
    assertThat(Constraints.isEmpty(null)).isTrue();
    PolicyDocument one =
        PolicyParser.parse(
            "rules:\n  - id: r\n    constraints: { budgets: { max_runtime_ms: 1 } }\n");
    assertThat(one.rules().get(0).constraints()).isNotNull();
    assertThat(one.rules().get(0).constraints().sandbox()).isNotNull();
  }
}
