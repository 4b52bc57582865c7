package io.cordum.gateway.route;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error a route handler answers with: an HTTP status, a stable machine-readable code and a short
 * message for the client. The gateway writes it as plain text ({@code message\n}, as Cordum's
 * clients expect) or, when the client's {@code Accept} asks for {@code application/problem+json},
 * as an RFC 9457 problem document; the code is also in the {@code X-Cordum-Error-Code} header
 * either way.
 *
 * <p>The message must be the gateway's own words: never put backend exception text in it.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient Map<String, String> headers;

  /**
   * Creates an error.
   *
   * @param status the HTTP status
   * @param code the stable code (snake_case), such as {@code job_not_found}
   * @param message the message for the client
   */
  public ApiError(int status, String code, String message) {
    this(status, code, message, Map.of(), null);
  }

  private ApiError(
      int status,
      String code,
      String message,
      Map<String, String> headers,
      @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, was " + status);
    }
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.headers = Map.copyOf(headers);
  }

  /** The message for the client: never null (every constructor requires one). */
  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  /** The same error with an extra response header (such as {@code Retry-After}). */
  public ApiError withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiError(status, code, getMessage(), h, getCause());
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable code. */
  public String code() {
    return code;
  }

  /** Extra response headers. */
  public Map<String, String> headers() {
    return headers;
  }

  /** 400 with the given code. */
  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  /** 400 {@code invalid_json}. */
  public static ApiError invalidJson(String message) {
    return new ApiError(400, ErrorCodes.INVALID_JSON, message);
  }

  /** 403 with the given code. */
  public static ApiError forbidden(String code, String message) {
    return new ApiError(403, code, message);
  }

  /** 403 {@code tenant_access_denied}, Cordum's text. */
  public static ApiError tenantDenied() {
    return new ApiError(403, ErrorCodes.TENANT_ACCESS_DENIED, "tenant access denied");
  }

  /** 404 with the given code. */
  public static ApiError notFound(String code, String message) {
    return new ApiError(404, code, message);
  }

  /** 409 with the given code. */
  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  /** 503 with the given code. */
  public static ApiError unavailable(String code, String message) {
    return new ApiError(503, code, message);
  }
}
