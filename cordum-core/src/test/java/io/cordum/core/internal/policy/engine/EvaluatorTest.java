package io.cordum.core.internal.policy.engine;

import static io.cordum.core.internal.policy.engine.PolicyTestRequests.eval;
import static io.cordum.core.internal.policy.engine.PolicyTestRequests.job;
import static io.cordum.core.internal.policy.engine.PolicyTestRequests.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation pipeline: Cordum's kernel test cases plus the fixed behaviours. */
class EvaluatorTest {
  private static final String TENANT_ALLOW_ALL =
      """
      tenants:
        default:
          allow_topics: ["job.*"]
      """;

  @Test
  void tenantMcpDenyServerDenies() {
    String p = TENANT_ALLOW_ALL + "    mcp: { deny_servers: [evil] }\n";
    Evaluation e = eval(p, job("job.test").putLabels("mcp.server", "evil").build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.reason()).isEqualTo("mcp server \"evil\" denied");
  }

  @Test
  void mcpAllowListRequiresTheFieldOnceAnyMcpLabelIsPresent() {
    String p = TENANT_ALLOW_ALL + "    mcp: { allow_servers: [github] }\n";
    assertThat(eval(p, job("job.test").putLabels("mcp.tool", "x").build()).decision())
        .isEqualTo(SafetyDecision.DENY);
    assertThat(eval(p, job("job.test").putLabels("mcp.server", "GitHub").build()).decision())
        .isEqualTo(SafetyDecision.ALLOW);
    assertThat(eval(p, job("job.test").build()).decision()).isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void denyRuleReturnsItsRemediation() {
    Evaluation e = eval(PolicyParserTest.SAMPLE, job("job.db.delete").build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.ruleId()).isEqualTo("deny-delete");
    assertThat(e.remediations())
        .singleElement()
        .satisfies(r -> assertThat(r.replacementTopic()).isEqualTo("job.db.archive"));
  }

  @Test
  void effectiveConfigDenyOverridesTenantAllow() {
    Evaluation e =
        eval(
            TENANT_ALLOW_ALL,
            job("job.deny")
                .putEnv(
                    RequestView.EFFECTIVE_CONFIG_ENV,
                    "{\"safety\":{\"denied_topics\":[\"job.deny\"]}}")
                .build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.reason()).contains("denied");
    Evaluation nested =
        eval(
            TENANT_ALLOW_ALL,
            job("job.other")
                .putEnv(
                    RequestView.EFFECTIVE_CONFIG_ENV,
                    "{\"version\":1,\"data\":{\"safety\":{\"allowed_topics\":[\"job.x\"]}}}")
                .build());
    assertThat(nested.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(nested.reason()).isEqualTo("topic \"job.other\" not allowed by effective config");
    assertThat(
            eval(
                    TENANT_ALLOW_ALL,
                    job("job.x").putEnv(RequestView.EFFECTIVE_CONFIG_ENV, "{not json").build())
                .decision())
        .isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void missingOrForeignTopicIsDeniedWithoutSnapshotOrRule() {
    Evaluation missing = eval(TENANT_ALLOW_ALL, JobRequest.builder().build());
    assertThat(missing.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(missing.reason()).isEqualTo("missing topic");
    assertThat(missing.cacheable()).isFalse();
    assertThat(eval("", job("sys.x").build()).reason()).isEqualTo("unsupported topic");
  }

  @Test
  void requestViewMapsMetaAndFallsBackToThePrincipal() {
    RequestView v = RequestView.of(job("job.x").principalId("Alice").build());
    assertThat(v.actorId()).isEqualTo("alice");
    RequestView m =
        RequestView.of(
            job("job.x")
                .principalId("p")
                .meta(
                    meta()
                        .actorId("Bob")
                        .actorType(ActorType.SERVICE)
                        .capability("Shell.Exec")
                        .packId("Pk")
                        .build())
                .build());
    assertThat(m.actorId()).isEqualTo("bob");
    assertThat(m.actorType()).isEqualTo("service");
    assertThat(m.capability()).isEqualTo("shell.exec");
    assertThat(m.packId()).isEqualTo("pk");
  }

  @Test
  void secretsFlag() {
    assertThat(RequestView.secrets(Map.of("secrets_present", "true"), Set.of())).isTrue();
    assertThat(RequestView.secrets(Map.of("secrets_present", "YES"), Set.of())).isTrue();
    assertThat(RequestView.secrets(Map.of("secrets_present", "TRUE"), Set.of())).isFalse();
    assertThat(RequestView.secrets(Map.of("secrets_present", "no"), Set.of("secrets"))).isFalse();
    assertThat(RequestView.secrets(Map.of(), Set.of("secrets"))).isTrue();
  }

  @Test
  void mcpAliasesAreExtractedAndTheActionLowerCased() {
    McpRequest r =
        McpRequest.of(
            Map.of("mcp.server", "s", "mcp_tool", "t", "mcpResource", "r", "mcp_action", "WRITE"));
    assertThat(r).isEqualTo(new McpRequest("s", "t", "r", "write"));
    McpPolicy deny =
        new McpPolicy(
            List.of(),
            List.of(),
            List.of(),
            List.of("t"),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertThat(r.blockedBy(deny)).isEqualTo("mcp tool \"t\" denied");
    assertThat(new McpRequest("s", "other", "", "").blockedBy(deny)).isNull();
  }

  @Test
  void everyCriterionOfARuleMustHold() {
    String p =
        """
        rules:
          - id: rule1
            match:
              tenants: [Acme]
              topics: ["job.db.*"]
              capabilities: [db.write]
              risk_tags: [prod]
              requires: [db, net]
              pack_ids: [dbpack]
              actor_ids: [svc-1]
              actor_types: [service]
              labels: { env: prod }
            decision: deny
            reason: nope
        """;
    JobRequest.Builder ok =
        job("job.db.write")
            .tenantId(" acme ")
            .putLabels("env", "prod")
            .meta(
                meta()
                    .actorId("SVC-1")
                    .actorType(ActorType.SERVICE)
                    .capability("DB.Write")
                    .riskTags("x", "PROD")
                    .requires("db", "net", "gpu")
                    .packId("dbpack")
                    .build());
    Evaluation e = eval(p, ok.build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.ruleId()).isEqualTo("rule1");
    assertThat(eval(p, ok.putLabels("env", "dev").build()).decision())
        .isEqualTo(SafetyDecision.ALLOW);
    Evaluation missingRequire =
        eval(
            p,
            job("job.db.write")
                .tenantId("acme")
                .putLabels("env", "prod")
                .meta(
                    meta()
                        .actorId("svc-1")
                        .actorType(ActorType.SERVICE)
                        .capability("db.write")
                        .riskTags("prod")
                        .requires("db")
                        .packId("dbpack")
                        .build())
                .build());
    assertThat(missingRequire.decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThat(missingRequire.trace().get(0).detail()).startsWith("requires:");
  }

  @Test
  void legacyTenantListsApplyWithoutRules() {
    String p =
        """
        tenants:
          default:
            allow_topics: ["job.ok.*"]
            deny_topics: ["job.bad.*"]
        """;
    Evaluation deny = eval(p, job("job.bad.x").build());
    assertThat(deny.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(deny.ruleId()).isEqualTo("legacy:default:deny:1");
    Evaluation allow = eval(p, job("job.ok.x").build());
    assertThat(allow.decision()).isEqualTo(SafetyDecision.ALLOW);
    assertThat(allow.ruleId()).isEqualTo("legacy:default:allow:1");
    assertThat(eval(p, job("job.other").build()).ruleId()).isEmpty();
  }

  @Test
  void tenantDenyTopicsStillApplyWhenRulesExist() {
    String p =
        """
        rules:
          - id: allow-everything
            match: { topics: ["job.*"] }
            decision: allow
        tenants:
          default:
            deny_topics: ["job.admin.*"]
        """;
    Evaluation e = eval(p, job("job.admin.drop").build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.ruleId()).isEqualTo("legacy:default:deny:1");
  }

  @Test
  void tenantMcpGuardLooksTheTenantUpCaseInsensitively() {
    String p = "tenants:\n  Acme:\n    mcp: { deny_servers: [evil] }\n";
    assertThat(
            eval(p, job("job.x").tenantId("acme").putLabels("mcp.server", "evil").build())
                .decision())
        .isEqualTo(SafetyDecision.DENY);
  }

  @Test
  void secretsAndMcpCriteria() {
    String p =
        """
        rules:
          - id: r
            match: { secrets_present: true, mcp: { allow_servers: [srv] } }
            decision: deny
        """;
    assertThat(
            eval(
                    p,
                    job("job.x")
                        .putLabels("mcp.server", "srv")
                        .putLabels("secrets_present", "true")
                        .build())
                .decision())
        .isEqualTo(SafetyDecision.DENY);
    assertThat(eval(p, job("job.x").putLabels("mcp.server", "srv").build()).decision())
        .isEqualTo(SafetyDecision.ALLOW);
  }

  @Test
  void constraintsOnAPlainAllowUpgradeItAndKeepTheReason() {
    String p =
        """
        rules:
          - id: r
            reason: sandboxed
            constraints: { budgets: { max_retries: 2 } }
        """;
    Evaluation e = eval(p, job("job.x").build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.ALLOW_WITH_CONSTRAINTS);
    assertThat(e.reason()).isEqualTo("sandboxed");
    assertThat(e.constraints().budgets().maxRetries()).isEqualTo(2);
  }

  @Test
  void aDenyGuardOverRequireApprovalDoesNotAskForApproval() {
    String p = "rules:\n  - id: r\n    decision: require_approval\n";
    Evaluation plain = eval(p, job("job.x").build());
    assertThat(plain.decision()).isEqualTo(SafetyDecision.REQUIRE_APPROVAL);
    assertThat(plain.approvalRequired()).isTrue();
    Evaluation e =
        eval(
            p,
            job("job.x")
                .putEnv(
                    RequestView.EFFECTIVE_CONFIG_ENV,
                    "{\"safety\":{\"denied_topics\":[\"job.*\"]}}")
                .build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.DENY);
    assertThat(e.approvalRequired()).isFalse();
    assertThat(e.trace()).anySatisfy(t -> assertThat(t.detail()).contains("overridden by"));
  }

  @Test
  void firstMatchingRuleWinsAndTheTraceShowsEveryRuleConsidered() {
    String p =
        """
        rules:
          - { id: a, match: { topics: ["job.a.*"] }, decision: deny }
          - { id: b, match: { topics: ["job.*"] }, decision: throttle, reason: slow down }
          - { id: c, decision: deny }
        """;
    Evaluation e = eval(p, job("job.b.x").build());
    assertThat(e.decision()).isEqualTo(SafetyDecision.THROTTLE);
    assertThat(e.reason()).isEqualTo("slow down");
    assertThat(e.trace())
        .extracting(t -> t.ruleId() + ":" + t.matched() + ":" + t.decisive())
        .containsExactly(
            "a:false:false", "b:true:true", "guard:tenant+effective-config:false:false");
    assertThat(e.trace().get(0).detail())
        .isEqualTo("topics: \"job.b.x\" matches none of [job.a.*]");
  }

  @Test
  void parseEffectiveSafetyTopLevelAndNested() {
    assertThat(EffectiveSafety.parse("{\"safety\":{\"allowed_topics\":[\"a\"]}}").allowedTopics())
        .containsExactly("a");
    assertThat(
            EffectiveSafety.parse("{\"data\":{\"safety\":{\"denied_topics\":[\"b\"]}}}")
                .deniedTopics())
        .containsExactly("b");
    assertThat(EffectiveSafety.parse("{}")).isNull();
  }

  @Test
  void theIndexedFastPathDecidesLikeTheTracedScan() {
    String p =
        """
        rules:
          - { id: a, match: { topics: ["job.a.*"], capabilities: [x] }, decision: deny }
          - { id: b, match: { capabilities: [y] }, decision: throttle }
          - { id: c, match: { topics: ["job.?.z", "job.b.*"] }, decision: require_approval }
          - { id: d, match: { topics: ["job.[ab].*"], risk_tags: [r] }, decision: deny }
        """;
    CompiledPolicy policy =
        CompiledPolicy.compile(List.of(new SourcedDocument("base", PolicyParser.parse(p))));
    for (String topic : List.of("job.a.1", "job.b.z", "job.c.z", "job.a.z", "job.q")) {
      for (String cap : List.of("x", "y", "")) {
        for (String risk : List.of("r", "s")) {
          RequestView v =
              RequestView.of(
                  job(topic).meta(meta().capability(cap).riskTags(risk).build()).build());
          Evaluation fast = Evaluator.evaluate(policy, v, false);
          Evaluation traced = Evaluator.evaluate(policy, v, true);
          assertThat(fast.ruleId()).as(topic + "/" + cap + "/" + risk).isEqualTo(traced.ruleId());
          assertThat(fast.decision()).isEqualTo(traced.decision());
        }
      }
    }
    assertThat(policy.candidates("job.b.z")).containsExactly(1, 2, 3);
  }
}
