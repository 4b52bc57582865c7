package io.cordum.client;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure of the client. A subclass says what kind of failure it is; the fields
 * say what the gateway answered: the HTTP {@link #status()} (0 when no answer arrived), the stable
 * {@link #errorCode()} from {@code X-Cordum-Error-Code} (such as {@code job_not_found}), the
 * gateway's message and the {@link #requestId()} that its log lines carry.
 */
public class CordumClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;
  private final String detail;
  private final String requestId;
  private final String method;
  private final String path;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status, or 0 when the request got no answer
   * @param errorCode the gateway's error code, or {@code ""}
   * @param detail the gateway's message (or the transport's), without the status
   * @param requestId the request id, or {@code ""}
   * @param method the request's method
   * @param path the request's path
   * @param cause the cause, or {@code null}
   */
  public CordumClientException(
      int status,
      String errorCode,
      String detail,
      String requestId,
      String method,
      String path,
      @Nullable Throwable cause) {
    super(message(status, errorCode, detail, requestId, method, path), cause);
    this.status = status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.requestId = requestId;
    this.method = method;
    this.path = path;
  }

  private static String message(
      int status, String code, String detail, String requestId, String method, String path) {
    StringBuilder b = new StringBuilder(detail.isBlank() ? "request failed" : detail);
    b.append(" (");
    if (status > 0) {
      b.append(status);
      if (!code.isEmpty()) {
        b.append(' ').append(code);
      }
      b.append(", ");
    }
    b.append(method).append(' ').append(path);
    if (!requestId.isEmpty()) {
      b.append(", request id ").append(requestId);
    }
    return b.append(')').toString();
  }

  /** The HTTP status, or 0 when the request got no answer (see {@link TransportException}). */
  public int status() {
    return status;
  }

  /** The gateway's stable error code ({@code X-Cordum-Error-Code}), or {@code ""}. */
  public String errorCode() {
    return errorCode;
  }

  /** The gateway's message alone (the exception's message adds status, route and request id). */
  public String detail() {
    return detail;
  }

  /** The request id the gateway logged the request under, or {@code ""}. */
  public String requestId() {
    return requestId;
  }

  /** The request's HTTP method. */
  public String method() {
    return method;
  }

  /** The request's path (percent-encoded, without the query). */
  public String path() {
    return path;
  }

  /** Whether trying again later may succeed (rate limits, unavailable backends, transport). */
  public boolean retryable() {
    return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
  }
}
