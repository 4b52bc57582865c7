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
 * A test {@link AuthProvider}, written against the public SPI only: an admin key with every
 * permission and a viewer key that may only read ({@code *.read}, and the live stream).
 */
final class RoleKeys implements AuthProvider {
  static final String ADMIN = "admin-key";
  static final String VIEWER = "viewer-key";

  private final String tenant;

  RoleKeys(String tenant) {
    this.tenant = tenant;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    String key = request.apiKey();
    if (key == null) {
      return Optional.empty();
    }
    if (same(key, ADMIN)) {
      return Optional.of(new Principal("alice", tenant, "admin", "admin", false, Map.of()));
    }
    if (same(key, VIEWER)) {
      return Optional.of(new Principal("victor", tenant, "viewer", "viewer", false, Map.of()));
    }
    return Optional.empty();
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean authorize(Principal principal, Permission permission) {
    if (principal.role().equals("admin")) {
      return true;
    }
    return permission.name().endsWith(".read") && !permission.equals(Permission.MEMORY_READ)
        || permission.equals(Permission.POLICY_EVALUATE);
  }

  @Override
  public String describe() {
    return "test role keys";
  }
}
