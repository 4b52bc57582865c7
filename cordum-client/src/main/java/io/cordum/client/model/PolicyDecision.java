package io.cordum.client.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The safety kernel's answer to a policy check (protobuf JSON: lowerCamelCase keys, as Cordum's
 * policy routes write them).
 *
 * @param decision {@code DECISION_TYPE_ALLOW}, {@code DECISION_TYPE_DENY}, {@code
 *     DECISION_TYPE_REQUIRE_HUMAN}, {@code DECISION_TYPE_THROTTLE} or {@code
 *     DECISION_TYPE_ALLOW_WITH_CONSTRAINTS}
 * @param reason why
 * @param redactedContextPtr a redacted context pointer, or {@code ""}
 * @param policySnapshot the policy snapshot that decided
 * @param ruleId the rule that decided
 * @param constraints constraints it sets, or {@code null}
 * @param approvalRequired whether it needs a human's approval
 * @param approvalRef the approval reference
 * @param remediations remediations it offers
 * @param trace the rules tried (explain and simulate only)
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record PolicyDecision(
    String decision,
    String reason,
    String redactedContextPtr,
    String policySnapshot,
    String ruleId,
    @Nullable Map<String, Object> constraints,
    boolean approvalRequired,
    String approvalRef,
    List<PolicyRemediation> remediations,
    List<RuleTrace> trace) {
  /** Normalizes nulls. */
  public PolicyDecision {
    decision = Norm.s(decision);
    reason = Norm.s(reason);
    redactedContextPtr = Norm.s(redactedContextPtr);
    policySnapshot = Norm.s(policySnapshot);
    ruleId = Norm.s(ruleId);
    approvalRef = Norm.s(approvalRef);
    remediations = Norm.list(remediations);
    trace = Norm.list(trace);
  }

  /**
   * The decision without the protobuf prefix: {@code ALLOW}, {@code DENY}, {@code REQUIRE_HUMAN},
   * ...
   */
  public String outcome() {
    return decision.startsWith("DECISION_TYPE_")
        ? decision.substring("DECISION_TYPE_".length())
        : decision;
  }
}
