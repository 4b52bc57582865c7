package io.cordum.api;

import io.cordum.api.job.JobState;
import org.jspecify.annotations.Nullable;

/**
 * A state change that the job state machine does not allow, such as {@code DISPATCHED -> SCHEDULED}
 * or any change out of a terminal state. Nothing was written.
 */
public final class InvalidTransitionException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final String jobId;
  private final @Nullable JobState from;
  private final JobState to;

  /**
   * Creates the exception.
   *
   * @param jobId the job whose state was to change
   * @param from the current state, or {@code null} when the job has no state yet
   * @param to the requested state
   */
  public InvalidTransitionException(String jobId, @Nullable JobState from, JobState to) {
    super(
        "invalid_transition",
        "invalid transition "
            + (from == null ? "\"\"" : from.name())
            + " -> "
            + to.name()
            + " for job "
            + jobId,
        false,
        null);
    this.jobId = jobId;
    this.from = from;
    this.to = to;
  }

  /** The job whose state was to change. */
  public String jobId() {
    return jobId;
  }

  /** The state the job was in, or {@code null} when it had none. */
  public @Nullable JobState from() {
    return from;
  }

  /** The state that was requested. */
  public JobState to() {
    return to;
  }
}
