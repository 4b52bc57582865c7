package io.cordum.gateway.route;

import io.cordum.gateway.auth.Principal;
import org.jspecify.annotations.Nullable;

/**
 * One request as a route handler sees it: already authenticated, authorized for the route's
 * permission, rate-limited, and with its body read within the route's limit.
 *
 * <p>Tenant rules live here so that handlers cannot get them wrong: {@link #tenant} resolves a
 * tenant the request names (blank: the caller's own; one the caller may not use: 403), and {@link
 * #checkTenant} guards an object's tenant (another tenant's object: 404, as if absent).
 */
public interface Call {

  /** The HTTP method ({@code HEAD} is served by {@code GET} routes). */
  String method();

  /** The request path, still percent-encoded. */
  String path();

  /** The route pattern that matched, such as {@code /api/v1/jobs/{id}}. */
  String route();

  /** The request id (echoed from {@code X-Request-Id} or generated), also in the log lines. */
  String requestId();

  /** A path parameter of the route, percent-decoded ({@code %2F} becomes {@code /}). */
  String pathParam(String name);

  /** A query parameter, or {@code null} when absent. */
  @Nullable String query(String name);

  /** A query parameter, or the default when absent or blank. */
  String query(String name, String defaultValue);

  /** Whether a query parameter is one of {@code 1, true, yes, y, on} (case-insensitive). */
  boolean queryFlag(String name);

  /**
   * The {@code limit} query parameter: the default when absent or blank, at most {@code max}.
   *
   * @throws ApiError 400 when it is not a positive integer
   */
  int limit(int defaultLimit, int max);

  /** A request header, or {@code null}. */
  @Nullable String header(String name);

  /** The body bytes (empty when there is none). */
  byte[] body();

  /**
   * The body as a JSON object.
   *
   * @param emptyAllowed whether an empty body counts as {@code {}} (else 400)
   * @throws ApiError 400 {@code invalid_json} when the body is not a JSON object
   */
  JsonBody json(boolean emptyAllowed);

  /** The authenticated caller. */
  Principal principal();

  /**
   * The tenant a request works in.
   *
   * @param requested the tenant the request names, or blank/{@code null} for the caller's own
   * @throws ApiError 403 {@code tenant_access_denied} when the caller may not use it
   */
  String tenant(@Nullable String requested);

  /**
   * Checks that the caller may access an object of the given tenant (blank always passes).
   *
   * @throws ApiError 404 {@code not_found} otherwise: another tenant's object must look absent, so
   *     that ids can not be probed (prefer {@link #checkTenant(String, ApiError)} with the route's
   *     own not-found error)
   */
  void checkTenant(@Nullable String tenant);

  /**
   * Checks that the caller may access an object of the given tenant (blank always passes).
   *
   * @param hidden the error to throw otherwise: the route's own answer for an absent object, so
   *     that another tenant's object and a missing one can not be told apart
   */
  default void checkTenant(@Nullable String tenant, ApiError hidden) {
    if (!canSee(tenant)) {
      throw hidden;
    }
  }

  /** Whether the caller may see objects of the tenant (for filtering listings). */
  boolean canSee(@Nullable String tenant);

  /**
   * The principal a request may act for.
   *
   * @param requested the principal the request names, or blank for the caller's own
   * @throws ApiError 403 {@code principal_access_denied} when the caller may not act for it
   */
  String actingPrincipal(@Nullable String requested);
}
