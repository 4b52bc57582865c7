package io.cordum.gateway;

import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Two tenants' keys over the public {@link AuthProvider} SPI (the default provider is Cordum's
 * single-tenant keys; per-key tenants are a provider's business): {@code acme-key} is principal
 * {@code ann} of tenant {@code acme}, {@code globex-key} is {@code gus} of tenant {@code globex}.
 * Both may do everything within their own tenant.
 */
final class TwoTenantKeys implements AuthProvider {
  static final String ACME = "acme-key";
  static final String GLOBEX = "globex-key";

  private static final Map<String, Principal> KEYS =
      Map.of(
          ACME, new Principal("ann", "acme", "admin", "acme-1", false, Map.of()),
          GLOBEX, new Principal("gus", "globex", "admin", "globex-1", false, Map.of()));

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    String presented = request.apiKey();
    if (presented == null) {
      return Optional.empty();
    }
    Principal found = null;
    for (Map.Entry<String, Principal> e : KEYS.entrySet()) {
      if (MessageDigest.isEqual(
          e.getKey().getBytes(StandardCharsets.UTF_8),
          presented.getBytes(StandardCharsets.UTF_8))) {
        found = e.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public boolean authorize(Principal principal, Permission permission) {
    return true;
  }

  @Override
  public String describe() {
    return "two test tenants";
  }
}
