package io.cordum.api.config;

/**
 * Whose effective config to compute: an org and, optionally, a team, a workflow and a step. Blank
 * ids are skipped (the system scope is always included). Ids are trimmed.
 *
 * @param orgId the org (tenant), or {@code ""}
 * @param teamId the team, or {@code ""}
 * @param workflowId the workflow, or {@code ""}
 * @param stepId the step, or {@code ""}
 */
public record ConfigTarget(String orgId, String teamId, String workflowId, String stepId) {
  /** The system scope alone. */
  public static final ConfigTarget SYSTEM = new ConfigTarget("", "", "", "");

  /** Trims the ids; {@code null} counts as {@code ""}. */
  public ConfigTarget {
    orgId = trim(orgId);
    teamId = trim(teamId);
    workflowId = trim(workflowId);
    stepId = trim(stepId);
  }

  /** An org's config. */
  public static ConfigTarget org(String orgId) {
    return new ConfigTarget(orgId, "", "", "");
  }

  /** This target with a team. */
  public ConfigTarget team(String id) {
    return new ConfigTarget(orgId, id, workflowId, stepId);
  }

  /** This target with a workflow. */
  public ConfigTarget workflow(String id) {
    return new ConfigTarget(orgId, teamId, id, stepId);
  }

  /** This target with a step. */
  public ConfigTarget step(String id) {
    return new ConfigTarget(orgId, teamId, workflowId, id);
  }

  private static String trim(String s) {
    return s == null ? "" : s.trim();
  }
}
