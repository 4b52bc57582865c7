package io.cordum.client.model;

/**
 * The answer to a cancel: the job's state after it. A job that had already ended keeps its state,
 * and {@code reason} says so ({@code job already terminal}).
 *
 * @param id the job id
 * @param state its state now
 * @param reason why it was not cancelled, or {@code ""}
 */
public record CancelResult(String id, JobState state, String reason) {
  /** Normalizes nulls. */
  public CancelResult {
    id = Norm.s(id);
    state = state == null ? JobState.UNKNOWN : state;
    reason = Norm.s(reason);
  }

  /** Whether this call cancelled the job. */
  public boolean cancelled() {
    return state == JobState.CANCELLED && reason.isEmpty();
  }
}
