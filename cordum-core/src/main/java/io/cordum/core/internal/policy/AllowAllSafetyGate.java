package io.cordum.core.internal.policy;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyGate;
import java.time.Instant;

/**
 * The gate used when no policy is configured: it allows every job, and says so in the decision it
 * records ({@code ALLOW}, reason {@value #REASON}), so an audit shows that no policy was applied.
 */
public final class AllowAllSafetyGate implements SafetyGate {
  /** The recorded reason. */
  public static final String REASON = "no policy configured";

  @Override
  public SafetyDecisionRecord check(JobRequest request) {
    // checkedAt left at the epoch: the scheduler stamps it with its own clock.
    return SafetyDecisionRecord.of(SafetyDecision.ALLOW, REASON, Instant.EPOCH);
  }
}
