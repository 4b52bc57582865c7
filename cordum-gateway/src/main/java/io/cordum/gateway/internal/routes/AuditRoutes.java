package io.cordum.gateway.internal.routes;

import io.cordum.api.audit.AuditEntry;
import io.cordum.api.audit.AuditStore;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/auth/audit}: the recent audit entries of the control plane's {@link
 * AuditStore} (every replica's, on Redis), newest first. A caller sees its own tenant's entries; a
 * cross-tenant key sees every entry, the failed authentications (which have no tenant) included.
 */
public final class AuditRoutes implements RouteGroup {
  /** The route's path. */
  public static final String PATH = "/api/v1/auth/audit";

  private final AuditStore store;

  /** The route over the control plane's audit store. */
  public AuditRoutes(AuditStore store) {
    this.store = store;
  }

  @Override
  public void register(Routes r) {
    r.get(PATH)
        .permission(Permission.AUDIT_READ)
        .tag("auth")
        .summary(
            "Recent authentication failures, denials and state-changing calls, newest "
                + "first (the audit store keeps the last 10 000 overall and per tenant)")
        .query("tenant", "only this tenant's events")
        .query("principal", "only this principal's events")
        .query("outcome", "ok, unauthenticated, denied or failed")
        .query("limit", "integer", "at most this many (default 100)")
        .ok("AuditList")
        .errors(400)
        .handle(this::list);
  }

  private Object list(Call c) {
    int limit = c.limit(100, 10_000);
    String tenantParam = c.query("tenant", "");
    String tenant =
        tenantParam.isEmpty() && c.principal().crossTenant() ? null : c.tenant(tenantParam);
    String principal = c.query("principal", "");
    String outcome = c.query("outcome", "");
    Predicate<AuditEntry> f =
        e ->
            (principal.isEmpty() || principal.equals(e.principal()))
                && (outcome.isEmpty() || outcome.equals(e.outcome()));
    List<Map<String, Object>> items =
        store.query(tenant, f, limit).stream().map(AuditRoutes::view).toList();
    return Map.of("items", items);
  }

  private static Map<String, Object> view(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Json.time(e.time()));
    m.put("request_id", e.requestId());
    m.put("method", e.method());
    m.put("route", e.route());
    m.put("path", e.path());
    m.put("status", e.status());
    m.put("outcome", e.outcome());
    m.put("reason", e.reason());
    m.put("tenant", e.tenant());
    m.put("principal", e.principal());
    m.put("role", e.role());
    m.put("key_id", e.keyId());
    m.put("remote_addr", e.remoteAddress());
    m.put("user_agent", e.userAgent());
    return m;
  }
}
