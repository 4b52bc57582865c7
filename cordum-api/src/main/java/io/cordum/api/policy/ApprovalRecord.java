package io.cordum.api.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A human's answer to a job that required approval, kept on the safety decision it produced ({@link
 * SafetyDecisionRecord#approval()}), so the job's decision history shows who decided, in which
 * role, when and why.
 *
 * @param granted {@code true} for an approval, {@code false} for a rejection
 * @param approver who decided (a user or service id)
 * @param role the approver's role when they decided (such as {@code admin}); {@code ""} if unknown
 * @param reason why, as given by the approver
 * @param note a free-form note, kept apart from the reason
 * @param decidedAt when
 */
public record ApprovalRecord(
    boolean granted, String approver, String role, String reason, String note, Instant decidedAt) {

  /** Turns null strings into empty ones; {@code decidedAt} is required. */
  public ApprovalRecord {
    approver = approver == null ? "" : approver;
    role = role == null ? "" : role;
    reason = reason == null ? "" : reason;
    note = note == null ? "" : note;
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  /** A record without role or note. */
  public ApprovalRecord(boolean granted, String approver, String reason, Instant decidedAt) {
    this(granted, approver, "", reason, "", decidedAt);
  }
}
