package io.cordum.api;

/** The named record (job, pointer, worker, ...) does not exist or has expired. */
public final class NotFoundException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names what was looked up. */
  public NotFoundException(String message) {
    super("not_found", message, false, null);
  }
}
