package io.cordum.api.trace;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One finished step of a job or a workflow run.
 *
 * @param kind what step it was
 * @param traceId the job's trace id (a workflow run's jobs carry the run id)
 * @param jobId the job, or {@code ""} for a workflow step that ran no job
 * @param runId the workflow run, or {@code ""}
 * @param stepId the workflow step, or {@code ""}
 * @param start when the step began
 * @param end when it ended (not before {@code start})
 * @param error whether it ended in an error (a failed result, a denial, a failed publish)
 * @param attributes details, such as {@code topic}, {@code decision}, {@code status}, {@code
 *     worker_id} or {@code subject}
 */
public record TraceSpan(
    Kind kind,
    String traceId,
    String jobId,
    String runId,
    String stepId,
    Instant start,
    Instant end,
    boolean error,
    Map<String, String> attributes) {

  /** Checks the values and copies the attributes. */
  public TraceSpan {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    attributes = Map.copyOf(attributes);
    if (end.isBefore(start)) {
      end = start;
    }
  }

  /** The traced steps, each with the span name exporters use. */
  public enum Kind {
    /** The control plane accepted a submitted job (stored it and began to schedule it). */
    SUBMIT("cordum.job.submit"),
    /** The safety gate decided on a job. */
    SAFETY_DECISION("cordum.job.safety_decision"),
    /** A job was published to a worker (or a pool). */
    DISPATCH("cordum.job.dispatch"),
    /** A worker's result was applied to a job. */
    RESULT("cordum.job.result"),
    /** A workflow step ended (succeeded, failed, skipped, cancelled, timed out). */
    WORKFLOW_STEP("cordum.workflow.step");

    private final String spanName;

    Kind(String spanName) {
      this.spanName = spanName;
    }

    /** The span name, such as {@code cordum.job.dispatch}. */
    public String spanName() {
      return spanName;
    }
  }
}
