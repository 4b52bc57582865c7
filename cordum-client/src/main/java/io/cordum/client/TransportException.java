package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * No answer arrived: the gateway could not be reached, the connection broke, or the request timed
 * out ({@link #timedOut()}). {@link #status()} is 0.
 */
public class TransportException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  private final boolean timedOut;

  /** Creates the exception. */
  public TransportException(
      String detail,
      String requestId,
      String method,
      String path,
      boolean timedOut,
      @Nullable Throwable cause) {
    super(0, "", detail, requestId, method, path, cause);
    this.timedOut = timedOut;
  }

  /** Whether the request (or connecting) took longer than the client's timeout. */
  public boolean timedOut() {
    return timedOut;
  }
}
