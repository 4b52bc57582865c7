package io.cordum.core.internal.policy.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code safety} section of a job's effective config: topic allow/deny globs and MCP lists that
 * override every rule. Read from top-level {@code safety}, else {@code data.safety}.
 *
 * @param allowedTopics when non-empty, the topic must match one
 * @param deniedTopics the topic must match none
 * @param mcp MCP lists the request must be permitted by
 */
public record EffectiveSafety(
    List<String> allowedTopics, List<String> deniedTopics, McpPolicy mcp) {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Copies the lists. */
  public EffectiveSafety {
    allowedTopics = List.copyOf(allowedTopics);
    deniedTopics = List.copyOf(deniedTopics);
  }

  /**
   * Parses the section, or returns {@code null} when the text is blank, not JSON, or has no usable
   * section (the guard is then skipped, as in Cordum).
   */
  public static @Nullable EffectiveSafety parse(String json) {
    if (json.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode s = root.get("safety");
    if (s == null || !s.isObject()) {
      JsonNode data = root.get("data");
      s = data != null && data.isObject() ? data.get("safety") : null;
    }
    if (s == null || !s.isObject()) {
      return null;
    }
    TreeReader r = new TreeReader();
    EffectiveSafety out =
        new EffectiveSafety(
            r.strings(s, "allowed_topics", "safety"),
            r.strings(s, "denied_topics", "safety"),
            s.get("mcp") != null && s.get("mcp").isObject()
                ? lenientMcp(r, s.get("mcp"))
                : McpPolicy.EMPTY);
    return out;
  }

  private static McpPolicy lenientMcp(TreeReader r, JsonNode n) {
    String p = "safety.mcp";
    return new McpPolicy(
        r.strings(n, "allow_servers", p),
        r.strings(n, "deny_servers", p),
        r.strings(n, "allow_tools", p),
        r.strings(n, "deny_tools", p),
        r.strings(n, "allow_resources", p),
        r.strings(n, "deny_resources", p),
        r.strings(n, "allow_actions", p),
        r.strings(n, "deny_actions", p));
  }
}
