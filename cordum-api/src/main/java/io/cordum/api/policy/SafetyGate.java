package io.cordum.api.policy;

import io.cordum.api.cap.JobRequest;

/**
 * The policy decision point the scheduler asks before a job runs. The safety kernel implements it;
 * until one is configured, Cordum uses an explicit allow-all gate that records {@link
 * SafetyDecision#ALLOW} with the reason {@code no policy configured}.
 *
 * <p>Implementations must be thread-safe. A gate that cannot decide (its backend is down) should
 * throw {@link io.cordum.api.BackendException}: the scheduler then retries the job later instead of
 * denying it for good.
 */
@FunctionalInterface
public interface SafetyGate {
  /**
   * Decides about a job request.
   *
   * @param request the job as it would be dispatched (including the effective config in its env)
   * @return the decision; never {@code null}
   */
  SafetyDecisionRecord check(JobRequest request);

  /**
   * The id of the policy snapshot the gate decides under now, or {@code ""} if it has none.
   * Approvals are bound to it: a job approved under one snapshot is not dispatched on that approval
   * once the gate moved to another.
   */
  default String currentSnapshot() {
    return "";
  }
}
