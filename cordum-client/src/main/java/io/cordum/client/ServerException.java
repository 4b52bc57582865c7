package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * The gateway or a backend behind it failed (5xx). Backend outages are 503 and retryable; the
 * request id finds the gateway's log line.
 */
public class ServerException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception (see {@link CordumClientException}). */
  public ServerException(
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
