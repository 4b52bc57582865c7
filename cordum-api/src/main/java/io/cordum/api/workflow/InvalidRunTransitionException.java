package io.cordum.api.workflow;

import io.cordum.api.CordumException;

/**
 * A run or step status change that the status machine ({@link RunStatus}, {@link StepStatus}) does
 * not allow, such as cancelling a run that already succeeded. Nothing was written.
 */
public final class InvalidRunTransitionException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the record and the two statuses. */
  public InvalidRunTransitionException(String what, String from, String to) {
    super(
        "invalid_transition",
        "invalid transition " + from + " -> " + to + " for " + what,
        false,
        null);
  }
}
