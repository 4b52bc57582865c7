package io.cordum.api.policy;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The safety decision for a job, as recorded in the job store: one record per check, the newest
 * also on the job record.
 *
 * @param decision the decision
 * @param reason why
 * @param ruleId the rule that decided, if any
 * @param policySnapshot the policy snapshot id the decision was made under
 * @param constraints constraints to apply, if any
 * @param remediations ways to make the job acceptable
 * @param approvalRequired whether a human must approve the job
 * @param approvalRef a reference for the approval
 * @param jobHash hash of the request the decision (or approval) is bound to
 * @param checkedAt when the decision was made
 * @param approval the human decision this record carries (an approval or a rejection), or {@code
 *     null} for a decision of the policy alone
 */
public record SafetyDecisionRecord(
    SafetyDecision decision,
    String reason,
    String ruleId,
    String policySnapshot,
    @Nullable PolicyConstraints constraints,
    List<PolicyRemediation> remediations,
    boolean approvalRequired,
    String approvalRef,
    String jobHash,
    Instant checkedAt,
    @Nullable ApprovalRecord approval) {

  /**
   * Copies lists and turns nulls into defaults; a missing {@code checkedAt} becomes the epoch,
   * which the scheduler replaces with the time of the check.
   */
  public SafetyDecisionRecord {
    java.util.Objects.requireNonNull(decision, "decision");
    checkedAt = checkedAt == null ? Instant.EPOCH : checkedAt;
    reason = reason == null ? "" : reason;
    ruleId = ruleId == null ? "" : ruleId;
    policySnapshot = policySnapshot == null ? "" : policySnapshot;
    remediations = remediations == null ? List.of() : List.copyOf(remediations);
    approvalRef = approvalRef == null ? "" : approvalRef;
    jobHash = jobHash == null ? "" : jobHash;
  }

  /**
   * A decision of the policy alone (no human approval attached).
   *
   * @param decision the decision
   * @param reason why
   * @param ruleId the rule that decided, if any
   * @param policySnapshot the policy snapshot id
   * @param constraints constraints to apply, if any
   * @param remediations ways to make the job acceptable
   * @param approvalRequired whether a human must approve the job
   * @param approvalRef a reference for the approval
   * @param jobHash hash of the request the decision is bound to
   * @param checkedAt when the decision was made
   */
  public SafetyDecisionRecord(
      SafetyDecision decision,
      String reason,
      String ruleId,
      String policySnapshot,
      @Nullable PolicyConstraints constraints,
      List<PolicyRemediation> remediations,
      boolean approvalRequired,
      String approvalRef,
      String jobHash,
      Instant checkedAt) {
    this(
        decision,
        reason,
        ruleId,
        policySnapshot,
        constraints,
        remediations,
        approvalRequired,
        approvalRef,
        jobHash,
        checkedAt,
        null);
  }

  /** Whether this record is a human's approval (the job may run without asking again). */
  public boolean isApprovalGrant() {
    return approval != null && approval.granted();
  }

  /**
   * A decision with only a type and a reason, checked at the given time.
   *
   * @param decision the decision
   * @param reason why
   * @param checkedAt when
   */
  public static SafetyDecisionRecord of(SafetyDecision decision, String reason, Instant checkedAt) {
    return builder().decision(decision).reason(reason).checkedAt(checkedAt).build();
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.decision = decision;
    b.reason = reason;
    b.ruleId = ruleId;
    b.policySnapshot = policySnapshot;
    b.constraints = constraints;
    b.remediations = remediations;
    b.approvalRequired = approvalRequired;
    b.approvalRef = approvalRef;
    b.jobHash = jobHash;
    b.checkedAt = checkedAt;
    b.approval = approval;
    return b;
  }

  /** Builds {@link SafetyDecisionRecord} values. */
  public static final class Builder {
    private SafetyDecision decision = SafetyDecision.DENY;
    private String reason = "";
    private String ruleId = "";
    private String policySnapshot = "";
    private @Nullable PolicyConstraints constraints = null;
    private List<PolicyRemediation> remediations = List.of();
    private boolean approvalRequired;
    private String approvalRef = "";
    private String jobHash = "";
    private Instant checkedAt = Instant.EPOCH;
    private @Nullable ApprovalRecord approval;

    private Builder() {}

    /** Sets approval: the human decision this record carries, if any. */
    public Builder approval(@Nullable ApprovalRecord v) {
      this.approval = v;
      return this;
    }

    /** Sets decision: the decision. */
    public Builder decision(SafetyDecision v) {
      this.decision = v;
      return this;
    }

    /** Sets reason: why. */
    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    /** Sets ruleId: the rule that decided, if any. */
    public Builder ruleId(String v) {
      this.ruleId = v;
      return this;
    }

    /** Sets policySnapshot: the policy snapshot id the decision was made under. */
    public Builder policySnapshot(String v) {
      this.policySnapshot = v;
      return this;
    }

    /** Sets constraints: constraints to apply, if any. */
    public Builder constraints(@Nullable PolicyConstraints v) {
      this.constraints = v;
      return this;
    }

    /** Sets remediations: ways to make the job acceptable. */
    public Builder remediations(List<PolicyRemediation> v) {
      this.remediations = v;
      return this;
    }

    /** Sets remediations from values. */
    public Builder remediations(PolicyRemediation... v) {
      this.remediations = List.of(v);
      return this;
    }

    /** Sets approvalRequired: whether a human must approve the job. */
    public Builder approvalRequired(boolean v) {
      this.approvalRequired = v;
      return this;
    }

    /** Sets approvalRef: a reference for the approval. */
    public Builder approvalRef(String v) {
      this.approvalRef = v;
      return this;
    }

    /** Sets jobHash: hash of the request the decision (or approval) is bound to. */
    public Builder jobHash(String v) {
      this.jobHash = v;
      return this;
    }

    /** Sets checkedAt: when the decision was made. */
    public Builder checkedAt(Instant v) {
      this.checkedAt = v;
      return this;
    }

    /** Builds the record. */
    public SafetyDecisionRecord build() {
      return new SafetyDecisionRecord(
          decision,
          reason,
          ruleId,
          policySnapshot,
          constraints,
          remediations,
          approvalRequired,
          approvalRef,
          jobHash,
          checkedAt,
          approval);
    }
  }
}
