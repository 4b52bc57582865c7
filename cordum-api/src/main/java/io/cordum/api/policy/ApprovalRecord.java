package io.cordum.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A human's answer to a job that required approval, kept on the safety decision it produced
 * ({@link SafetyDecisionRecord#approval()}), so the job's decision history shows who decided,
 * when and why.
 *
 * @param granted {@code true} for an approval, {@code false} for a rejection
 * @param approver who decided (a user or service id)
 * @param reason why, as given by the approver
 * @param decidedAt when
 */
public record ApprovalRecord(boolean granted, String approver, String reason, Instant decidedAt) {

  /** Turns null strings into empty ones; {@code decidedAt} is required. */
  public ApprovalRecord {
    approver = approver == null ? "" : approver;
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(decidedAt, "decidedAt");
  }
}
