package io.cordum.client.model;

/**
 * Why a run or step failed.
 *
 * @param message what happened
 * @param code a reason code, or {@code ""}
 * @param stepId the step, or {@code ""}
 */
public record RunError(String message, String code, String stepId) {
  /** Normalizes nulls. */
  public RunError {
    message = Norm.s(message);
    code = Norm.s(code);
    stepId = Norm.s(stepId);
  }
}
