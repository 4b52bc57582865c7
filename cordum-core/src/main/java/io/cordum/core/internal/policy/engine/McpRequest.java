package io.cordum.core.internal.policy.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The MCP fields of a request, read from its labels (first non-blank of each alias group: {@code
 * mcp.server}/{@code mcp_server}/{@code mcpServer}, likewise tool, resource, action; the action
 * lower-cased).
 *
 * @param server the MCP server ({@code ""} if none)
 * @param tool the tool
 * @param resource the resource
 * @param action the action, lower-cased
 */
public record McpRequest(String server, String tool, String resource, String action) {

  /** Reads the MCP fields of request labels. */
  public static McpRequest of(Map<String, String> labels) {
    return new McpRequest(
        pick(labels, "mcp.server", "mcp_server", "mcpServer"),
        pick(labels, "mcp.tool", "mcp_tool", "mcpTool"),
        pick(labels, "mcp.resource", "mcp_resource", "mcpResource"),
        pick(labels, "mcp.action", "mcp_action", "mcpAction").toLowerCase(Locale.ROOT));
  }

  /** Whether the request uses MCP at all. */
  public boolean isEmpty() {
    return server.isEmpty() && tool.isEmpty() && resource.isEmpty() && action.isEmpty();
  }

  /**
   * Why the lists block this request, or {@code null} when they permit it. Fields are checked in
   * the order server, tool, resource, action; a deny entry blocks, and a non-empty allow list
   * blocks any value not in it (including a missing one, once any MCP field is present).
   */
  public @Nullable String blockedBy(McpPolicy p) {
    if (isEmpty()) {
      return null;
    }
    String why = field("server", server, p.allowServers(), p.denyServers());
    if (why == null) {
      why = field("tool", tool, p.allowTools(), p.denyTools());
    }
    if (why == null) {
      why = field("resource", resource, p.allowResources(), p.denyResources());
    }
    if (why == null) {
      why = field("action", action, p.allowActions(), p.denyActions());
    }
    return why;
  }

  private static @Nullable String field(
      String name, String value, List<String> allow, List<String> deny) {
    if (!value.isEmpty() && contains(deny, value)) {
      return "mcp " + name + " \"" + value + "\" denied";
    }
    if (!allow.isEmpty() && (value.isEmpty() || !contains(allow, value))) {
      return "mcp " + name + " \"" + value + "\" not allowed";
    }
    return null;
  }

  private static boolean contains(List<String> list, String value) {
    for (String s : list) {
      if (s.trim().equalsIgnoreCase(value)) {
        return true;
      }
    }
    return false;
  }

  private static String pick(Map<String, String> labels, String... keys) {
    for (String k : keys) {
      String v = labels.get(k);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return "";
  }
}
