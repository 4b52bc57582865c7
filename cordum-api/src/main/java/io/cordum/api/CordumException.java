package io.cordum.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Cordum throws. Failures carry data, not only a message: {@link
 * #type()} is a stable, machine-readable code and {@link #retryable()} says whether trying the same
 * operation again later may succeed.
 */
public class CordumException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final boolean retryable;

  /**
   * Creates an exception.
   *
   * @param type a stable machine-readable code, such as {@code backend_unavailable}
   * @param message a message that says what happened and, where possible, what to do
   * @param retryable whether the same operation may succeed when tried again later
   * @param cause the underlying cause, if any
   */
  public CordumException(
      String type, String message, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.type = type;
    this.retryable = retryable;
  }

  /** Creates a non-retryable exception with the given type and message. */
  public CordumException(String type, String message) {
    this(type, message, false, null);
  }

  /**
   * The message. Never null: every constructor takes one (a caller outside null-checked code that
   * passed null gets the empty string).
   */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? "" : message;
  }

  /** A stable machine-readable code, such as {@code invalid_transition} or {@code not_found}. */
  public String type() {
    return type;
  }

  /** Whether the same operation may succeed when it is tried again later. */
  public boolean retryable() {
    return retryable;
  }
}
