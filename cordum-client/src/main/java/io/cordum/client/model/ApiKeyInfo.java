package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the gateway's key store describes it ({@code GET /api/v1/auth/keys/{id}}): never
 * its secret.
 *
 * @param id the public id (the middle of the token {@code ck_<id>_<secret>})
 * @param tenant the tenant it works in; {@code *} for a cross-tenant key
 * @param role its role ({@code viewer}, {@code operator}, {@code secops}, {@code admin})
 * @param principal recorded as actor for what the key does
 * @param name a label for people
 * @param scopes optional extra words the key carries
 * @param status {@code active}, {@code expired} or {@code revoked}
 * @param createdAt when it was made
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when it last authenticated a request, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param rotatedAt when its secret was last replaced, or {@code null}
 */
public record ApiKeyInfo(
    String id,
    String tenant,
    String role,
    String principal,
    String name,
    List<String> scopes,
    String status,
    @Nullable Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt,
    @Nullable Instant rotatedAt) {
  /** Normalizes nulls. */
  public ApiKeyInfo {
    id = Norm.s(id);
    tenant = Norm.s(tenant);
    role = Norm.s(role);
    principal = Norm.s(principal);
    name = Norm.s(name);
    scopes = Norm.list(scopes);
    status = Norm.s(status);
  }

  /** Whether the key still authenticates. */
  @JsonIgnore
  public boolean isActive() {
    return status.equals("active");
  }
}
