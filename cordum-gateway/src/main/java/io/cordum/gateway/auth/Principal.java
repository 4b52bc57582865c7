package io.cordum.gateway.auth;

import java.util.Map;
import java.util.Objects;

/**
 * Who is calling, as established by an {@link AuthProvider} from the request's credentials. Route
 * handlers take the tenant and the principal from here, never from the request body or headers.
 *
 * @param id the principal recorded as actor (approvals, audit entries, submitted jobs)
 * @param tenant the tenant the caller works in
 * @param role the caller's role ({@code admin} for every key of the single-tenant provider)
 * @param keyId a non-secret id of the credential used, for logs and rate limits (never the key)
 * @param crossTenant whether the caller may work in tenants other than its own
 * @param attributes provider-specific extra facts (never secrets), such as key scopes
 */
public record Principal(
    String id,
    String tenant,
    String role,
    String keyId,
    boolean crossTenant,
    Map<String, String> attributes) {

  /** Checks the values and copies the attributes. */
  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(keyId, "keyId");
    attributes = Map.copyOf(attributes);
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("tenant must not be blank");
    }
  }

  /** A principal without attributes. */
  public static Principal of(String id, String tenant, String role, String keyId) {
    return new Principal(id, tenant, role, keyId, false, Map.of());
  }
}
