package io.cordum.api.policy;

import java.util.List;

/**
 * A decision with its trace: each rule and guard the kernel considered, in evaluation order.
 *
 * @param decision the decision, exactly as {@link SafetyKernel#evaluate} returns it
 * @param trace the steps considered, in order
 */
public record PolicyExplanation(SafetyDecisionRecord decision, List<RuleTrace> trace) {
  /** Copies the trace. */
  public PolicyExplanation {
    trace = List.copyOf(trace);
  }
}
