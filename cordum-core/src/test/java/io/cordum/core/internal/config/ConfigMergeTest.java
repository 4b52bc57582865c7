package io.cordum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge rules of the effective config (docs/architecture.md, "The config service"). */
class ConfigMergeTest {

  private static Map<String, Object> merge(Map<String, Object>... layers) {
    return ConfigMerge.merge(List.of(layers));
  }

  private static Map<String, Object> withNull(String key, Object... pairs) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, null);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void laterScopesOverrideScalarsAndKeepTheRest() {
    assertThat(
            merge(
                Map.of("timeout", 60, "model", "gpt-4"),
                Map.of("timeout", 30),
                Map.of("budget", 100)))
        .isEqualTo(Map.of("timeout", 30, "model", "gpt-4", "budget", 100));
  }

  @Test
  void objectsMergeDeepAtEveryLevel() {
    Map<String, Object> system =
        Map.of(
            "limits",
            Map.of("max_concurrent_runs", 10, "retry", Map.of("max", 3, "backoff", "1s")));
    Map<String, Object> team = Map.of("limits", Map.of("retry", Map.of("max", 1)));

    assertThat(merge(system, team))
        .isEqualTo(
            Map.of(
                "limits",
                Map.of("max_concurrent_runs", 10, "retry", Map.of("max", 1, "backoff", "1s"))));
  }

  @Test
  void arraysAndMismatchedKindsReplace() {
    assertThat(
            merge(
                Map.of("models", List.of("a", "b"), "x", Map.of("k", 1)),
                Map.of("models", List.of("c"), "x", "flat")))
        .isEqualTo(Map.of("models", List.of("c"), "x", "flat"));
  }

  @Test
  void nullDeletesAKey() {
    assertThat(
            merge(Map.of("a", 1, "b", Map.of("c", 1, "d", 2)), withNull("a", "b", withNull("c"))))
        .isEqualTo(Map.of("b", Map.of("d", 2)));
  }

  @Test
  void aLowerScopeCannotDropDeniedTopics() {
    Map<String, Object> org =
        Map.of(
            "safety",
            Map.of(
                "denied_topics",
                List.of("job.admin.*"),
                "mcp",
                Map.of("deny_tools", List.of("delete_repo"))));
    Map<String, Object> team =
        Map.of(
            "safety",
            Map.of(
                "denied_topics",
                List.of("job.db.drop"),
                "mcp",
                Map.of("deny_tools", List.of()),
                "pii_action",
                "redact"));

    assertThat(merge(org, team))
        .isEqualTo(
            Map.of(
                "safety",
                Map.of(
                    "denied_topics", List.of("job.admin.*", "job.db.drop"),
                    "mcp", Map.of("deny_tools", List.of("delete_repo")),
                    "pii_action", "redact")));
  }

  @Test
  void nullsAndNonObjectsCannotEraseTheSafetySection() {
    Map<String, Object> org = Map.of("safety", Map.of("denied_topics", List.of("job.x")));
    assertThat(merge(org, withNull("safety"))).isEqualTo(org);
    assertThat(merge(org, Map.of("safety", "off"))).isEqualTo(org);
    assertThat(merge(org, Map.of("safety", withNull("denied_topics")))).isEqualTo(org);
  }

  @Test
  void allowListsOnlyNarrow() {
    Map<String, Object> org =
        Map.of("safety", Map.of("allowed_topics", List.of("job.a.*", "job.b")));

    assertThat(
            merge(
                org,
                Map.of("safety", Map.of("allowed_topics", List.of("job.a.x", "job.c", "job.b")))))
        .isEqualTo(Map.of("safety", Map.of("allowed_topics", List.of("job.a.x", "job.b"))));
    assertThat(merge(org, Map.of("safety", Map.of("allowed_topics", List.of("job.*")))))
        .as("widening is ignored")
        .isEqualTo(org);
    assertThat(merge(Map.of(), Map.of("safety", Map.of("allowed_topics", List.of("job.*")))))
        .as("the first allow list is taken as it is")
        .isEqualTo(Map.of("safety", Map.of("allowed_topics", List.of("job.*"))));
  }

  @Test
  void mcpAllowListsNarrowToo() {
    Map<String, Object> org =
        Map.of("safety", Map.of("mcp", Map.of("allow_servers", List.of("github", "jira"))));
    assertThat(
            merge(
                org,
                Map.of(
                    "safety", Map.of("mcp", Map.of("allow_servers", List.of("github", "evil"))))))
        .isEqualTo(Map.of("safety", Map.of("mcp", Map.of("allow_servers", List.of("github")))));
  }

  @Test
  void theResultIsACopyAndUnmodifiable() {
    Map<String, Object> layer =
        new HashMap<>(Map.of("a", new java.util.ArrayList<>(Arrays.asList(1, 2))));
    Map<String, Object> out = merge(layer);
    ((List<Object>) layer.get("a")).add(3);
    assertThat(out.get("a")).isEqualTo(List.of(1, 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> out.put("b", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void globsFollowPathMatch() {
    assertThat(Globs.match("job.*", "job.test")).isTrue();
    assertThat(Globs.match("job.*", "job.a.*")).isTrue();
    assertThat(Globs.match("job.a.*", "job.*")).isFalse();
    assertThat(Globs.match("a/*", "a/b/c")).isFalse();
    assertThat(Globs.match("j?b", "job")).isTrue();
    assertThat(Globs.match("job\\*", "job*")).isTrue();
    assertThat(Globs.match("", "x")).isFalse();
  }
}
