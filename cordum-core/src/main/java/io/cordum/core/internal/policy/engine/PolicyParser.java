package io.cordum.core.internal.policy.engine;

import io.cordum.api.ValidationException;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses and validates policy documents (YAML; JSON parses as YAML too). Every problem is reported
 * at once in a {@link ValidationException} whose violations name the rule and the field, such as
 * {@code rules[1](deny-delete).decision}: unknown fields in any nested object, wrong types,
 * negative numbers, unknown decisions, malformed topic globs and duplicate rule ids. Unknown
 * top-level keys are ignored (documents may carry metadata).
 */
public final class PolicyParser {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The decision spellings a policy may use (case-sensitive, as in Cordum's schema). */
  public static final List<String> DECISIONS =
      List.of(
          "allow",
          "permit",
          "deny",
          "block",
          "require_approval",
          "require-approval",
          "require_human",
          "allow_with_constraints",
          "allow-with-constraints",
          "throttle");

  private static final Set<String> RULE_KEYS =
      Set.of("id", "match", "decision", "reason", "constraints", "remediations");
  private static final Set<String> MATCH_KEYS =
      Set.of(
          "tenants",
          "topics",
          "capabilities",
          "risk_tags",
          "requires",
          "pack_ids",
          "actor_ids",
          "actor_types",
          "labels",
          "secrets_present",
          "mcp");
  private static final Set<String> MCP_KEYS =
      Set.of(
          "allow_servers",
          "deny_servers",
          "allow_tools",
          "deny_tools",
          "allow_resources",
          "deny_resources",
          "allow_actions",
          "deny_actions");
  private static final Set<String> TENANT_KEYS =
      Set.of(
          "allow_topics",
          "deny_topics",
          "allowed_repo_hosts",
          "denied_repo_hosts",
          "max_concurrent_jobs",
          "mcp");
  private static final Set<String> CONSTRAINT_KEYS =
      Set.of("budgets", "sandbox", "toolchain", "diff", "redaction_level");
  private static final Set<String> BUDGET_KEYS =
      Set.of("max_runtime_ms", "max_retries", "max_artifact_bytes", "max_concurrent_jobs");
  private static final Set<String> SANDBOX_KEYS =
      Set.of("isolated", "network_allowlist", "fs_read_only", "fs_read_write");
  private static final Set<String> TOOLCHAIN_KEYS = Set.of("allowed_tools", "allowed_commands");
  private static final Set<String> DIFF_KEYS = Set.of("max_files", "max_lines", "deny_path_globs");
  private static final Set<String> REMEDIATION_KEYS =
      Set.of(
          "id",
          "title",
          "summary",
          "replacement_topic",
          "replacement_capability",
          "add_labels",
          "remove_labels");

  private PolicyParser() {}

  /**
   * Parses a policy document.
   *
   * @param text the YAML or JSON text
   * @return the document, or {@code null} when the text is blank (no policy)
   * @throws ValidationException listing every problem found
   */
  public static @Nullable PolicyDocument parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new ValidationException(
          "policy", "is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return null;
    }
    if (!root.isObject()) {
      throw new ValidationException(
          "policy", "must be a mapping with version, default_tenant," + " rules and tenants");
    }
    TreeReader r = new TreeReader();
    String version = r.string(root, "version", "").trim();
    String defaultTenant = r.string(root, "default_tenant", "").trim();
    List<PolicyRule> rules = rules(r, root.get("rules"));
    Map<String, TenantPolicy> tenants = new LinkedHashMap<>();
    JsonNode t = root.get("tenants");
    if (t != null && !t.isNull()) {
      if (!t.isObject()) {
        r.fail("tenants", "must be a mapping of tenant ids to tenant policies");
      } else {
        for (var e : t.properties()) {
          tenants.put(e.getKey(), tenant(r, e.getValue(), "tenants." + e.getKey()));
        }
      }
    }
    if (!r.violations.isEmpty()) {
      throw new ValidationException(r.violations);
    }
    return new PolicyDocument(version, defaultTenant, rules, tenants);
  }

