package io.cordum.gateway.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default provider: Cordum's open-source API keys, one tenant per process.
 *
 * <p>A request authenticates with a configured key in {@code X-API-Key} (or, on a WebSocket
 * upgrade, in the subprotocol). Every key works in the default tenant with role {@code admin} and
 * is granted every permission, as in Cordum's open-source gateway. Unlike it, the key is compared
 * in constant time, {@code X-Principal-Id}/{@code X-Principal-Role} headers grant and record
 * nothing, and the principal is the one the key entry names ({@code tenant:key:role:principal}),
 * else {@code api-key-N}.
 *
 * <p>Key entries that name a tenant other than the default one, or a role other than {@code admin},
 * are refused ({@link #refusedEntries}): this provider cannot honour them, and ignoring them would
 * make, say, a {@code viewer} key of tenant {@code acme} an admin of the default tenant. Per-key
 * tenants and roles need {@code CORDUM_AUTH_PROVIDER=key-store}.
 *
 * <p>With no key configured the provider is <em>open</em> ({@link #isOpen()}): every request passes
 * as principal {@code anonymous}. The gateway then listens on a loopback address only, unless auth
 * was switched off explicitly.
 */
public final class ApiKeyAuthProvider implements AuthProvider {
  /** The role every key of this provider has. */
  public static final String ROLE = "admin";

  private final ApiKeys keys;
  private final String tenant;

  /**
   * Creates the provider.
   *
   * @param keys the configured keys (none: open)
   * @param defaultTenant the single tenant every caller works in
   * @throws IllegalArgumentException if a key entry names another tenant or a role other than
   *     {@code admin} (see {@link #refusedEntries}); the message names {@code CORDUM_API_KEYS} and
   *     the entry's id, never a key
   */
  public ApiKeyAuthProvider(ApiKeys keys, String defaultTenant) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.tenant = Objects.requireNonNull(defaultTenant, "defaultTenant").trim();
    if (tenant.isEmpty()) {
      throw new IllegalArgumentException("defaultTenant must not be blank");
    }
    List<String> refused = refusedEntries(keys, tenant);
    if (!refused.isEmpty()) {
      throw new IllegalArgumentException("CORDUM_API_KEYS: " + String.join("; ", refused));
    }
  }

  /**
   * Why this provider cannot serve some key entries: one rule per entry that names a tenant other
   * than {@code defaultTenant} (including {@code *}) or a role other than {@code admin} (any case).
   * Such an entry would otherwise be an admin of the default tenant, silently. An entry naming the
   * default tenant, role {@code admin}, or neither, is fine; its principal is honoured. Empty when
   * every entry is fine. The texts name entries by id, never by key.
   */
  public static List<String> refusedEntries(ApiKeys keys, String defaultTenant) {
    List<String> out = new ArrayList<>();
    String t = defaultTenant.trim();
    for (ApiKeys.Entry e : keys.entries()) {
      boolean otherTenant = !e.tenant().isEmpty() && !e.tenant().equals(t);
      boolean otherRole = !e.role().isEmpty() && !e.role().equalsIgnoreCase(ROLE);
      if (!otherTenant && !otherRole) {
        continue;
      }
      String named =
          otherTenant && otherRole
              ? "tenant '" + e.tenant() + "' and role '" + e.role() + "'"
              : otherTenant ? "tenant '" + e.tenant() + "'" : "role '" + e.role() + "'";
      out.add(
          "entry "
              + e.id()
              + " names "
              + named
              + ", but the default auth provider"
              + " (CORDUM_AUTH_PROVIDER=api-keys) makes every key an admin of tenant '"
              + t
              + "' (TENANT_ID) and cannot honour it; set CORDUM_AUTH_PROVIDER=key-store for"
              + " per-key tenants and roles, or drop the tenant and role from the entry");
    }
    return out;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    if (keys.isEmpty()) {
      return Optional.of(
          new Principal(
              "anonymous",
              tenant,
              ROLE,
              "anonymous@" + request.remoteAddress(),
              false,
              Map.of(PRINCIPAL_UNBOUND, "true")));
    }
    return keys.match(request.apiKey())
        .map(
            e ->
                e.principal().isEmpty()
                    ? new Principal(
                        "api-" + e.id(),
                        tenant,
                        ROLE,
                        e.id(),
                        false,
                        Map.of(PRINCIPAL_UNBOUND, "true"))
                    : new Principal(e.principal(), tenant, ROLE, e.id(), false, Map.of()));
  }

  @Override
  public boolean authorize(Principal principal, Permission permission) {
    return true;
  }

  @Override
  public boolean isOpen() {
    return keys.isEmpty();
  }

  /** The tenant every caller works in. */
  public String tenant() {
    return tenant;
  }

  @Override
  public String describe() {
    return keys.isEmpty()
        ? "API keys: none configured, every request is allowed (tenant " + tenant + ")"
        : "API keys: " + keys.size() + " configured (tenant " + tenant + ")";
  }
}
