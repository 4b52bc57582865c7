package io.cordum.gateway.internal.routes;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.job.JobRecord;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.gateway.internal.Json;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of Cordum's API for the public records: snake_case keys, and Go's {@code
 * omitempty} (empty strings, zero numbers, empty lists and maps left out) where Cordum's structs
 * have it.
 */
final class Views {
  private Views() {}

  /** A map that leaves out empty values, like Go's {@code omitempty}. */
  static final class Obj {
    final Map<String, Object> m = new LinkedHashMap<>();

    Obj put(String k, @Nullable Object v) {
      m.put(k, v);
      return this;
    }

    Obj omit(String k, @Nullable Object v) {
      if (v == null
          || v instanceof String s && s.isEmpty()
          || v instanceof Number n && n.doubleValue() == 0
          || v instanceof Boolean b && !b
          || v instanceof Collection<?> c && c.isEmpty()
          || v instanceof Map<?, ?> mm && mm.isEmpty()) {
        return this;
      }
      m.put(k, v);
      return this;
    }

    Map<String, Object> map() {
      return m;
    }
  }

  /** Cordum's {@code actor_type} strings. */
  static String actorType(ActorType t) {
    return switch (t) {
      case HUMAN -> "human";
      case SERVICE -> "service";
      default -> "";
    };
  }

  /** A job as Cordum's {@code JobRecord} (listings and traces). */
  static Map<String, Object> job(JobRecord r) {
    Obj o =
        new Obj()
            .put("id", r.id())
            .omit("trace_id", r.traceId())
            .put("updated_at", Json.micros(r.updatedAt()))
            .put("state", r.state().name())
            .omit("topic", r.topic())
            .omit("tenant", r.tenant())
            .omit("team", r.team())
            .omit("principal", r.principal())
            .omit("actor_id", r.actorId())
            .omit("actor_type", actorType(r.actorType()))
            .omit("idempotency_key", r.idempotencyKey())
            .omit("capability", r.capability())
            .omit("risk_tags", r.riskTags())
            .omit("requires", r.requires())
            .omit("pack_id", r.packId())
            .omit("attempts", r.attempts());
    SafetyDecisionRecord s = r.safety();
    if (s != null) {
      o.put("safety_decision", s.decision().name())
          .omit("safety_reason", s.reason())
          .omit("safety_rule_id", s.ruleId())
          .omit("safety_snapshot", s.policySnapshot());
    }
    Instant d = r.deadline();
    if (d != null) {
      o.put("deadline_unix", d.getEpochSecond());
    }
    o.put("created_at", Json.micros(r.createdAt()))
        .omit("reason_code", r.reasonCode())
        .omit("reason", r.reason())
        .omit("wake_at", r.wakeAt() == null ? null : Json.micros(r.wakeAt()))
        .omit("waiting", Waits.job(r));
    return o.map();
  }

  /**
   * Policy constraints as Cordum's protobuf structs in {@code encoding/json}: snake_case,
   * omitempty.
   */
  static @Nullable Map<String, Object> constraints(@Nullable PolicyConstraints c) {
    if (c == null) {
      return null;
    }
    Obj o = new Obj();
    BudgetConstraints b = c.budgets();
    if (b != null) {
      o.put(
          "budgets",
          new Obj()
              .omit("max_runtime_ms", b.maxRuntimeMs())
              .omit("max_retries", b.maxRetries())
              .omit("max_artifact_bytes", b.maxArtifactBytes())
              .omit("max_concurrent_jobs", b.maxConcurrentJobs())
              .map());
    }
    SandboxProfile s = c.sandbox();
    if (s != null) {
      o.put(
          "sandbox",
          new Obj()
              .omit("isolated", s.isolated())
              .omit("network_allowlist", s.networkAllowlist())
              .omit("fs_read_only", s.fsReadOnly())
              .omit("fs_read_write", s.fsReadWrite())
              .map());
    }
    ToolchainConstraints t = c.toolchain();
    if (t != null) {
      o.put(
          "toolchain",
          new Obj()
              .omit("allowed_tools", t.allowedTools())
              .omit("allowed_commands", t.allowedCommands())
              .map());
    }
    DiffConstraints d = c.diff();
    if (d != null) {
      o.put(
          "diff",
          new Obj()
              .omit("max_files", d.maxFiles())
              .omit("max_lines", d.maxLines())
              .omit("deny_path_globs", d.denyPathGlobs())
              .map());
    }
    o.omit("redaction_level", c.redactionLevel());
    return o.map();
  }

  /** A remediation as Cordum's protobuf struct in {@code encoding/json}. */
  static Map<String, Object> remediation(PolicyRemediation r) {
    return new Obj()
        .omit("id", r.id())
        .omit("title", r.title())
        .omit("summary", r.summary())
        .omit("replacement_topic", r.replacementTopic())
        .omit("replacement_capability", r.replacementCapability())
        .omit("add_labels", r.addLabels())
        .omit("remove_labels", r.removeLabels())
        .map();
  }

  /** Remediations, or {@code null} when there are none (as Cordum's nil slice). */
  static @Nullable List<Map<String, Object>> remediations(List<PolicyRemediation> l) {
    return l.isEmpty() ? null : l.stream().map(Views::remediation).toList();
  }

  /** A safety decision as in {@code GET /api/v1/jobs/{id}/decisions}. */
  static Map<String, Object> decision(SafetyDecisionRecord d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decision", d.decision().name());
    m.put("reason", d.reason());
    m.put("rule_id", d.ruleId());
    m.put("policy_snapshot", d.policySnapshot());
    m.put("constraints", constraints(d.constraints()));
    m.put("approval_required", d.approvalRequired());
    m.put("approval_ref", d.approvalRef());
    m.put("job_hash", d.jobHash());
    m.put("remediations", remediations(d.remediations()));
    m.put("checked_at", Json.time(d.checkedAt()));
    return m;
  }

  /** A worker's heartbeat as Cordum's {@code Heartbeat} in {@code encoding/json}. */
  static Map<String, Object> worker(WorkerInfo w) {
    Heartbeat h = w.heartbeat();
    return new Obj()
        .omit("worker_id", h.workerId())
        .omit("region", h.region())
        .omit("type", h.type())
        .omit("cpu_load", h.cpuLoad())
        .omit("gpu_utilization", h.gpuUtilization())
        .omit("active_jobs", h.activeJobs())
        .omit("capabilities", h.capabilities())
        .omit("pool", h.pool())
        .omit("max_parallel_jobs", h.maxParallelJobs())
        .omit("labels", h.labels())
        .put("last_seen", Json.time(w.lastSeen()))
        .map();
  }

  /** Lower-case form of an enum name. */
  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
