package io.cordum.core.internal.policy.engine;

import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecision;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a policy document.
 *
 * @param id the rule id (recorded with every decision it makes)
 * @param match when the rule applies
 * @param decision what it decides (a rule without a decision allows)
 * @param reason why, returned with the decision
 * @param constraints constraints that ride along with the decision, or {@code null}
 * @param remediations ways to make a denied job acceptable
 */
public record PolicyRule(
    String id,
    RuleMatch match,
    SafetyDecision decision,
    String reason,
    @Nullable PolicyConstraints constraints,
    List<PolicyRemediation> remediations) {

  /** Copies the list. */
  public PolicyRule {
    remediations = List.copyOf(remediations);
  }
}
