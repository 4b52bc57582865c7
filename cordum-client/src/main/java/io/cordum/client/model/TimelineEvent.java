package io.cordum.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a run's append-only timeline.
 *
 * @param time when
 * @param type what happened, such as {@code step_started}
 * @param runId the run
 * @param workflowId the workflow
 * @param stepId the step, or {@code ""}
 * @param jobId the job, or {@code ""}
 * @param status the status it led to, or {@code ""}
 * @param resultPtr a result pointer, or {@code ""}
 * @param message a message, or {@code ""}
 * @param data more detail
 * @param seq its position in the timeline
 */
public record TimelineEvent(
    @Nullable Instant time,
    String type,
    String runId,
    String workflowId,
    String stepId,
    String jobId,
    String status,
    String resultPtr,
    String message,
    Map<String, Object> data,
    long seq) {
  /** Normalizes nulls. */
  public TimelineEvent {
    type = Norm.s(type);
    runId = Norm.s(runId);
    workflowId = Norm.s(workflowId);
    stepId = Norm.s(stepId);
    jobId = Norm.s(jobId);
    status = Norm.s(status);
    resultPtr = Norm.s(resultPtr);
    message = Norm.s(message);
    data = Norm.map(data);
  }
}
