package io.cordum.redis.internal;

import io.cordum.api.internal.store.Micros;
import io.cordum.api.policy.ApprovalRecord;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A safety decision as JSON, in the shape of Cordum's {@code job:decisions:<id>} entries: {@code
 * decision, reason, rule_id, policy_snapshot, constraints} (protobuf-JSON names), {@code
 * remediations} (snake_case), {@code approval_required} (a real boolean), {@code approval_ref,
 * job_hash, checked_at} (micros). Used for the list entries and for the record's {@code safety}
 * field, which holds the latest decision whole (no stale fields).
 */
public final class SafetyJson {
  private SafetyJson() {}

  /** The JSON of a decision (its time truncated to microseconds). */
  public static String encode(SafetyDecisionRecord d) {
    ObjectNode o = Json.object();
    o.put("decision", d.decision().name());
    o.put("reason", d.reason());
    o.put("rule_id", d.ruleId());
    o.put("policy_snapshot", d.policySnapshot());
    if (d.constraints() != null) {
      o.set("constraints", constraints(d.constraints()));
    }
    ArrayNode rs = o.putArray("remediations");
    for (PolicyRemediation r : d.remediations()) {
      ObjectNode n = rs.addObject();
      n.put("id", r.id());
      n.put("title", r.title());
      n.put("summary", r.summary());
      n.put("replacement_topic", r.replacementTopic());
      n.put("replacement_capability", r.replacementCapability());
      n.set("add_labels", Json.map(r.addLabels()));
      n.set("remove_labels", Json.strings(r.removeLabels()));
    }
    o.put("approval_required", d.approvalRequired());
    o.put("approval_ref", d.approvalRef());
    o.put("job_hash", d.jobHash());
    o.put("checked_at", Micros.of(d.checkedAt()));
    if (d.approval() != null) {
      ObjectNode a = o.putObject("approval");
      a.put("granted", d.approval().granted());
      a.put("approver", d.approval().approver());
      a.put("role", d.approval().role());
      a.put("reason", d.approval().reason());
      a.put("note", d.approval().note());
      a.put("decided_at", Micros.of(d.approval().decidedAt()));
    }
    return Json.write(o);
  }

  /** The decision of a JSON entry written by {@link #encode}. */
  public static SafetyDecisionRecord decode(String json) {
    JsonNode o = Json.parse(json);
    List<PolicyRemediation> remediations = new ArrayList<>();
    JsonNode rs = o.get("remediations");
    if (rs != null && rs.isArray()) {
      for (JsonNode n : rs) {
        remediations.add(
            new PolicyRemediation(
                Json.str(n, "id"),
                Json.str(n, "title"),
                Json.str(n, "summary"),
                Json.str(n, "replacement_topic"),
                Json.str(n, "replacement_capability"),
                Json.map(n, "add_labels"),
                Json.strings(n, "remove_labels")));
      }
    }
    return new SafetyDecisionRecord(
        SafetyDecision.valueOf(Json.str(o, "decision")),
        Json.str(o, "reason"),
        Json.str(o, "rule_id"),
        Json.str(o, "policy_snapshot"),
        constraints(o.get("constraints")),
        remediations,
        Json.bool(o, "approval_required"),
        Json.str(o, "approval_ref"),
        Json.str(o, "job_hash"),
        Micros.toInstant(Json.num(o, "checked_at")),
        approval(o.get("approval")));
  }

  private static @Nullable ApprovalRecord approval(@Nullable JsonNode a) {
    if (a == null || !a.isObject()) {
      return null;
    }
    return new ApprovalRecord(
        Json.bool(a, "granted"),
        Json.str(a, "approver"),
        Json.str(a, "role"),
        Json.str(a, "reason"),
        Json.str(a, "note"),
        Micros.toInstant(Json.num(a, "decided_at")));
  }

  private static ObjectNode constraints(PolicyConstraints c) {
    ObjectNode o = Json.object();
    if (c.budgets() != null) {
      BudgetConstraints b = c.budgets();
      ObjectNode n = o.putObject("budgets");
      n.put("maxRuntimeMs", Long.toString(b.maxRuntimeMs()));
      n.put("maxRetries", b.maxRetries());
      n.put("maxArtifactBytes", Long.toString(b.maxArtifactBytes()));
      n.put("maxConcurrentJobs", b.maxConcurrentJobs());
    }
    if (c.sandbox() != null) {
      SandboxProfile s = c.sandbox();
      ObjectNode n = o.putObject("sandbox");
      n.put("isolated", s.isolated());
      n.set("networkAllowlist", Json.strings(s.networkAllowlist()));
      n.set("fsReadOnly", Json.strings(s.fsReadOnly()));
      n.set("fsReadWrite", Json.strings(s.fsReadWrite()));
    }
    if (c.toolchain() != null) {
      ToolchainConstraints t = c.toolchain();
      ObjectNode n = o.putObject("toolchain");
      n.set("allowedTools", Json.strings(t.allowedTools()));
      n.set("allowedCommands", Json.strings(t.allowedCommands()));
    }
    if (c.diff() != null) {
      DiffConstraints d = c.diff();
      ObjectNode n = o.putObject("diff");
      n.put("maxFiles", d.maxFiles());
      n.put("maxLines", d.maxLines());
      n.set("denyPathGlobs", Json.strings(d.denyPathGlobs()));
    }
    o.put("redactionLevel", c.redactionLevel());
    return o;
  }

  private static @Nullable PolicyConstraints constraints(@Nullable JsonNode o) {
    if (o == null || o.isNull()) {
      return null;
    }
    JsonNode b = o.get("budgets");
    JsonNode s = o.get("sandbox");
    JsonNode t = o.get("toolchain");
    JsonNode d = o.get("diff");
    return new PolicyConstraints(
        b == null
            ? null
            : new BudgetConstraints(
                Json.num(b, "maxRuntimeMs"),
                (int) Json.num(b, "maxRetries"),
                Json.num(b, "maxArtifactBytes"),
                (int) Json.num(b, "maxConcurrentJobs")),
        s == null
            ? null
            : new SandboxProfile(
                Json.bool(s, "isolated"),
                Json.strings(s, "networkAllowlist"),
                Json.strings(s, "fsReadOnly"),
                Json.strings(s, "fsReadWrite")),
        t == null
            ? null
            : new ToolchainConstraints(
                Json.strings(t, "allowedTools"), Json.strings(t, "allowedCommands")),
        d == null
            ? null
            : new DiffConstraints(
                (int) Json.num(d, "maxFiles"),
                (int) Json.num(d, "maxLines"),
                Json.strings(d, "denyPathGlobs")),
        Json.str(o, "redactionLevel"));
  }
}
