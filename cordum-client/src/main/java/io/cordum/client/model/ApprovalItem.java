package io.cordum.client.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job waiting for a human's approval ({@code GET /api/v1/approvals}), with the decision that
 * holds it.
 *
 * @param job the job
 * @param jobId its id
 * @param decision the safety decision, such as {@code REQUIRE_APPROVAL}
 * @param policySnapshot the policy snapshot the approval is bound to
 * @param policyRuleId the rule that holds it
 * @param policyReason why
 * @param constraints constraints the decision set, or {@code null}
 * @param jobHash the request hash the approval is bound to
 * @param approvalRequired whether approval is required
 * @param approvalRef the approval reference
 */
public record ApprovalItem(
    JobSummary job,
    String jobId,
    String decision,
    String policySnapshot,
    String policyRuleId,
    String policyReason,
    @Nullable Map<String, Object> constraints,
    String jobHash,
    boolean approvalRequired,
    String approvalRef) {
  /** Normalizes nulls. */
  @SuppressWarnings("NullAway") // JobSummary's constructor normalizes the nulls it is given
  public ApprovalItem {
    jobId = Norm.s(jobId);
    job =
        job == null
            ? new JobSummary(
                jobId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, 0, null, null, null, null, null, null, null, null, null)
            : job;
    decision = Norm.s(decision);
    policySnapshot = Norm.s(policySnapshot);
    policyRuleId = Norm.s(policyRuleId);
    policyReason = Norm.s(policyReason);
    jobHash = Norm.s(jobHash);
    approvalRef = Norm.s(approvalRef);
  }
}
