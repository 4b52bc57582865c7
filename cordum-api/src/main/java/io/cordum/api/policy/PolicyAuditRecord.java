package io.cordum.api.policy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The audit record the kernel writes for every decision it makes.
 *
 * @param operation {@code check}, {@code evaluate}, {@code explain} or {@code simulate}
 * @param jobId the job asked about ({@code ""} if none)
 * @param ruleId the deciding rule ({@code ""} when none matched)
 * @param snapshot the policy snapshot of the decision
 * @param decision the decision
 * @param constraints the constraints, if any
 * @param reason why
 * @param cached whether the decision came from the decision cache
 * @param at when
 */
public record PolicyAuditRecord(
    String operation,
    String jobId,
    String ruleId,
    String snapshot,
    SafetyDecision decision,
    @Nullable PolicyConstraints constraints,
    String reason,
    boolean cached,
    Instant at) {}
