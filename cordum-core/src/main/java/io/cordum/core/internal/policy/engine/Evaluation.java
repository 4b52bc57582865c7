package io.cordum.core.internal.policy.engine;

import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.RuleTrace;
import io.cordum.api.policy.SafetyDecision;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The evaluator's answer, before the kernel stamps the snapshot on it.
 *
 * @param decision the decision
 * @param reason why
 * @param ruleId the deciding rule or guard ({@code ""} for the default allow or the topic gate)
 * @param constraints constraints, or {@code null} when empty
 * @param remediations the deciding rule's remediations
 * @param approvalRequired whether the final decision is REQUIRE_APPROVAL
 * @param trace the steps considered (empty unless a trace was asked for)
 * @param cacheable whether the answer may be cached (not the topic gate's)
 */
public record Evaluation(
    SafetyDecision decision,
    String reason,
    String ruleId,
    @Nullable PolicyConstraints constraints,
    List<PolicyRemediation> remediations,
    boolean approvalRequired,
    List<RuleTrace> trace,
    boolean cacheable) {}
