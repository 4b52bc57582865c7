package io.cordum.gateway.internal;

import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Route;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The {@link Call} of one request. Not thread-safe; lives as long as the request. */
final class HttpCall implements Call {
  private final HttpServletRequest req;
  private final Route route;
  private final Map<String, String> params;
  private final String requestId;
  private final Principal principal;
  private final AuthProvider auth;
  private final byte[] body;
  private final int maxListLimit;
  private @Nullable Map<String, String> query;

  HttpCall(
      HttpServletRequest req,
      Route route,
      Map<String, String> params,
      String requestId,
      Principal principal,
      AuthProvider auth,
      byte[] body,
      int maxListLimit) {
    this.req = req;
    this.route = route;
    this.params = params;
    this.requestId = requestId;
    this.principal = principal;
    this.auth = auth;
    this.body = body;
    this.maxListLimit = maxListLimit;
  }

  @Override
  public String method() {
    return req.getMethod();
  }

  @Override
  public String path() {
    return req.getRequestURI();
  }

  @Override
  public String route() {
    return route.pattern();
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public String pathParam(String name) {
    String v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException("route " + route + " has no parameter " + name);
    }
    return v;
  }

  @Override
  public @Nullable String query(String name) {
    if (query == null) {
      query = QueryString.parse(req.getQueryString());
    }
    return query.get(name);
  }

  @Override
  public String query(String name, String defaultValue) {
    String v = query(name);
    return v == null || v.isBlank() ? defaultValue : v.trim();
  }

  @Override
  public boolean queryFlag(String name) {
    String v = query(name);
    return v != null
        && switch (v.trim().toLowerCase(Locale.ROOT)) {
          case "1", "true", "yes", "y", "on" -> true;
          default -> false;
        };
  }

  @Override
  public int limit(int defaultLimit, int max) {
    String v = query("limit");
    int cap = Math.min(max, maxListLimit);
    if (v == null || v.isBlank()) {
      return Math.min(defaultLimit, cap);
    }
    long n;
    try {
      n = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "limit must be a positive integer");
    }
    if (n < 1) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "limit must be a positive integer");
    }
    return (int) Math.min(n, cap);
  }

  @Override
  public @Nullable String header(String name) {
    return req.getHeader(name);
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public JsonBody json(boolean emptyAllowed) {
    return Json.object(body, emptyAllowed);
  }

  @Override
  public Principal principal() {
    return principal;
  }

  @Override
  public String tenant(@Nullable String requested) {
    String t = requested == null ? "" : requested.trim();
    if (t.isEmpty()) {
      return principal.tenant();
    }
    if (!auth.canAccessTenant(principal, t)) {
      throw ApiError.tenantDenied();
    }
    return t;
  }

  @Override
  public void checkTenant(@Nullable String tenant) {
    if (!canSee(tenant)) {
      throw ApiError.notFound(ErrorCodes.NOT_FOUND, "not found");
    }
  }

  @Override
  public boolean canSee(@Nullable String tenant) {
    return tenant == null || tenant.isBlank() || auth.canAccessTenant(principal, tenant.trim());
  }

  @Override
  public String actingPrincipal(@Nullable String requested) {
    try {
      return auth.resolvePrincipal(principal, requested == null ? "" : requested);
    } catch (SecurityException e) {
      throw ApiError.forbidden(ErrorCodes.PRINCIPAL_ACCESS_DENIED, "principal access denied");
    }
  }
}
