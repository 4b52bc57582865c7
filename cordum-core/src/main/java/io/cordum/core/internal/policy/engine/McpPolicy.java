package io.cordum.core.internal.policy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Allow and deny lists for MCP servers, tools, resources and actions (exact, case-insensitive).
 * Used as a rule criterion ({@code match.mcp}: the request must be permitted by the lists), as a
 * tenant guard and as an effective-config guard.
 *
 * @param allowServers permitted servers (empty: any)
 * @param denyServers forbidden servers
 * @param allowTools permitted tools (empty: any)
 * @param denyTools forbidden tools
 * @param allowResources permitted resources (empty: any)
 * @param denyResources forbidden resources
 * @param allowActions permitted actions (empty: any)
 * @param denyActions forbidden actions
 */
public record McpPolicy(
    List<String> allowServers,
    List<String> denyServers,
    List<String> allowTools,
    List<String> denyTools,
    List<String> allowResources,
    List<String> denyResources,
    List<String> allowActions,
    List<String> denyActions) {

  /** No lists. */
  public static final McpPolicy EMPTY =
      new McpPolicy(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  /** Copies the lists. */
  public McpPolicy {
    allowServers = List.copyOf(allowServers);
    denyServers = List.copyOf(denyServers);
    allowTools = List.copyOf(allowTools);
    denyTools = List.copyOf(denyTools);
    allowResources = List.copyOf(allowResources);
    denyResources = List.copyOf(denyResources);
    allowActions = List.copyOf(allowActions);
    denyActions = List.copyOf(denyActions);
  }

  /** Whether every list is empty. */
  public boolean isEmpty() {
    return allowServers.isEmpty()
        && denyServers.isEmpty()
        && allowTools.isEmpty()
        && denyTools.isEmpty()
        && allowResources.isEmpty()
        && denyResources.isEmpty()
        && allowActions.isEmpty()
        && denyActions.isEmpty();
  }

  /** Both policies' lists concatenated. */
  public McpPolicy merge(McpPolicy o) {
    return new McpPolicy(
        cat(allowServers, o.allowServers),
        cat(denyServers, o.denyServers),
        cat(allowTools, o.allowTools),
        cat(denyTools, o.denyTools),
        cat(allowResources, o.allowResources),
        cat(denyResources, o.denyResources),
        cat(allowActions, o.allowActions),
        cat(denyActions, o.denyActions));
  }

  private static List<String> cat(List<String> a, List<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
