package io.cordum.gateway.auth;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a route needs the caller to be allowed to do. Every route of the gateway declares exactly
 * one permission; an {@link AuthProvider} decides, per principal, which permissions it grants. The
 * names are stable ({@code <area>.<action>}) so that role tables can refer to them.
 *
 * <p>{@link #PUBLIC} is special: a route that needs it is served without authentication (health and
 * the OpenAPI document).
 *
 * @param name the stable name, such as {@code jobs.read}
 * @param description what the permission allows, for documentation
 */
public record Permission(String name, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*");

  /** Served without authentication: liveness and the API description. */
  public static final Permission PUBLIC = new Permission("public", "no authentication needed");

  /**
   * Any authenticated caller: the route needs valid credentials but no particular permission (who
   * am I, what may I do). The gateway does not ask the provider's {@code authorize} for it.
   */
  public static final Permission AUTHENTICATED =
      new Permission("authenticated", "any authenticated caller (no particular permission)");

  /** Read the control plane's status and its workers. */
  public static final Permission STATUS_READ =
      new Permission("status.read", "read the control plane's status and the live workers");

  /** List and read jobs, their decisions and traces. */
  public static final Permission JOBS_READ =
      new Permission("jobs.read", "list and read jobs, their safety decisions and traces");

  /** Submit jobs. */
  public static final Permission JOBS_SUBMIT = new Permission("jobs.submit", "submit jobs");

  /** Cancel jobs and apply remediations. */
  public static final Permission JOBS_MANAGE =
      new Permission("jobs.manage", "cancel jobs and submit remediations");

  /** Read memory pointers (job inputs and results). */
  public static final Permission MEMORY_READ =
      new Permission("memory.read", "read job inputs and results behind memory pointers");

  /** Read artifacts. */
  public static final Permission ARTIFACTS_READ =
      new Permission("artifacts.read", "read artifacts");

  /** Store artifacts. */
  public static final Permission ARTIFACTS_WRITE =
      new Permission("artifacts.write", "store artifacts");

  /** List and read workflows, runs and timelines. */
  public static final Permission WORKFLOWS_READ =
      new Permission("workflows.read", "list and read workflow definitions, runs and timelines");

  /** Create, change and delete workflow definitions. */
  public static final Permission WORKFLOWS_WRITE =
      new Permission("workflows.write", "create, change and delete workflow definitions");

  /** Start, cancel, rerun, delete runs and decide their approval steps. */
  public static final Permission RUNS_MANAGE =
      new Permission(
          "runs.manage",
          "start, cancel, rerun and delete workflow runs, and decide approval steps");

  /** List jobs waiting for approval. */
  public static final Permission APPROVALS_READ =
      new Permission("approvals.read", "list jobs waiting for approval");

  /** Approve or reject jobs held by policy. */
  public static final Permission APPROVALS_DECIDE =
      new Permission("approvals.decide", "approve or reject jobs held by policy");

  /** Read the dead-letter queue. */
  public static final Permission DLQ_READ =
      new Permission("dlq.read", "read the dead-letter queue");

  /** Retry and delete dead letters. */
  public static final Permission DLQ_MANAGE =
      new Permission("dlq.manage", "retry and delete dead letters");

  /** Read config documents and effective config. */
  public static final Permission CONFIG_READ =
      new Permission("config.read", "read config documents and the effective config");

  /** Write config documents. */
  public static final Permission CONFIG_WRITE =
      new Permission("config.write", "write config documents");

  /** Read JSON schemas. */
  public static final Permission SCHEMAS_READ =
      new Permission("schemas.read", "list and read JSON schemas");

  /** Register and delete JSON schemas. */
  public static final Permission SCHEMAS_WRITE =
      new Permission("schemas.write", "register and delete JSON schemas");

  /** Read locks. */
  public static final Permission LOCKS_READ = new Permission("locks.read", "read locks");

  /** Acquire, renew and release locks. */
  public static final Permission LOCKS_WRITE =
      new Permission("locks.write", "acquire, renew and release locks");

  /** Evaluate, explain and simulate policy decisions. */
  public static final Permission POLICY_EVALUATE =
      new Permission("policy.evaluate", "evaluate, explain and simulate policy decisions");

  /** Read policy bundles, rules, snapshots and the policy audit. */
  public static final Permission POLICY_READ =
      new Permission("policy.read", "read policy bundles, rules, snapshots and the policy audit");

  /** Edit, publish and roll back policy bundles. */
  public static final Permission POLICY_WRITE =
      new Permission(
          "policy.write", "edit, publish and roll back policy bundles and take snapshots");

  /** Receive the live event stream. */
  public static final Permission STREAM_READ =
      new Permission("stream.read", "receive the live event stream");

  /** Manage packs (not served by this gateway yet). */
  public static final Permission PACKS_MANAGE =
      new Permission("packs.manage", "install, verify and uninstall packs");

  /** Create, list, revoke and rotate API keys (the key-store provider's routes). */
  public static final Permission KEYS_MANAGE =
      new Permission("keys.manage", "create, list, revoke and rotate API keys");

  /** Read the audit log of authentication failures and state-changing calls. */
  public static final Permission AUDIT_READ =
      new Permission(
          "audit.read",
          "read the audit log of authentication failures, denials and state-changing calls");

  private static final List<Permission> BUILT_IN =
      List.of(
          PUBLIC,
          AUTHENTICATED,
          STATUS_READ,
          JOBS_READ,
          JOBS_SUBMIT,
          JOBS_MANAGE,
          MEMORY_READ,
          ARTIFACTS_READ,
          ARTIFACTS_WRITE,
          WORKFLOWS_READ,
          WORKFLOWS_WRITE,
          RUNS_MANAGE,
          APPROVALS_READ,
          APPROVALS_DECIDE,
          DLQ_READ,
          DLQ_MANAGE,
          CONFIG_READ,
          CONFIG_WRITE,
          SCHEMAS_READ,
          SCHEMAS_WRITE,
          LOCKS_READ,
          LOCKS_WRITE,
          POLICY_EVALUATE,
          POLICY_READ,
          POLICY_WRITE,
          STREAM_READ,
          PACKS_MANAGE,
          KEYS_MANAGE,
          AUDIT_READ);

  /** Checks the name. */
  public Permission {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("permission name must look like area.action, was " + name);
    }
  }

  /** Every permission the gateway's own routes use, {@link #PUBLIC} first. */
  public static List<Permission> builtIn() {
    return BUILT_IN;
  }

  /** Whether routes with this permission are served without authentication. */
  public boolean isPublic() {
    return this.equals(PUBLIC);
  }

  /** Whether routes with this permission need credentials but no particular permission. */
  public boolean isAuthenticatedOnly() {
    return this.equals(AUTHENTICATED);
  }

  @Override
  public String toString() {
    return name;
  }
}
