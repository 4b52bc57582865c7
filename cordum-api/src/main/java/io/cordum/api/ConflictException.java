package io.cordum.api;

/**
 * A compare-and-set write found the record changed since it was read (another writer won). Nothing
 * was written; re-read and decide again.
 */
public final class ConflictException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the record and the expectation that failed. */
  public ConflictException(String message) {
    super("conflict", message, true, null);
  }
}
