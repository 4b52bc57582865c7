package io.cordum.core.internal.policy.engine;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The criteria of a rule, all optional and ANDed; an empty criterion matches anything.
 *
 * @param tenants tenant ids (case-insensitive)
 * @param topics topic globs
 * @param capabilities capabilities (case-insensitive)
 * @param riskTags matches when the request has any of these risk tags (case-insensitive)
 * @param requires matches when the request requires every one of these (case-insensitive)
 * @param packIds pack ids (case-insensitive)
 * @param actorIds actor ids (case-insensitive)
 * @param actorTypes {@code human} or {@code service}
 * @param labels request labels that must have exactly these values
 * @param secretsPresent when set, whether the request must carry secrets
 * @param mcp when set, the request's MCP fields must be permitted by these lists
 */
public record RuleMatch(
    List<String> tenants,
    List<String> topics,
    List<String> capabilities,
    List<String> riskTags,
    List<String> requires,
    List<String> packIds,
    List<String> actorIds,
    List<String> actorTypes,
    Map<String, String> labels,
    @Nullable Boolean secretsPresent,
    @Nullable McpPolicy mcp) {

  /** Matches everything. */
  public static final RuleMatch ANY =
      new RuleMatch(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          Map.of(), null, null);

  /** Copies the lists and the map. */
  public RuleMatch {
    tenants = List.copyOf(tenants);
    topics = List.copyOf(topics);
    capabilities = List.copyOf(capabilities);
    riskTags = List.copyOf(riskTags);
    requires = List.copyOf(requires);
    packIds = List.copyOf(packIds);
    actorIds = List.copyOf(actorIds);
    actorTypes = List.copyOf(actorTypes);
    labels = Map.copyOf(labels);
  }
}
