package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * The gateway did not accept the key (401) or the key may not do this (403). {@link
 * #unauthenticated()} tells them apart.
 */
public class AuthException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception (see {@link CordumClientException}). */
  public AuthException(
      int status,
      String errorCode,
      String detail,
      String requestId,
      String method,
      String path,
      @Nullable Throwable cause) {
    super(status, errorCode, detail, requestId, method, path, cause);
  }

  /** Whether the key was missing or wrong (401), rather than lacking a permission (403). */
  public boolean unauthenticated() {
    return status() == 401;
  }
}
