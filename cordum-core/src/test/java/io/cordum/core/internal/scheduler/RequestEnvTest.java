package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestEnvTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JobRequest.Builder req() {
    return JobRequest.builder()
        .jobId("job-1")
        .topic("job.default")
        .putEnv("USER_KEY", "v")
        .putLabels("region", "eu");
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static JsonNode constraintsOf(JobRequest r) {
    assertThat(r.env()).containsKey(RequestEnv.POLICY_CONSTRAINTS);
    return json(r.env().get(RequestEnv.POLICY_CONSTRAINTS));
  }

  /** Every property name in the tree, recursively. */
  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isObject()) {
      for (var e : n.properties()) {
        out.add(e.getKey());
        out.addAll(names(e.getValue()));
      }
    } else if (n.isArray()) {
      n.forEach(x -> out.addAll(names(x)));
    }
    return out;
  }

  private static BudgetConstraints.Builder budgets() {
    return BudgetConstraints.builder();
  }

  @Nested
  class WithConstraints {
    @Test
    void setsAllEnvKeysAndClampsTheDeadline() {
      // TestApplyConstraints
      PolicyConstraints c =
          PolicyConstraints.builder()
              .budgets(
                  budgets()
                      .maxRuntimeMs(2000)
                      .maxRetries(3)
                      .maxArtifactBytes(1_048_576)
                      .maxConcurrentJobs(2)
                      .build())
              .redactionLevel("strict")
              .build();
      JobRequest in =
          req().budget(Budget.builder().deadlineMs(5000).maxInputTokens(77).build()).build();

      JobRequest out = RequestEnv.withConstraints(in, c);

      assertThat(out.env())
          .containsEntry("USER_KEY", "v")
          .containsEntry("CORDUM_REDACTION_LEVEL", "strict")
          .containsEntry("CORDUM_MAX_ARTIFACT_BYTES", "1048576")
          .containsEntry("CORDUM_MAX_CONCURRENT_JOBS", "2")
          .containsEntry("CORDUM_MAX_RETRIES", "3")
          .containsKey("CORDUM_POLICY_CONSTRAINTS")
          .hasSize(6);
      assertThat(out.budget().deadlineMs()).isEqualTo(2000);
      assertThat(out.budget().maxInputTokens()).isEqualTo(77);
      assertThat(out.jobId()).isEqualTo("job-1");
      assertThat(out.topic()).isEqualTo("job.default");
      assertThat(out.labels()).isEqualTo(in.labels());
      // the input is untouched
      assertThat(in.env()).containsOnlyKeys("USER_KEY");
      assertThat(in.budget().deadlineMs()).isEqualTo(5000);
    }

    @Test
    void constraintsJsonUsesProtoJsonNames() {
      PolicyConstraints c =
          PolicyConstraints.builder()
              .budgets(
                  budgets()
                      .maxRuntimeMs(2000)
                      .maxRetries(3)
                      .maxArtifactBytes(1_048_576)
                      .maxConcurrentJobs(2)
                      .build())
              .sandbox(
                  SandboxProfile.builder()
                      .isolated(true)
                      .networkAllowlist("api.example.com")
                      .fsReadOnly("/data")
                      .fsReadWrite("/tmp", "/work")
                      .build())
              .toolchain(
                  ToolchainConstraints.builder()
                      .allowedTools("git", "make")
                      .allowedCommands("ls")
                      .build())
              .diff(
                  DiffConstraints.builder()
                      .maxFiles(5)
                      .maxLines(200)
                      .denyPathGlobs("secrets/**")
                      .build())
              .redactionLevel("strict")
              .build();

      JsonNode root = constraintsOf(RequestEnv.withConstraints(req().build(), c));

      JsonNode b = root.get("budgets");
      assertThat(b.get("maxRuntimeMs").isString()).isTrue();
      assertThat(b.get("maxRuntimeMs").asString()).isEqualTo("2000");
      assertThat(b.get("maxArtifactBytes").isString()).isTrue();
      assertThat(b.get("maxArtifactBytes").asString()).isEqualTo("1048576");
      assertThat(b.get("maxRetries").isInt()).isTrue();
      assertThat(b.get("maxRetries").asInt()).isEqualTo(3);
      assertThat(b.get("maxConcurrentJobs").isInt()).isTrue();
      assertThat(b.get("maxConcurrentJobs").asInt()).isEqualTo(2);

      JsonNode s = root.get("sandbox");
      assertThat(s.get("isolated").asBoolean()).isTrue();
      assertThat(s.get("networkAllowlist").get(0).asString()).isEqualTo("api.example.com");
      assertThat(s.get("fsReadOnly").get(0).asString()).isEqualTo("/data");
      assertThat(s.get("fsReadWrite")).hasSize(2);
      assertThat(s.get("fsReadWrite").get(1).asString()).isEqualTo("/work");

      JsonNode t = root.get("toolchain");
      assertThat(t.get("allowedTools").get(1).asString()).isEqualTo("make");
      assertThat(t.get("allowedCommands").get(0).asString()).isEqualTo("ls");

      JsonNode d = root.get("diff");
      assertThat(d.get("maxFiles").asInt()).isEqualTo(5);
      assertThat(d.get("maxLines").asInt()).isEqualTo(200);
      assertThat(d.get("denyPathGlobs").get(0).asString()).isEqualTo("secrets/**");

      assertThat(root.get("redactionLevel").asString()).isEqualTo("strict");

      assertThat(names(root))
          .containsExactlyInAnyOrder(
              "budgets",
              "maxRuntimeMs",
              "maxRetries",
              "maxArtifactBytes",
              "maxConcurrentJobs",
              "sandbox",
              "isolated",
              "networkAllowlist",
              "fsReadOnly",
              "fsReadWrite",
              "toolchain",
              "allowedTools",
              "allowedCommands",
              "diff",
              "maxFiles",
              "maxLines",
              "denyPathGlobs",
              "redactionLevel");
      assertThat(names(root)).noneMatch(n -> n.contains("_"));
    }

    @Test
    void int64ValuesBeyondDoublePrecisionSurviveAsStrings() {
      PolicyConstraints c =
          PolicyConstraints.builder()
              .budgets(
                  budgets()
                      .maxArtifactBytes(Long.MAX_VALUE)
                      .maxRuntimeMs(9_007_199_254_740_993L)
                      .build())
              .build();

      JobRequest out = RequestEnv.withConstraints(req().build(), c);
      JsonNode b = constraintsOf(out).get("budgets");

      assertThat(b.get("maxArtifactBytes").asString()).isEqualTo("9223372036854775807");
      assertThat(b.get("maxRuntimeMs").asString()).isEqualTo("9007199254740993");
      assertThat(out.env()).containsEntry("CORDUM_MAX_ARTIFACT_BYTES", "9223372036854775807");
    }

    @Test
    void defaultValuesAreLeftOut() {
      PolicyConstraints c =
          PolicyConstraints.builder()
              .budgets(budgets().maxRuntimeMs(1000).build())
              .sandbox(SandboxProfile.builder().build())
              .diff(DiffConstraints.builder().maxLines(10).build())
              .build();

      JsonNode root = constraintsOf(RequestEnv.withConstraints(req().build(), c));

      assertThat(names(root))
          .containsExactlyInAnyOrder("budgets", "maxRuntimeMs", "sandbox", "diff", "maxLines");
      assertThat(root.get("sandbox").isEmpty()).isTrue();
    }

    @Test
    void emptyConstraintsGiveAnEmptyObjectAndTouchNothingElse() {
      JobRequest in = req().build();

      JobRequest out = RequestEnv.withConstraints(in, PolicyConstraints.builder().build());

      assertThat(constraintsOf(out).isObject()).isTrue();
      assertThat(constraintsOf(out).isEmpty()).isTrue();
      assertThat(out.env()).containsOnlyKeys("USER_KEY", "CORDUM_POLICY_CONSTRAINTS");
      assertThat(out.budget()).isNull();
    }

    @Test
    void budgetLimitsAreSetOnlyWhenPositive() {
      PolicyConstraints c =
          PolicyConstraints.builder()
              .budgets(budgets().maxRetries(0).maxArtifactBytes(-1).maxConcurrentJobs(0).build())
              .build();

      JobRequest out = RequestEnv.withConstraints(req().build(), c);

      assertThat(out.env())
          .doesNotContainKeys(
              "CORDUM_MAX_ARTIFACT_BYTES",
              "CORDUM_MAX_CONCURRENT_JOBS",
              "CORDUM_MAX_RETRIES",
              "CORDUM_REDACTION_LEVEL");
    }

    @Test
    void eachBudgetLimitIsIndependent() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().build(),
              PolicyConstraints.builder().budgets(budgets().maxConcurrentJobs(7).build()).build());

      assertThat(out.env())
          .containsEntry("CORDUM_MAX_CONCURRENT_JOBS", "7")
          .doesNotContainKeys("CORDUM_MAX_ARTIFACT_BYTES", "CORDUM_MAX_RETRIES");
    }

    @Test
    void aDeadlineShorterThanMaxRuntimeIsKept() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().budget(Budget.builder().deadlineMs(1000).build()).build(),
              PolicyConstraints.builder().budgets(budgets().maxRuntimeMs(2000).build()).build());

      assertThat(out.budget().deadlineMs()).isEqualTo(1000);
    }

    @Test
    void aDeadlineEqualToMaxRuntimeIsKept() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().budget(Budget.builder().deadlineMs(2000).build()).build(),
              PolicyConstraints.builder().budgets(budgets().maxRuntimeMs(2000).build()).build());

      assertThat(out.budget().deadlineMs()).isEqualTo(2000);
    }

    @Test
    void noDeadlineBecomesMaxRuntime() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().budget(Budget.builder().deadlineMs(0).maxTotalTokens(9).build()).build(),
              PolicyConstraints.builder().budgets(budgets().maxRuntimeMs(2000).build()).build());

      assertThat(out.budget().deadlineMs()).isEqualTo(2000);
      assertThat(out.budget().maxTotalTokens()).isEqualTo(9);
    }

    @Test
    void aMissingBudgetIsCreatedWithMaxRuntime() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().build(),
              PolicyConstraints.builder().budgets(budgets().maxRuntimeMs(2000).build()).build());

      assertThat(out.budget()).isNotNull();
      assertThat(out.budget().deadlineMs()).isEqualTo(2000);
    }

    @Test
    void zeroMaxRuntimeLeavesTheDeadlineAlone() {
      JobRequest out =
          RequestEnv.withConstraints(
              req().budget(Budget.builder().deadlineMs(5000).build()).build(),
              PolicyConstraints.builder().budgets(budgets().maxRetries(1).build()).build());

      assertThat(out.budget().deadlineMs()).isEqualTo(5000);

      JobRequest noBudget =
          RequestEnv.withConstraints(
              req().build(), PolicyConstraints.builder().budgets(budgets().build()).build());

      assertThat(noBudget.budget()).isNotNull();
      assertThat(noBudget.budget().deadlineMs()).isZero();
    }

    @Test
    void replacesStaleConstraintEnv() {
      JobRequest in =
          req()
              .putEnv("CORDUM_POLICY_CONSTRAINTS", "{\"stale\":true}")
              .putEnv("CORDUM_REDACTION_LEVEL", "none")
              .build();

      JobRequest out =
          RequestEnv.withConstraints(
              in, PolicyConstraints.builder().redactionLevel("strict").build());

      assertThat(constraintsOf(out).has("stale")).isFalse();
      assertThat(constraintsOf(out).get("redactionLevel").asString()).isEqualTo("strict");
      assertThat(out.env()).containsEntry("CORDUM_REDACTION_LEVEL", "strict");
    }
  }

  @Nested
  class WithEffectiveConfig {
    @Test
    void writesJsonWithKeysSortedRecursively() {
      Map<String, Object> inner = new LinkedHashMap<>();
      inner.put("z", true);
      inner.put("y", List.of(new LinkedHashMap<>(Map.of("d", 1)), Map.of("c", 2, "b", "x")));
      inner.put("x", null);
      Map<String, Object> cfg = new LinkedHashMap<>();
      cfg.put("feature", "on");
      cfg.put("b", 1);
      cfg.put("a", inner);

      JobRequest out = RequestEnv.withEffectiveConfig(req().build(), cfg);

      assertThat(out.env()).containsEntry("USER_KEY", "v");
      assertThat(out.env().get("CORDUM_EFFECTIVE_CONFIG"))
          .isEqualTo(
              "{\"a\":{\"x\":null,\"y\":[{\"d\":1},{\"b\":\"x\",\"c\":2}],\"z\":true},"
                  + "\"b\":1,\"feature\":\"on\"}");
      assertThat(json(out.env().get("CORDUM_EFFECTIVE_CONFIG")).get("feature").asString())
          .isEqualTo("on");
    }

    @Test
    void theSameConfigInAnyOrderGivesTheSameJson() {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("k1", Map.of("p", 1, "q", 2));
      one.put("k2", "v");
      Map<String, Object> two = new LinkedHashMap<>();
      two.put("k2", "v");
      two.put("k1", new LinkedHashMap<>(Map.of("q", 2, "p", 1)));

      assertThat(RequestEnv.withEffectiveConfig(req().build(), one).env())
          .isEqualTo(RequestEnv.withEffectiveConfig(req().build(), two).env());
    }

    @Test
    void anEmptyConfigLeavesTheRequestAlone() {
      JobRequest in = req().build();

      assertThat(RequestEnv.withEffectiveConfig(in, Map.of())).isSameAs(in);
    }

    @Test
    void replacesAnEarlierEffectiveConfig() {
      JobRequest in = req().putEnv("CORDUM_EFFECTIVE_CONFIG", "{\"old\":1}").build();

      JobRequest out = RequestEnv.withEffectiveConfig(in, Map.of("new", 2));

      assertThat(out.env()).containsEntry("CORDUM_EFFECTIVE_CONFIG", "{\"new\":2}");
    }
  }
}
