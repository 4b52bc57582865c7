package io.cordum.worker;

/**
 * Thrown by a handler to fail its job with an error code of its choosing, reported in the result's
 * {@code error_code} (and in the dead-letter record).
 */
public class JobFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  /** Fails the job with a code and a message. */
  public JobFailedException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Fails the job with a code, a message and a cause. */
  public JobFailedException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The error code. */
  public String code() {
    return code;
  }
}
