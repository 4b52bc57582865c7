package io.cordum.api.policy;

import java.util.Objects;

/**
 * A human decision on a job awaiting approval, as given to {@link Approvals#approve(String,
 * Approval)} and {@link Approvals#reject(String, Approval)}: who decides, in which role, why, and
 * an optional note. All of it is recorded on the job's decision history ({@link ApprovalRecord}).
 *
 * <pre>{@code
 * cordum.approvals().approve(jobId,
 *     Approval.by("alice").role("admin").reason("change window").note("ticket OPS-12").build());
 * }</pre>
 *
 * @param approver who decides (required, not blank)
 * @param role the approver's role, such as {@code admin}; {@code ""} if unknown
 * @param reason why
 * @param note a free-form note
 */
public record Approval(String approver, String role, String reason, String note) {

  /** Trims every field and turns nulls into empty strings. */
  public Approval {
    approver = approver == null ? "" : approver.trim();
    role = role == null ? "" : role.trim();
    reason = reason == null ? "" : reason.trim();
    note = note == null ? "" : note.trim();
  }

  /** A builder for a decision by {@code approver}. */
  public static Builder by(String approver) {
    return new Builder(approver);
  }

  /** A decision by {@code approver} for {@code reason}, without role or note. */
  public static Approval of(String approver, String reason) {
    return new Approval(approver, "", reason, "");
  }

  /** Builds {@link Approval} values. */
  public static final class Builder {
    private final String approver;
    private String role = "";
    private String reason = "";
    private String note = "";

    private Builder(String approver) {
      this.approver = Objects.requireNonNullElse(approver, "");
    }

    /** The approver's role. */
    public Builder role(String v) {
      this.role = v;
      return this;
    }

    /** Why. */
    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    /** A free-form note. */
    public Builder note(String v) {
      this.note = v;
      return this;
    }

    /** Builds the decision. */
    public Approval build() {
      return new Approval(approver, role, reason, note);
    }
  }
}
