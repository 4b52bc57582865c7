package io.cordum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.core.internal.config.ConfigSchemas.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The checks of config sections (pools, timeouts, safety) and the bundled safety schemas. */
class ConfigSchemasTest {

  private static void valid(Kind kind, String text) {
    assertThatCode(() -> ConfigSchemas.validateText(kind, text)).doesNotThrowAnyException();
  }

  private static ValidationException invalid(Kind kind, String text) {
    return org.assertj.core.api.Assertions.catchThrowableOfType(
        ValidationException.class, () -> ConfigSchemas.validateText(kind, text));
  }

  /** The violations of a config section given as YAML, with fields under the section's key. */
  private static List<Violation> section(String name, String yaml) {
    Object value = new YAMLMapper().readValue(yaml, Object.class);
    return ConfigSchemas.checkSection(name, value, name);
  }

  @Test
  void poolsStringAndListTopics() { // TestLoadPoolConfigSuccess
    assertThat(
            section(
                "pools",
                """
        topics:
          job.default: default
          job.batch: [batch, batch-b]
        pools:
          gpu: {requires: [gpu, cuda]}
        """))
        .isEmpty();
  }

  @Test
  void poolsWithoutTopicsOrWithExtrasFail() { // TestLoadPoolConfigErrors
    assertThat(section("pools", "topics: {}"))
        .extracting(Violation::field)
        .containsExactly("pools.topics");
    assertThat(section("pools", "pools: {}\nTopics: {job.a: a}"))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("pools.topics", "pools.Topics");
    assertThat(
            section(
                "pools",
                """
        topics: {job.a: ""}
        pools: {a: {requires: [""], gpu: true}}
        """))
        .extracting(Violation::field)
        .containsOnly("pools.topics.job.a", "pools.pools.a.requires[0]", "pools.pools.a.gpu");
    assertThat(section("pools", "[1]")).extracting(Violation::field).containsExactly("pools");
  }

  @Test
  void timeoutsPartialIsValid() { // TestLoadTimeoutsPartial
    assertThat(section("timeouts", "reconciler: {dispatch_timeout_seconds: 10}")).isEmpty();
    assertThat(section("timeouts", "{}")).isEmpty();
  }

  @Test
  void negativeTimeoutsAndUnknownKeysFail() { // TestParseTimeoutsSchemaInvalid
    List<Violation> e =
        section(
            "timeouts",
            """
        topics: {job.a: {timeout_seconds: -1, max_retries: 1.5}}
        workflows: {wf: {total_timeout_seconds: "60"}}
        reconciler: {scan_interval: 5}
        """);
    assertThat(e)
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "timeouts.topics.job.a.timeout_seconds", "timeouts.topics.job.a.max_retries",
            "timeouts.workflows.wf.total_timeout_seconds", "timeouts.reconciler.scan_interval");
    assertThat(e).allSatisfy(v -> assertThat(v.rule()).isNotBlank());
  }

  @Test
  void otherSectionsAreFreeForm() {
    assertThat(section("anything", "{a: [1, {b: c}]}")).isEmpty();
  }

  @Test
  void safetyPolicyDecisionsAreAnEnum() { // TestParseSafetyPolicyInvalidDecision
    valid(
        Kind.SAFETY_POLICY,
        """
        version: v3
        default_tenant: default
        x-extra-root-key: fine
        rules:
          - id: deny-delete
            match: {topics: ["job.db.delete"]}
            decision: deny
            remediations: [{id: archive, replacement_topic: job.db.archive}]
          - id: sandbox
            match: {capabilities: ["shell.exec"]}
            decision: allow_with_constraints
            constraints: {budgets: {max_runtime_ms: 60000}, redaction_level: high}
        tenants:
          default: {deny_topics: ["job.admin.*"], mcp: {allow_servers: [github]}}
        """);
    ValidationException e =
        invalid(
            Kind.SAFETY_POLICY,
            """
        rules:
          - id: r1
            decision: maybe
          - id: r2
            decision: DENY
            match: {topic: "job.x"}
            constraints: {budgets: {max_retries: -1}}
        """);
    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "safety_policy.rules[0].decision",
            "safety_policy.rules[1].decision",
            "safety_policy.rules[1].match.topic",
            "safety_policy.rules[1].constraints.budgets.max_retries");
  }

  @Test
  void safetyConfigSection() { // TestParseEffectiveSafety (shape)
    valid(
        Kind.SAFETY_CONFIG, "{\"denied_topics\":[\"job.deny\"],\"mcp\":{\"deny_tools\":[\"x\"]}}");
    assertThat(invalid(Kind.SAFETY_CONFIG, "{\"mcp\":{\"deny_tool\":[\"x\"]}}").violations())
        .extracting(Violation::field)
        .containsExactly("safety.mcp.deny_tool");
  }

  @Test
  void schemaTextsAreBundled() {
    for (Kind k : Kind.values()) {
      assertThat(ConfigSchemas.schemaText(k)).contains("\"$schema\"");
    }
    assertThatThrownBy(() -> ConfigSchemas.validateText(Kind.SAFETY_POLICY, "[1]"))
        .isInstanceOf(ValidationException.class);
  }
}
