package io.cordum.api.workflow;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a run's append-only timeline. The store assigns {@link #seq()} (1, 2, ... per run)
 * and fills in a missing {@link #time()}. The types the engine writes are the constants of this
 * record; others are accepted.
 *
 * @param seq the position in the run's timeline, assigned by the store (0 before)
 * @param time when it happened
 * @param type what happened, such as {@code step_dispatched}
 * @param runId the run
 * @param workflowId the workflow
 * @param stepId the step or fan-out child, if any
 * @param jobId the job, if any
 * @param status the status the event led to, if any
 * @param resultPtr a job's result pointer, if any
 * @param message a human-readable message
 * @param data extra data (a JSON object)
 */
public record TimelineEvent(
    long seq,
    @Nullable Instant time,
    String type,
    String runId,
    String workflowId,
    String stepId,
    String jobId,
    String status,
    String resultPtr,
    String message,
    Map<String, Object> data) {

  /** The run was created. */
  public static final String RUN_CREATED = "run_created";

  /** The run's status changed ({@code status} is the new one). */
  public static final String RUN_STATUS = "run_status";

  /** A job was dispatched for a step or child. */
  public static final String STEP_DISPATCHED = "step_dispatched";

  /** A step's job could not be dispatched. */
  public static final String STEP_DISPATCH_FAILED = "step_dispatch_failed";

  /** A step's job finished and the step is terminal. */
  public static final String STEP_COMPLETED = "step_completed";

  /**
   * A step attempt failed and a retry is scheduled ({@code data.retry_at}, {@code data.attempt}).
   */
  public static final String STEP_RETRY_SCHEDULED = "step_retry_scheduled";

  /** A step ran out of time. */
  public static final String STEP_TIMED_OUT = "step_timed_out";

  /** A step's output failed its schema. */
  public static final String STEP_OUTPUT_INVALID = "step_output_invalid";

  /** A false gate skipped a step. */
  public static final String STEP_SKIPPED = "step_skipped";

  /** An approval was requested ({@code data.approval_id}). */
  public static final String STEP_WAITING = "step_waiting";

  /** An approval was granted ({@code data.by}, {@code data.reason}). */
  public static final String STEP_APPROVED = "step_approved";

  /** An approval was refused ({@code data.by}, {@code data.reason}). */
  public static final String STEP_REJECTED = "step_rejected";

  /** A condition was evaluated ({@code data.value}). */
  public static final String STEP_CONDITION_EVALUATED = "step_condition_evaluated";

  /** A condition could not be evaluated. */
  public static final String STEP_CONDITION_FAILED = "step_condition_failed";

  /** A delay started ({@code data.delay_ms}). */
  public static final String STEP_DELAY_STARTED = "step_delay_started";

  /** A delay ended. */
  public static final String STEP_DELAY_COMPLETED = "step_delay_completed";

  /** A delay was misconfigured. */
  public static final String STEP_DELAY_FAILED = "step_delay_failed";

  /** A notify step published its alert ({@code data.payload}). */
  public static final String STEP_EVENT_EMITTED = "step_event_emitted";

  /** A notify step failed. */
  public static final String STEP_EVENT_FAILED = "step_event_failed";

  /** A fan-out parent finished ({@code data.children}). */
  public static final String STEP_FANOUT_COMPLETED = "step_fanout_completed";

  /** A subworkflow step started its child run ({@code data.child_run_id}). */
  public static final String STEP_CHILD_STARTED = "step_child_started";

  /** A step was cancelled. */
  public static final String STEP_CANCELLED = "step_cancelled";

  /** Turns nulls into empty values and freezes the data. */
  public TimelineEvent {
    type = JsonTrees.str(type);
    runId = JsonTrees.str(runId);
    workflowId = JsonTrees.str(workflowId);
    stepId = JsonTrees.str(stepId);
    jobId = JsonTrees.str(jobId);
    status = JsonTrees.str(status);
    resultPtr = JsonTrees.str(resultPtr);
    message = JsonTrees.str(message);
    data = JsonTrees.freezeMap(data);
  }

  /** An event of a type for a run, with nothing else set. */
  public static TimelineEvent of(String type, String runId) {
    return new TimelineEvent(0, null, type, runId, "", "", "", "", "", "", Map.of());
  }

  /** A copy with the sequence number and time the store assigned. */
  public TimelineEvent stored(long newSeq, Instant at) {
    return new TimelineEvent(
        newSeq,
        time == null ? at : time,
        type,
        runId,
        workflowId,
        stepId,
        jobId,
        status,
        resultPtr,
        message,
        data);
  }

  /** A copy for another step. */
  public TimelineEvent withStep(String v) {
    return new TimelineEvent(
        seq, time, type, runId, workflowId, v, jobId, status, resultPtr, message, data);
  }

  /** A copy with a job id. */
  public TimelineEvent withJob(String v) {
    return new TimelineEvent(
        seq, time, type, runId, workflowId, stepId, v, status, resultPtr, message, data);
  }

  /** A copy with a status. */
  public TimelineEvent withStatus(String v) {
    return new TimelineEvent(
        seq, time, type, runId, workflowId, stepId, jobId, v, resultPtr, message, data);
  }

  /** A copy with a message. */
  public TimelineEvent withMessage(String v) {
    return new TimelineEvent(
        seq, time, type, runId, workflowId, stepId, jobId, status, resultPtr, v, data);
  }

  /** A copy with a result pointer. */
  public TimelineEvent withResultPtr(String v) {
    return new TimelineEvent(
        seq, time, type, runId, workflowId, stepId, jobId, status, v, message, data);
  }

  /** A copy with data. */
  public TimelineEvent withData(Map<String, ?> v) {
    return new TimelineEvent(
        seq,
        time,
        type,
        runId,
        workflowId,
        stepId,
        jobId,
        status,
        resultPtr,
        message,
        JsonTrees.freezeMap(v));
  }

  /** A copy with a time and workflow id. */
  public TimelineEvent at(Instant t, String wf) {
    return new TimelineEvent(
        seq, t, type, runId, wf, stepId, jobId, status, resultPtr, message, data);
  }
}
