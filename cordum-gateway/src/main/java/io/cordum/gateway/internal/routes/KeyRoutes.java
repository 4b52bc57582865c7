package io.cordum.gateway.internal.routes;

import io.cordum.api.ValidationException;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.api.config.GoDurations;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.auth.RoleTable;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Reply;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/auth/keys}: create (the token is answered once), list, get, revoke and rotate the
 * key store's API keys. Every route needs {@code keys.manage}; besides, a caller sees and touches
 * only keys of tenants it may access (others answer 404, so ids cannot be probed), and can neither
 * make nor change a key with a permission it lacks itself (no escalation).
 */
public final class KeyRoutes implements RouteGroup {
  /** The base path. */
  public static final String PATH = "/api/v1/auth/keys";

  private final KeyStoreAuthProvider keys;

  /** Routes over the provider's store and role table. */
  public KeyRoutes(KeyStoreAuthProvider keys) {
    this.keys = keys;
  }

  @Override
  public void register(Routes r) {
    r.post(PATH)
        .permission(Permission.KEYS_MANAGE)
        .tag("auth")
        .summary("Create an API key; its token is answered this once (only a hash is stored)")
        .body("ApiKeyCreate")
        .ok(201, "ApiKeyCreated")
        .errors(400)
        .handle(this::create);
    r.get(PATH)
        .permission(Permission.KEYS_MANAGE)
        .tag("auth")
        .summary("List the API keys of the caller's tenant (a cross-tenant key: every tenant)")
        .query("tenant", "only this tenant's keys")
        .ok("ApiKeyList")
        .handle(this::list);
    r.get(PATH + "/{id}")
        .permission(Permission.KEYS_MANAGE)
        .tag("auth")
        .summary("One API key (never its secret)")
        .path("id", "the key id")
        .ok("ApiKey")
        .errors(404)
        .handle(this::get);
    r.delete(PATH + "/{id}")
        .permission(Permission.KEYS_MANAGE)
        .tag("auth")
        .summary("Revoke an API key: it fails at once on every replica (idempotent)")
        .path("id", "the key id")
        .ok("ApiKey")
        .errors(404)
        .handle(this::revoke);
    r.post(PATH + "/{id}/rotate")
        .permission(Permission.KEYS_MANAGE)
        .tag("auth")
        .summary(
            "Replace a key's secret: the old token fails at once, the new one is answered "
                + "this once")
        .path("id", "the key id")
        .ok("ApiKeyCreated")
        .errors(404, 409)
        .handle(this::rotate);
  }

