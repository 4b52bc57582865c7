package io.cordum.api.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one step, or of one {@code for_each} child ({@code <step>[<i>]}), in a run.
 * Immutable; change it with {@link #toBuilder()}.
 *
 * @param stepId the step id, or the child id {@code <step>[<i>]}
 * @param status the status
 * @param startedAt when the step first started
 * @param completedAt when it reached a terminal status
 * @param nextAttemptAt when a retry is dispatched or a delay ends
 * @param deadline when the step times out (job steps, approvals with an expiry, child runs)
 * @param checkAt when the engine looks at the step's in-flight job again (the durable
 *     reconciliation timer, so no periodic scan of all runs is needed)
 * @param attempts how many times a job was dispatched for it
 * @param input the rendered input that was sent
 * @param output the output (the job's decoded result, or its pointer; a condition's boolean; a
 *     fan-out's list of child outputs in index order; a child run's output)
 * @param resultPtr the job's result pointer, if any
 * @param error why it failed
 * @param jobId the job id of the current or last attempt
 * @param item the fan-out element of a child
 * @param index the fan-out index of a child; -1 for other steps
 * @param fanOut the number of children of a fan-out parent; -1 for other steps
 * @param skipped whether a false gate skipped the step (its status is then succeeded)
 * @param approvalId the unique id of an approval request
 * @param decidedBy who approved or rejected
 * @param decisionReason why they did
 * @param childRunId the run started by a subworkflow step
 */
public record StepRun(
    String stepId,
    StepStatus status,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant deadline,
    @Nullable Instant checkAt,
    int attempts,
    @Nullable Object input,
    @Nullable Object output,
    String resultPtr,
    @Nullable WorkflowError error,
    String jobId,
    @Nullable Object item,
    int index,
    int fanOut,
    boolean skipped,
    String approvalId,
    String decidedBy,
    String decisionReason,
    String childRunId) {

  /** Freezes the JSON values and turns nulls into empty strings. */
  public StepRun {
    stepId = JsonTrees.str(stepId);
    status = status == null ? StepStatus.PENDING : status;
    input = JsonTrees.freeze(input);
    output = JsonTrees.freeze(output);
    resultPtr = JsonTrees.str(resultPtr);
    jobId = JsonTrees.str(jobId);
    item = JsonTrees.freeze(item);
    approvalId = JsonTrees.str(approvalId);
    decidedBy = JsonTrees.str(decidedBy);
    decisionReason = JsonTrees.str(decisionReason);
    childRunId = JsonTrees.str(childRunId);
  }

  /** A pending step with nothing recorded. */
  public static StepRun pending(String stepId) {
    return builder(stepId).build();
  }

  /** A builder for a step state. */
  public static Builder builder(String stepId) {
    return new Builder(stepId);
  }

  /** Whether the step has ended. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The earliest of the step's timers, or {@code null} when it has none. */
  public @Nullable Instant nextTimer() {
    if (status.isTerminal()) {
      return null;
    }
    Instant t = null;
    for (Instant i : new Instant[] {nextAttemptAt, deadline, checkAt}) {
      if (i != null && (t == null || i.isBefore(t))) {
        t = i;
      }
    }
    return t;
  }

  /** A builder holding this state's values. */
  public Builder toBuilder() {
    Builder b = new Builder(stepId);
    b.status = status;
    b.startedAt = startedAt;
    b.completedAt = completedAt;
    b.nextAttemptAt = nextAttemptAt;
    b.deadline = deadline;
    b.checkAt = checkAt;
    b.attempts = attempts;
    b.input = input;
    b.output = output;
    b.resultPtr = resultPtr;
    b.error = error;
    b.jobId = jobId;
    b.item = item;
    b.index = index;
    b.fanOut = fanOut;
    b.skipped = skipped;
    b.approvalId = approvalId;
    b.decidedBy = decidedBy;
    b.decisionReason = decisionReason;
    b.childRunId = childRunId;
    return b;
  }

  /** Builds {@link StepRun}s. */
  public static final class Builder {
    private final String stepId;
    private StepStatus status = StepStatus.PENDING;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;
    private @Nullable Instant nextAttemptAt;
    private @Nullable Instant deadline;
    private @Nullable Instant checkAt;
    private int attempts;
    private @Nullable Object input;
    private @Nullable Object output;
    private String resultPtr = "";
    private @Nullable WorkflowError error;
    private String jobId = "";
    private @Nullable Object item;
    private int index = -1;
    private int fanOut = -1;
    private boolean skipped;
    private String approvalId = "";
    private String decidedBy = "";
    private String decisionReason = "";
    private String childRunId = "";

    private Builder(String stepId) {
      this.stepId = stepId;
    }

    /** The status. */
    public Builder status(StepStatus v) {
      this.status = v;
      return this;
    }

    /** When it started. */
    public Builder startedAt(@Nullable Instant v) {
      this.startedAt = v;
      return this;
    }

    /** When it ended. */
    public Builder completedAt(@Nullable Instant v) {
      this.completedAt = v;
      return this;
    }

    /** When a retry or delay fires. */
    public Builder nextAttemptAt(@Nullable Instant v) {
      this.nextAttemptAt = v;
      return this;
    }

    /** When it times out. */
    public Builder deadline(@Nullable Instant v) {
      this.deadline = v;
      return this;
    }

    /** When its job is looked at again. */
    public Builder checkAt(@Nullable Instant v) {
      this.checkAt = v;
      return this;
    }

    /** How many jobs were dispatched for it. */
    public Builder attempts(int v) {
      this.attempts = v;
      return this;
    }

    /** The rendered input. */
    public Builder input(@Nullable Object v) {
      this.input = v;
      return this;
    }

    /** The output. */
    public Builder output(@Nullable Object v) {
      this.output = v;
      return this;
    }

    /** The result pointer. */
    public Builder resultPtr(String v) {
      this.resultPtr = v;
      return this;
    }

    /** The error. */
    public Builder error(@Nullable WorkflowError v) {
      this.error = v;
      return this;
    }

    /** The current job id. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** The fan-out element. */
    public Builder item(@Nullable Object v) {
      this.item = v;
      return this;
    }

    /** The fan-out index. */
    public Builder index(int v) {
      this.index = v;
      return this;
    }

    /** The number of fan-out children. */
    public Builder fanOut(int v) {
      this.fanOut = v;
      return this;
    }

    /** Whether a gate skipped it. */
    public Builder skipped(boolean v) {
      this.skipped = v;
      return this;
    }

    /** The approval request id. */
    public Builder approvalId(String v) {
      this.approvalId = v;
      return this;
    }

    /** Who decided the approval. */
    public Builder decidedBy(String v) {
      this.decidedBy = v;
      return this;
    }

    /** Why they decided so. */
    public Builder decisionReason(String v) {
      this.decisionReason = v;
      return this;
    }

    /** The child run. */
    public Builder childRunId(String v) {
      this.childRunId = v;
      return this;
    }

    /** Builds the state. */
    public StepRun build() {
      return new StepRun(
          stepId,
          status,
          startedAt,
          completedAt,
          nextAttemptAt,
          deadline,
          checkAt,
          attempts,
          input,
          output,
          resultPtr,
          error,
          jobId,
          item,
          index,
          fanOut,
          skipped,
          approvalId,
          decidedBy,
          decisionReason,
          childRunId);
    }
  }
}
