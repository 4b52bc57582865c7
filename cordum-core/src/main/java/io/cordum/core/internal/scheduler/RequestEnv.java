package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the scheduler writes into a dispatched job's env: the effective config and the policy
 * constraints, in the JSON shapes Cordum workers read.
 */
final class RequestEnv {
  static final String EFFECTIVE_CONFIG = "CORDUM_EFFECTIVE_CONFIG";
  static final String POLICY_CONSTRAINTS = "CORDUM_POLICY_CONSTRAINTS";
  static final String REDACTION_LEVEL = "CORDUM_REDACTION_LEVEL";
  static final String MAX_ARTIFACT_BYTES = "CORDUM_MAX_ARTIFACT_BYTES";
  static final String MAX_CONCURRENT_JOBS = "CORDUM_MAX_CONCURRENT_JOBS";
  static final String MAX_RETRIES = "CORDUM_MAX_RETRIES";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RequestEnv() {}

  /** The request with the effective config as JSON (keys sorted, recursively). */
  static JobRequest withEffectiveConfig(JobRequest req, Map<String, Object> config) {
    if (config.isEmpty()) {
      return req;
    }
    String json = JSON.writeValueAsString(sorted(config));
    return req.toBuilder().putEnv(EFFECTIVE_CONFIG, json).build();
  }

  @SuppressWarnings("unchecked")
  private static Object sorted(Object v) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> t = new TreeMap<>();
      m.forEach((k, x) -> t.put(String.valueOf(k), sorted(x)));
      return t;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(RequestEnv::sorted).toList();
    }
    return v;
  }

  /**
   * The request with policy constraints applied: the constraints as JSON, the redaction level, the
   * deadline clamped to {@code max_runtime_ms}, and the budget limits as decimal strings.
   */
  static JobRequest withConstraints(JobRequest req, PolicyConstraints c) {
    JobRequest.Builder b = req.toBuilder();
    b.putEnv(POLICY_CONSTRAINTS, constraintsJson(c));
    if (!c.redactionLevel().isEmpty()) {
      b.putEnv(REDACTION_LEVEL, c.redactionLevel());
    }
    BudgetConstraints bc = c.budgets();
    if (bc != null) {
      Budget budget = req.budget() == null ? Budget.builder().build() : req.budget();
      long max = bc.maxRuntimeMs();
      if (max > 0 && (budget.deadlineMs() == 0 || budget.deadlineMs() > max)) {
        budget = budget.toBuilder().deadlineMs(max).build();
      }
      b.budget(budget);
      if (bc.maxArtifactBytes() > 0) {
        b.putEnv(MAX_ARTIFACT_BYTES, Long.toString(bc.maxArtifactBytes()));
      }
      if (bc.maxConcurrentJobs() > 0) {
        b.putEnv(MAX_CONCURRENT_JOBS, Integer.toString(bc.maxConcurrentJobs()));
      }
      if (bc.maxRetries() > 0) {
        b.putEnv(MAX_RETRIES, Integer.toString(bc.maxRetries()));
      }
    }
    return b.build();
  }

  /**
   * The constraints as protobuf JSON: lowerCamelCase names, 64-bit integers as strings, default
   * values left out (as Go's protojson writes them).
   */
  static String constraintsJson(PolicyConstraints c) {
    ObjectNode root = JSON.createObjectNode();
    BudgetConstraints b = c.budgets();
    if (b != null) {
      ObjectNode n = root.putObject("budgets");
      if (b.maxRuntimeMs() != 0) {
        n.put("maxRuntimeMs", Long.toString(b.maxRuntimeMs()));
      }
      if (b.maxRetries() != 0) {
        n.put("maxRetries", b.maxRetries());
      }
      if (b.maxArtifactBytes() != 0) {
        n.put("maxArtifactBytes", Long.toString(b.maxArtifactBytes()));
      }
      if (b.maxConcurrentJobs() != 0) {
        n.put("maxConcurrentJobs", b.maxConcurrentJobs());
      }
    }
    SandboxProfile s = c.sandbox();
    if (s != null) {
      ObjectNode n = root.putObject("sandbox");
      if (s.isolated()) {
        n.put("isolated", true);
      }
      strings(n, "networkAllowlist", s.networkAllowlist());
      strings(n, "fsReadOnly", s.fsReadOnly());
      strings(n, "fsReadWrite", s.fsReadWrite());
    }
    ToolchainConstraints t = c.toolchain();
    if (t != null) {
      ObjectNode n = root.putObject("toolchain");
      strings(n, "allowedTools", t.allowedTools());
      strings(n, "allowedCommands", t.allowedCommands());
    }
    DiffConstraints d = c.diff();
    if (d != null) {
      ObjectNode n = root.putObject("diff");
      if (d.maxFiles() != 0) {
        n.put("maxFiles", d.maxFiles());
      }
      if (d.maxLines() != 0) {
        n.put("maxLines", d.maxLines());
      }
      strings(n, "denyPathGlobs", d.denyPathGlobs());
    }
    if (!c.redactionLevel().isEmpty()) {
      root.put("redactionLevel", c.redactionLevel());
    }
    return JSON.writeValueAsString(root);
  }

  private static void strings(ObjectNode n, String name, List<String> values) {
    if (!values.isEmpty()) {
      var arr = n.putArray(name);
      values.forEach(arr::add);
    }
  }
}
