package io.cordum.api;

import org.jspecify.annotations.Nullable;

/**
 * A backend (Redis, NATS, ...) could not be reached or failed. Always retryable: the operation may
 * succeed once the backend is back.
 */
public final class BackendException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the backend and the operation. */
  public BackendException(String message, @Nullable Throwable cause) {
    super("backend_unavailable", message, true, cause);
  }
}
