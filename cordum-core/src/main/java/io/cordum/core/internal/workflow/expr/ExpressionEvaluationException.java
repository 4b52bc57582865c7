package io.cordum.core.internal.workflow.expr;

import io.cordum.api.CordumException;

/**
 * A parsed expression produced a value of a type its caller cannot use, such as an object where a
 * {@code for_each} list was required. Missing data is never an evaluation error: a path that does
 * not resolve evaluates to {@code null}. The {@link #type()} is {@code
 * expression_evaluation_failed}; the failure is not retryable with the same data.
 */
public class ExpressionEvaluationException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** The {@link #type()} of every evaluation failure. */
  public static final String TYPE = "expression_evaluation_failed";

  private final String source;

  /**
   * Creates the exception.
   *
   * @param source the expression that was evaluated
   * @param message what went wrong, and what was expected
   */
  public ExpressionEvaluationException(String source, String message) {
    super(TYPE, message + " (expression \"" + source + "\")");
    this.source = source;
  }

  /** The expression that was evaluated. */
  public String source() {
    return source;
  }
}
