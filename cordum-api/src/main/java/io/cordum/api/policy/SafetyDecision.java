package io.cordum.api.policy;

import io.cordum.api.cap.DecisionType;

/** What the safety kernel decided about a job, before anything runs. */
public enum SafetyDecision {
  /** Run the job. */
  ALLOW(DecisionType.ALLOW),
  /** Never run the job; it ends in DENIED with reason code {@code safety_denied}. */
  DENY(DecisionType.DENY),
  /** Park the job in APPROVAL_REQUIRED until a human approves or rejects it. */
  REQUIRE_APPROVAL(DecisionType.REQUIRE_HUMAN),
  /** Not now: the scheduler tries again later. */
  THROTTLE(DecisionType.THROTTLE),
  /** Run the job under the decision's constraints. */
  ALLOW_WITH_CONSTRAINTS(DecisionType.ALLOW_WITH_CONSTRAINTS);

  private final DecisionType wire;

  SafetyDecision(DecisionType wire) {
    this.wire = wire;
  }

  /** The CAP wire value ({@code REQUIRE_APPROVAL} is {@code DECISION_TYPE_REQUIRE_HUMAN}). */
  public DecisionType toWire() {
    return wire;
  }

  /** Whether the job may run (ALLOW or ALLOW_WITH_CONSTRAINTS). */
  public boolean allows() {
    return this == ALLOW || this == ALLOW_WITH_CONSTRAINTS;
  }

  /**
   * The decision for a wire value. UNSPECIFIED and unknown values map to {@link #DENY}: an
   * unreadable decision never lets a job run.
   */
  public static SafetyDecision fromWire(DecisionType type) {
    for (SafetyDecision d : values()) {
      if (d.wire == type) {
        return d;
      }
    }
    return DENY;
  }
}
