package io.cordum.api;

/**
 * The component was closed (or is closing) and takes no more work. Not retryable on this instance:
 * a job it refused was not accepted, and a waiting future it completed with this exception belongs
 * to a job that may still finish elsewhere (another replica on the same stores, or this control
 * plane after a restart).
 */
public final class ClosedException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the component and what was refused. */
  public ClosedException(String message) {
    super("closed", message, false, null);
  }
}