  /** Normalizes a decision spelling (lower-cased, trimmed); unknown and empty mean allow. */
  public static SafetyDecision normalizeDecision(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "deny", "block" -> SafetyDecision.DENY;
      case "require_approval", "require-approval", "require_human" ->
          SafetyDecision.REQUIRE_APPROVAL;
      case "allow_with_constraints", "allow-with-constraints" ->
          SafetyDecision.ALLOW_WITH_CONSTRAINTS;
      case "throttle" -> SafetyDecision.THROTTLE;
      default -> SafetyDecision.ALLOW;
    };
  }

  private static List<PolicyRule> rules(TreeReader r, @Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      r.fail("rules", "must be a list of rules");
      return List.of();
    }
    List<PolicyRule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (JsonNode rn : n) {
      String id = rn.isObject() && rn.get("id") != null ? rn.get("id").asString().trim() : "";
      String path = "rules[" + i + "]" + (id.isEmpty() ? "" : "(" + id + ")");
      i++;
      if (!r.object(rn, path, RULE_KEYS)) {
        if (rn == null || rn.isNull()) {
          r.fail(path, "must be a mapping");
        }
        continue;
      }
      if (!id.isEmpty() && !ids.add(id)) {
        r.fail(path + ".id", "must be unique within the document");
      }
      String decision = r.string(rn, "decision", path);
      if (rn.has("decision") && !DECISIONS.contains(decision)) {
        r.fail(path + ".decision", "must be one of " + String.join(", ", DECISIONS));
      }
      JsonNode m = rn.get("match");
      if (id.isEmpty() && (m == null || m.isNull() || (m.isObject() && m.isEmpty()))) {
        // It would match every job, anonymously: a stray "- decision: deny" denied everything
        // with an empty reason and no rule to point at.
        r.fail(
            path,
            "a rule needs an id or a match (one with neither matches every job and"
                + " cannot be named in a decision)");
      }
      out.add(
          new PolicyRule(
              id,
              match(r, rn.get("match"), path + ".match"),
              normalizeDecision(decision),
              r.string(rn, "reason", path),
              constraints(r, rn.get("constraints"), path + ".constraints"),
              remediations(r, rn.get("remediations"), path + ".remediations")));
    }
    return out;
  }

  private static RuleMatch match(TreeReader r, @Nullable JsonNode n, String path) {
    if (n == null || !r.object(n, path, MATCH_KEYS)) {
      return RuleMatch.ANY;
    }
    List<String> topics = r.strings(n, "topics", path);
    for (int i = 0; i < topics.size(); i++) {
      String p = topics.get(i).trim();
      if (p.isEmpty() || !Glob.isValid(p)) {
        r.fail(path + ".topics[" + i + "]", "must be a well-formed glob (* ? [a-z] \\x)");
      }
    }
    List<String> actorTypes = r.strings(n, "actor_types", path);
    for (int i = 0; i < actorTypes.size(); i++) {
      String a = actorTypes.get(i).trim().toLowerCase(Locale.ROOT);
      if (!a.equals("human") && !a.equals("service")) {
        r.fail(path + ".actor_types[" + i + "]", "must be human or service");
      }
    }
    JsonNode mcp = n.get("mcp");
    return new RuleMatch(
        r.strings(n, "tenants", path),
        topics,
        r.strings(n, "capabilities", path),
        r.strings(n, "risk_tags", path),
        r.strings(n, "requires", path),
        r.strings(n, "pack_ids", path),
        r.strings(n, "actor_ids", path),
        actorTypes,
        r.stringMap(n, "labels", path),
        r.bool(n, "secrets_present", path),
        mcp == null || mcp.isNull() ? null : mcp(r, mcp, path + ".mcp"));
  }

  /** Parses MCP lists; also used for the effective-config guard. */
  static McpPolicy mcp(TreeReader r, @Nullable JsonNode n, String path) {
    if (n == null || !r.object(n, path, MCP_KEYS)) {
      return McpPolicy.EMPTY;
    }
    return new McpPolicy(
        r.strings(n, "allow_servers", path),
        r.strings(n, "deny_servers", path),
        r.strings(n, "allow_tools", path),
        r.strings(n, "deny_tools", path),
        r.strings(n, "allow_resources", path),
        r.strings(n, "deny_resources", path),
        r.strings(n, "allow_actions", path),
        r.strings(n, "deny_actions", path));
  }

  private static TenantPolicy tenant(TreeReader r, @Nullable JsonNode n, String path) {
    if (n == null || !r.object(n, path, TENANT_KEYS)) {
      return new TenantPolicy(List.of(), List.of(), List.of(), List.of(), 0, McpPolicy.EMPTY);
    }
    List<String> deny = r.strings(n, "deny_topics", path);
    List<String> allow = r.strings(n, "allow_topics", path);
    checkGlobs(r, deny, path + ".deny_topics");
    checkGlobs(r, allow, path + ".allow_topics");
    return new TenantPolicy(
        allow,
        deny,
        r.strings(n, "allowed_repo_hosts", path),
        r.strings(n, "denied_repo_hosts", path),
        (int) r.nonNegative(n, "max_concurrent_jobs", path, Integer.MAX_VALUE),
        mcp(r, n.get("mcp"), path + ".mcp"));
  }

  private static void checkGlobs(TreeReader r, List<String> globs, String path) {
    for (int i = 0; i < globs.size(); i++) {
      if (!Glob.isValid(globs.get(i).trim()) || globs.get(i).isBlank()) {
        r.fail(path + "[" + i + "]", "must be a well-formed glob");
      }
    }
  }

  private static @Nullable PolicyConstraints constraints(
      TreeReader r, @Nullable JsonNode n, String path) {
    if (n == null || !r.object(n, path, CONSTRAINT_KEYS)) {
      return null;
    }
    BudgetConstraints budgets = null;
    JsonNode b = n.get("budgets");
    if (r.object(b, path + ".budgets", BUDGET_KEYS)) {
      String p = path + ".budgets";
      budgets =
          new BudgetConstraints(
              r.nonNegative(b, "max_runtime_ms", p, Long.MAX_VALUE),
              (int) r.nonNegative(b, "max_retries", p, Integer.MAX_VALUE),
              r.nonNegative(b, "max_artifact_bytes", p, Long.MAX_VALUE),
              (int) r.nonNegative(b, "max_concurrent_jobs", p, Integer.MAX_VALUE));
    }
    SandboxProfile sandbox = null;
    JsonNode s = n.get("sandbox");
    if (r.object(s, path + ".sandbox", SANDBOX_KEYS)) {
      String p = path + ".sandbox";
      Boolean isolated = r.bool(s, "isolated", p);
      sandbox =
          new SandboxProfile(
              isolated != null && isolated,
              r.strings(s, "network_allowlist", p),
              r.strings(s, "fs_read_only", p),
              r.strings(s, "fs_read_write", p));
    }
    ToolchainConstraints toolchain = null;
    JsonNode t = n.get("toolchain");
    if (r.object(t, path + ".toolchain", TOOLCHAIN_KEYS)) {
      String p = path + ".toolchain";
      toolchain =
          new ToolchainConstraints(
              r.strings(t, "allowed_tools", p), r.strings(t, "allowed_commands", p));
    }
    DiffConstraints diff = null;
    JsonNode d = n.get("diff");
    if (r.object(d, path + ".diff", DIFF_KEYS)) {
      String p = path + ".diff";
      diff =
          new DiffConstraints(
              (int) r.nonNegative(d, "max_files", p, Integer.MAX_VALUE),
              (int) r.nonNegative(d, "max_lines", p, Integer.MAX_VALUE),
              r.strings(d, "deny_path_globs", p));
    }
    return Constraints.normalize(
        new PolicyConstraints(
            budgets, sandbox, toolchain, diff, r.string(n, "redaction_level", path).trim()));
  }

  private static List<PolicyRemediation> remediations(
      TreeReader r, @Nullable JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      r.fail(path, "must be a list of remediations");
      return List.of();
    }
    List<PolicyRemediation> out = new ArrayList<>();
    int i = 0;
    for (JsonNode m : n) {
      String p = path + "[" + i++ + "]";
      if (r.object(m, p, REMEDIATION_KEYS)) {
        out.add(
            new PolicyRemediation(
                r.string(m, "id", p),
                r.string(m, "title", p),
                r.string(m, "summary", p),
                r.string(m, "replacement_topic", p),
                r.string(m, "replacement_capability", p),
                r.stringMap(m, "add_labels", p),
                r.strings(m, "remove_labels", p)));
      }
    }
    return out;
  }
}
