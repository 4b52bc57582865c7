package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A step's progress in a run.
 *
 * @param stepId the step (fan-out items are {@code step[i]})
 * @param status {@code pending}, {@code running}, {@code waiting}, {@code succeeded}, {@code
 *     failed}, {@code skipped}, {@code cancelled}, {@code timed_out}
 * @param startedAt when it started
 * @param completedAt when it ended
 * @param nextAttemptAt when its next retry is due
 * @param attempts how many times it ran
 * @param input its resolved input
 * @param output its output
 * @param resultPtr where its job's result is stored
 * @param error why it failed, or {@code null}
 * @param jobId its current job
 * @param item its fan-out item
 * @param approvalId its approval
 * @param decidedBy who decided its approval
 * @param decisionReason why
 * @param childRunId the child run of a {@code subworkflow} step
 * @param deadline when it times out, if it has a deadline
 * @param waiting why it has not ended yet (runs that have not ended), or {@code null}
 */
public record StepRun(
    String stepId,
    String status,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable Instant nextAttemptAt,
    int attempts,
    @Nullable Object input,
    @Nullable Object output,
    String resultPtr,
    @Nullable RunError error,
    String jobId,
    @Nullable Object item,
    String approvalId,
    String decidedBy,
    String decisionReason,
    String childRunId,
    @Nullable Instant deadline,
    @Nullable JobWait waiting) {
  /** Normalizes nulls. */
  public StepRun {
    stepId = Norm.s(stepId);
    status = Norm.s(status);
    resultPtr = Norm.s(resultPtr);
    jobId = Norm.s(jobId);
    approvalId = Norm.s(approvalId);
    decidedBy = Norm.s(decidedBy);
    decisionReason = Norm.s(decisionReason);
    childRunId = Norm.s(childRunId);
  }
}
