package io.cordum.gateway.route;

/**
 * The stable error codes of the gateway, shared by every route. A route may use a more specific
 * code of its own (such as {@code job_not_found}); these are the generic ones.
 */
public final class ErrorCodes {
  /** The body is not valid JSON, or a field has the wrong type. */
  public static final String INVALID_JSON = "invalid_json";

  /** A field or parameter breaks a rule; the message names it. */
  public static final String INVALID_ARGUMENT = "invalid_argument";

  /** The path has empty, {@code .} or {@code ..} segments, or bad percent-encoding. */
  public static final String INVALID_PATH = "invalid_path";

  /** No or a wrong API key. */
  public static final String UNAUTHORIZED = "unauthorized";

  /** The key may not do what the route needs. */
  public static final String PERMISSION_DENIED = "permission_denied";

  /** The request names a tenant the key may not work in. */
  public static final String TENANT_ACCESS_DENIED = "tenant_access_denied";

  /** The request names a principal the key may not act for. */
  public static final String PRINCIPAL_ACCESS_DENIED = "principal_access_denied";

  /** The browser origin is not in the allowlist. */
  public static final String ORIGIN_NOT_ALLOWED = "origin_not_allowed";

  /** No route has this path. */
  public static final String ROUTE_NOT_FOUND = "route_not_found";

  /** The path exists but not with this method ({@code Allow} lists the methods). */
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

  /** An object the request names does not exist. */
  public static final String NOT_FOUND = "not_found";

  /** The object changed or is in a state that does not allow the request. */
  public static final String CONFLICT = "conflict";

  /** The body is larger than the route allows. */
  public static final String BODY_TOO_LARGE = "body_too_large";

  /** The key sent too many requests; {@code Retry-After} says when to try again. */
  public static final String RATE_LIMITED = "rate_limited";

  /** The body was not received in time. */
  public static final String REQUEST_TIMEOUT = "request_timeout";

  /** The request needs a WebSocket upgrade. */
  public static final String UPGRADE_REQUIRED = "upgrade_required";

  /** A store or the bus did not answer; trying again later may work. */
  public static final String BACKEND_UNAVAILABLE = "backend_unavailable";

  /** Something failed inside the gateway; the request id is in the message and the log. */
  public static final String INTERNAL = "internal_error";

  /** The feature is not served by this gateway. */
  public static final String NOT_IMPLEMENTED = "not_implemented";

  private ErrorCodes() {}
}
