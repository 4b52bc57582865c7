package io.cordum.api.workflow;

/**
 * Why a step or a run failed.
 *
 * @param code a stable machine-readable code, such as {@code job_failed} or {@code rejected}
 * @param message a human-readable explanation
 * @param stepId for a run error, the step that caused it; empty otherwise
 */
public record WorkflowError(String code, String message, String stepId) {
  /** Turns nulls into empty strings. */
  public WorkflowError {
    code = JsonTrees.str(code);
    message = JsonTrees.str(message);
    stepId = JsonTrees.str(stepId);
  }

  /** An error with a code and a message. */
  public static WorkflowError of(String code, String message) {
    return new WorkflowError(code, message, "");
  }
}
