package io.cordum.api.config;

import java.util.Map;

/**
 * Computes the effective configuration of a job from the hierarchical config service (system, org,
 * team, workflow, step). The scheduler embeds a non-empty result as JSON in the dispatched job's
 * env under {@code CORDUM_EFFECTIVE_CONFIG}.
 */
@FunctionalInterface
public interface EffectiveConfigProvider {
  /**
   * The merged configuration.
   *
   * @param orgId the job's tenant
   * @param teamId env {@code team_id}, or {@code ""}
   * @param workflowId the workflow id, or {@code ""}
   * @param stepId env {@code step_id}, or {@code ""}
   * @return the merged map (values are JSON-compatible: maps, lists, strings, numbers, booleans);
   *     empty for none
   */
  Map<String, Object> effective(String orgId, String teamId, String workflowId, String stepId);
}
