package io.cordum.client;

import org.jspecify.annotations.Nullable;

/** What the request names does not exist (404). */
public class NotFoundException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception (see {@link CordumClientException}). */
  public NotFoundException(
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
