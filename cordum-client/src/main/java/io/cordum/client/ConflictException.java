package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * The object is in a state that does not allow the request, or changed meanwhile (409), such as
 * approving a job that no longer waits for approval.
 */
public class ConflictException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception (see {@link CordumClientException}). */
  public ConflictException(
      int status,
      String errorCode,
      String detail,
      String requestId,
      String method,
      String path,
      @Nullable Throwable cause) {
    super(status, errorCode, detail, requestId, method, path, cause);
  }
}
