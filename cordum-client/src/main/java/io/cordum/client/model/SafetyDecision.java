package io.cordum.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One safety decision about a job ({@code GET /api/v1/jobs/{id}/decisions}).
 *
 * @param decision {@code ALLOW}, {@code DENY}, {@code REQUIRE_APPROVAL}, {@code THROTTLE} or {@code
 *     ALLOW_WITH_CONSTRAINTS}
 * @param reason why
 * @param ruleId the rule that decided
 * @param policySnapshot the policy snapshot that decided
 * @param constraints constraints it set, or {@code null}
 * @param approvalRequired whether it needs a human's approval
 * @param approvalRef the approval reference
 * @param jobHash the hash of the request it is bound to
 * @param remediations remediations it offers
 * @param checkedAt when it was decided
 */
public record SafetyDecision(
    String decision,
    String reason,
    String ruleId,
    String policySnapshot,
    @Nullable Map<String, Object> constraints,
    boolean approvalRequired,
    String approvalRef,
    String jobHash,
    List<Remediation> remediations,
    @Nullable Instant checkedAt) {
  /** Normalizes nulls. */
  public SafetyDecision {
    decision = Norm.s(decision);
    reason = Norm.s(reason);
    ruleId = Norm.s(ruleId);
    policySnapshot = Norm.s(policySnapshot);
    approvalRef = Norm.s(approvalRef);
    jobHash = Norm.s(jobHash);
    remediations = Norm.list(remediations);
  }
}