  private Object create(Call c) {
    JsonBody b = c.json(false);
    Principal caller = c.principal();
    String requestedTenant = b.string("tenant").trim();
    String tenant;
    if (requestedTenant.equals(KeyStoreAuthProvider.ANY_TENANT)) {
      if (!caller.crossTenant()) {
        throw ApiError.tenantDenied();
      }
      tenant = KeyStoreAuthProvider.ANY_TENANT;
    } else if (requestedTenant.isEmpty() && caller.crossTenant()) {
      tenant = caller.tenant();
    } else {
      tenant = c.tenant(requestedTenant);
    }
    RoleTable roles = keys.roles();
    String role = b.string("role").trim().toLowerCase(java.util.Locale.ROOT);
    if (roles.role(role).isEmpty()) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT,
          "role must be one of "
              + roles.roles().stream().map(RoleTable.Role::name).toList()
              + ", was '"
              + role
              + "'");
    }
    checkNoEscalation(caller, role, tenant.equals(KeyStoreAuthProvider.ANY_TENANT));
    Instant now = keys.clock().instant();
    @Nullable Instant expires = expiry(b, now);
    String id = ApiKeySecrets.newId();
    String principal = b.string("principal").trim();
    ApiKeySecrets.Token token = ApiKeySecrets.newToken(id);
    ApiKey key;
    try {
      key =
          keys.store()
              .create(
                  new ApiKey(
                      id,
                      tenant,
                      role,
                      principal.isEmpty() ? "key-" + id : principal,
                      b.string("name").trim(),
                      b.strings("scopes"),
                      ApiKeySecrets.hash(token.secret()),
                      now,
                      expires,
                      null,
                      null,
                      null));
    } catch (ValidationException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, e.getMessage());
    }
    return Reply.json(201, created(key, token, now));
  }

  private static @Nullable Instant expiry(JsonBody b, Instant now) {
    String at = b.string("expires_at").trim();
    String ttl = b.string("ttl").trim();
    if (!at.isEmpty() && !ttl.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "give expires_at or ttl, not both");
    }
    Instant expires = null;
    if (!at.isEmpty()) {
      try {
        expires = Instant.parse(at);
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest(
            ErrorCodes.INVALID_ARGUMENT,
            "expires_at must be an RFC 3339 time such as 2030-01-02T03:04:05Z");
      }
    } else if (!ttl.isEmpty()) {
      Duration d =
          GoDurations.parsePositive(ttl)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          ErrorCodes.INVALID_ARGUMENT,
                          "ttl must be a positive duration such as 720h"));
      expires = now.plus(d);
    }
    if (expires != null && !expires.isAfter(now)) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "expires_at must be in the future");
    }
    return expires;
  }

  /** A key may only hand out (or change keys holding) permissions its caller has. */
  private void checkNoEscalation(Principal caller, String role, boolean crossTenant) {
    Set<Permission> mine = keys.roles().permissions(caller.role(), caller.crossTenant());
    Set<Permission> theirs = keys.roles().permissions(role, crossTenant);
    if (!mine.containsAll(theirs) || crossTenant && !caller.crossTenant()) {
      throw ApiError.forbidden(
          ErrorCodes.PERMISSION_DENIED,
          "permission denied: a key can not grant permissions its creator lacks");
    }
  }

  private Object list(Call c) {
    Principal caller = c.principal();
    String requested = c.query("tenant", "");
    String tenant =
        caller.crossTenant() && requested.isEmpty()
            ? null
            : requested.equals(KeyStoreAuthProvider.ANY_TENANT) && caller.crossTenant()
                ? KeyStoreAuthProvider.ANY_TENANT
                : c.tenant(requested);
    Instant now = keys.clock().instant();
    List<Map<String, Object>> items =
        keys.store().list(tenant).stream()
            .filter(k -> visible(c, k))
            .map(k -> view(k, now))
            .toList();
    return Map.of("items", items);
  }

  private boolean visible(Call c, ApiKey k) {
    return k.tenant().equals(KeyStoreAuthProvider.ANY_TENANT)
        ? c.principal().crossTenant()
        : c.canSee(k.tenant());
  }

  /** The key, or 404 when it does not exist or belongs to a tenant the caller can not see. */
  private ApiKey find(Call c) {
    String id = c.pathParam("id");
    Optional<ApiKey> k = id.isBlank() ? Optional.empty() : keys.store().get(id.trim());
    if (k.isEmpty() || !visible(c, k.get())) {
      throw ApiError.notFound("api_key_not_found", "api key not found");
    }
    return k.get();
  }

  private Object get(Call c) {
    return view(find(c), keys.clock().instant());
  }

  private Object revoke(Call c) {
    ApiKey k = find(c);
    checkNoEscalation(c.principal(), k.role(), k.tenant().equals(KeyStoreAuthProvider.ANY_TENANT));
    Instant now = keys.clock().instant();
    ApiKey r =
        keys.store()
            .revoke(k.id(), now)
            .orElseThrow(() -> ApiError.notFound("api_key_not_found", "api key not found"));
    return view(r, now);
  }

  private Object rotate(Call c) {
    ApiKey k = find(c);
    checkNoEscalation(c.principal(), k.role(), k.tenant().equals(KeyStoreAuthProvider.ANY_TENANT));
    Instant now = keys.clock().instant();
    ApiKeySecrets.Token token = ApiKeySecrets.newToken(k.id());
    ApiKey r =
        keys.store()
            .rotate(k.id(), ApiKeySecrets.hash(token.secret()), now)
            .orElseThrow(() -> ApiError.notFound("api_key_not_found", "api key not found"));
    return created(r, token, now);
  }

  private static Map<String, Object> created(ApiKey k, ApiKeySecrets.Token token, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", view(k, now));
    m.put("token", token.value());
    return m;
  }

  /** The JSON view of a key: every field but the hash. */
  static Map<String, Object> view(ApiKey k, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("tenant", k.tenant());
    m.put("role", k.role());
    m.put("principal", k.principal());
    m.put("name", k.name());
    m.put("scopes", k.scopes());
    m.put("status", k.isRevoked() ? "revoked" : k.isExpired(now) ? "expired" : "active");
    m.put("created_at", Json.time(k.createdAt()));
    m.put("expires_at", Json.time(k.expiresAt()));
    m.put("last_used_at", Json.time(k.lastUsedAt()));
    m.put("revoked_at", Json.time(k.revokedAt()));
    m.put("rotated_at", Json.time(k.rotatedAt()));
    return m;
  }
}
