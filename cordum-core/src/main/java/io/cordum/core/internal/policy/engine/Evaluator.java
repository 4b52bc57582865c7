package io.cordum.core.internal.policy.engine;

import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.RuleTrace;
import io.cordum.api.policy.SafetyDecision;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation function: {@code (CompiledPolicy, RequestView) -> Evaluation}, pure and
 * thread-safe. Precedence, highest first:
 *
 * <ol>
 *   <li>the topic gate: an empty topic or one outside {@code job.*} is denied;
 *   <li>the effective-config guard ({@code safety.denied_topics}, {@code allowed_topics}, {@code
 *       mcp} of the job's effective config);
 *   <li>the tenant guards: the tenant's {@code deny_topics} and {@code mcp} lists (tenant looked up
 *       case-insensitively);
 *   <li>the first matching rule, in the policy's rule order;
 *   <li>the default: allow.
 * </ol>
 *
 * A guard that denies replaces the rule's decision, rule id and constraints (the rule's
 * remediations are kept). A rule's reason is returned for every decision, allows included.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Evaluates a request.
   *
   * @param policy the policy
   * @param v the request
   * @param trace whether to record the trace of rules and guards considered
   */
  public static Evaluation evaluate(CompiledPolicy policy, RequestView v, boolean trace) {
    List<RuleTrace> steps = trace ? new ArrayList<>() : List.of();
    String topic = v.topic();
    if (topic.isEmpty() || !topic.startsWith("job.")) {
      String why = topic.isEmpty() ? "missing topic" : "unsupported topic";
      if (trace) {
        steps.add(
            new RuleTrace(
                "guard:topic", "guard", true, true, why + ": topics must start with \"job.\""));
      }
      return new Evaluation(SafetyDecision.DENY, why, "", null, List.of(), false, steps, false);
    }
    String tenant = v.rawTenant().isEmpty() ? policy.defaultTenant() : v.rawTenant();
    String tenantLower = RequestView.lower(tenant);

    SafetyDecision decision = SafetyDecision.ALLOW;
    String reason = "no rule matched";
    String ruleId = "";
    PolicyConstraints constraints = null;
    List<PolicyRemediation> remediations = List.of();
    CompiledRule hit = null;
    if (trace) {
      for (CompiledRule r : policy.rules()) {
        String miss = r.firstMiss(v, tenantLower);
        steps.add(
            new RuleTrace(
                r.rule().id(),
                r.source(),
                miss == null,
                miss == null,
                miss == null ? "all criteria hold" : miss));
        if (miss == null) {
          hit = r;
          break;
        }
      }
    } else {
      List<CompiledRule> rules = policy.rules();
      for (int i : policy.candidates(topic)) {
        if (rules.get(i).matchesExceptTopic(v, tenantLower)) {
          hit = rules.get(i);
          break;
        }
      }
    }
    if (hit != null) {
      PolicyRule rule = hit.rule();
      decision = rule.decision();
      reason = rule.reason();
      ruleId = rule.id();
      constraints = Constraints.normalize(rule.constraints());
      remediations = rule.remediations();
      if (decision == SafetyDecision.ALLOW && constraints != null) {
        decision = SafetyDecision.ALLOW_WITH_CONSTRAINTS;
      }
    }

    Guard g = tenantGuard(policy, tenantLower, v);
    if (g == null) {
      g = effectiveGuard(v);
    } else {
      Guard e = effectiveGuard(v);
      g = e != null ? e : g; // the effective config outranks the tenant guard
    }
    if (trace) {
      steps.add(
          new RuleTrace(
              "guard:tenant+effective-config",
              "guard",
              g != null,
              g != null,
              g == null ? "no guard blocks the request" : g.id + ": " + g.reason));
      if (g != null) {
        for (int i = 0; i < steps.size() - 1; i++) {
          RuleTrace s = steps.get(i);
          if (s.decisive()) {
            steps.set(
                i,
                new RuleTrace(
                    s.ruleId(),
                    s.source(),
                    true,
                    false,
                    s.detail() + " (overridden by " + g.id + ")"));
          }
        }
      }
    }
    if (g != null) {
      decision = SafetyDecision.DENY;
      reason = g.reason;
      ruleId = g.id;
      constraints = null;
    }
    return new Evaluation(
        decision,
        reason,
        ruleId,
        constraints,
        remediations,
        decision == SafetyDecision.REQUIRE_APPROVAL,
        steps,
        true);
  }

  private record Guard(String id, String reason) {}

  private static @Nullable Guard tenantGuard(
      CompiledPolicy policy, String tenantLower, RequestView v) {
    TenantPolicy tp = policy.tenant(tenantLower);
    if (tp == null) {
      return null;
    }
    String name = policy.tenantName(tenantLower);
    int n = 1;
    for (String pattern : tp.denyTopics()) {
      if (Glob.matches(pattern, v.topic())) {
        return new Guard(
            "legacy:" + name + ":deny:" + n,
            "topic \"" + pattern.trim() + "\" denied by tenant policy");
      }
      n++;
    }
    String blocked = v.mcp().blockedBy(tp.mcp());
    return blocked == null ? null : new Guard("tenant:" + name + ":mcp", blocked);
  }

  private static @Nullable Guard effectiveGuard(RequestView v) {
    EffectiveSafety s = EffectiveSafety.parse(v.effectiveConfig());
    if (s == null) {
      return null;
    }
    String topic = v.topic();
    for (String p : s.deniedTopics()) {
      if (Glob.matches(p, topic)) {
        return new Guard(
            "effective-config:denied_topics", "topic \"" + topic + "\" denied by effective config");
      }
    }
    if (!s.allowedTopics().isEmpty()) {
      boolean any = false;
      for (String p : s.allowedTopics()) {
        any |= Glob.matches(p, topic);
      }
      if (!any) {
        return new Guard(
            "effective-config:allowed_topics",
            "topic \"" + topic + "\" not allowed by effective config");
      }
    }
    String blocked = v.mcp().blockedBy(s.mcp());
    return blocked == null ? null : new Guard("effective-config:mcp", blocked);
  }
}
