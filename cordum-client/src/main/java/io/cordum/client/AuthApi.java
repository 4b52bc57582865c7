package io.cordum.client;

import io.cordum.client.model.ApiKeyInfo;
import io.cordum.client.model.AuditEvent;
import io.cordum.client.model.CreatedApiKey;
import io.cordum.client.model.NewApiKey;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Who the caller is, the gateway's API keys ({@code /api/v1/auth/keys}, served when the gateway
 * runs the key-store provider, {@code CORDUM_AUTH_PROVIDER=key-store}) and its audit log.
 */
public final class AuthApi {
  private final Transport t;

  AuthApi(Transport t) {
    this.t = t;
  }

  /**
   * The caller: {@code principal}, {@code tenant}, {@code role}, {@code key_id}, {@code
   * cross_tenant} and the {@code permissions} its key grants.
   */
  public Map<String, Object> whoami() {
    return t.json.convertValue(
        t.req("GET", "/api/v1/auth/whoami").fetch(JsonNode.class),
        t.json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }

  /**
   * Makes a key. The token in the answer is shown this once; the gateway keeps only a hash.
   *
   * @throws BadRequestException naming the field when the request is invalid
   * @throws AuthException (403) when the caller may not manage keys, names a tenant it may not use,
   *     or asks for more permissions than it has
   */
  public CreatedApiKey create(NewApiKey key) {
    return t.req("POST", "/api/v1/auth/keys").json(key).fetch(CreatedApiKey.class);
  }

  /** The keys of the caller's tenant (a cross-tenant key: every tenant, or {@code tenant}). */
  public List<ApiKeyInfo> list(@Nullable String tenant) {
    JsonNode r = t.req("GET", "/api/v1/auth/keys").query("tenant", tenant).fetch(JsonNode.class);
    return r.path("items")
        .valueStream()
        .map(n -> t.json.convertValue(n, ApiKeyInfo.class))
        .toList();
  }

  /**
   * One key.
   *
   * @throws NotFoundException when there is none the caller may see
   */
  public ApiKeyInfo get(String id) {
    return t.req("GET", PathSegments.of("/api/v1/auth/keys", id)).fetch(ApiKeyInfo.class);
  }

  /**
   * Revokes a key: it fails at once on every replica. Idempotent.
   *
   * @throws NotFoundException when there is none the caller may see
   */
  public ApiKeyInfo revoke(String id) {
    return t.req("DELETE", PathSegments.of("/api/v1/auth/keys", id)).fetch(ApiKeyInfo.class);
  }

  /**
   * Replaces a key's secret: the old token fails at once; the new one is in the answer, shown this
   * once.
   *
   * @throws NotFoundException when there is none the caller may see
   * @throws ConflictException when the key is revoked
   */
  public CreatedApiKey rotate(String id) {
    return t.req("POST", PathSegments.of("/api/v1/auth/keys", id, "/rotate"))
        .fetch(CreatedApiKey.class);
  }

  /**
   * Recent audit events, newest first.
   *
   * @param tenant only this tenant's, or {@code null}
   * @param principal only this principal's, or {@code null}
   * @param outcome {@code ok}, {@code unauthenticated}, {@code denied}, {@code failed} or {@code
   *     null}
   * @param limit at most this many (0: the default, 100)
   */
  public List<AuditEvent> audit(
      @Nullable String tenant, @Nullable String principal, @Nullable String outcome, int limit) {
    JsonNode r =
        t.req("GET", "/api/v1/auth/audit")
            .query("tenant", tenant)
            .query("principal", principal)
            .query("outcome", outcome)
            .query("limit", limit)
            .fetch(JsonNode.class);
    return r.path("items")
        .valueStream()
        .map(n -> t.json.convertValue(n, AuditEvent.class))
        .toList();
  }
}
