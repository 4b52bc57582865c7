package io.cordum.core.internal.policy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's section of a policy ({@code tenants.<id>}).
 *
 * @param allowTopics topic globs allowed (only used as rules when the policy has no rules)
 * @param denyTopics topic globs denied (always enforced, as a guard after the rules)
 * @param allowedRepoHosts parsed and kept, not enforced
 * @param deniedRepoHosts parsed and kept, not enforced
 * @param maxConcurrentJobs parsed and kept, not enforced (use a budget constraint)
 * @param mcp the tenant's MCP guard
 */
public record TenantPolicy(
    List<String> allowTopics,
    List<String> denyTopics,
    List<String> allowedRepoHosts,
    List<String> deniedRepoHosts,
    int maxConcurrentJobs,
    McpPolicy mcp) {

  /** Copies the lists. */
  public TenantPolicy {
    allowTopics = List.copyOf(allowTopics);
    denyTopics = List.copyOf(denyTopics);
    allowedRepoHosts = List.copyOf(allowedRepoHosts);
    deniedRepoHosts = List.copyOf(deniedRepoHosts);
  }

  /** Both sections merged: lists concatenated, the smaller positive concurrency limit. */
  public TenantPolicy merge(TenantPolicy o) {
    int max =
        maxConcurrentJobs <= 0
            ? o.maxConcurrentJobs
            : o.maxConcurrentJobs <= 0
                ? maxConcurrentJobs
                : Math.min(maxConcurrentJobs, o.maxConcurrentJobs);
    return new TenantPolicy(
        cat(allowTopics, o.allowTopics),
        cat(denyTopics, o.denyTopics),
        cat(allowedRepoHosts, o.allowedRepoHosts),
        cat(deniedRepoHosts, o.deniedRepoHosts),
        max,
        mcp.merge(o.mcp));
  }

  private static List<String> cat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
