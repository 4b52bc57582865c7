package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * The gateway refused the request as malformed or breaking a rule: 400, 413, 415 or 422. The
 * message names the field and the rule.
 */
public class BadRequestException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception (see {@link CordumClientException}). */
  public BadRequestException(
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
