package io.cordum.gateway.auth;

import java.util.Optional;

/**
 * Authenticates requests and authorizes what they may do: the gateway's one security SPI.
 *
 * <p>The gateway calls it for every request except those of routes whose permission is {@link
 * Permission#PUBLIC}, in this order: {@link #authenticate} (no principal: 401), then {@link
 * #authorize} with the permission the matched route declares (false: 403), and, inside the
 * handlers, {@link #canAccessTenant} for every tenant a request names or an object belongs to
 * (false: 403). Route code never checks roles itself, so a provider with multi-tenant keys and a
 * role table plugs in without touching any route.
 *
 * <p>The default is {@link ApiKeyAuthProvider} (Cordum's single-tenant API keys). Bind another with
 * Guice ({@code OptionalBinder} in {@code GatewayModule}) or pass it to {@code
 * Gateway.builder().authProvider(...)}. Implementations must be thread-safe and must never log or
 * echo credentials.
 */
public interface AuthProvider {

  /**
   * Establishes who is calling.
   *
   * @return the principal, or empty when the credentials are missing or wrong (the client gets 401
   *     {@code unauthorized}; the gateway does not say which)
   */
  Optional<Principal> authenticate(AuthRequest request);

  /** Whether the principal may do what the permission covers. */
  boolean authorize(Principal principal, Permission permission);

  /** Whether the principal may read or change objects of the tenant. */
  default boolean canAccessTenant(Principal principal, String tenant) {
    return principal.crossTenant() || principal.tenant().equals(tenant);
  }

  /**
   * The principal a request may act for when it names one (such as a job's {@code principal_id}).
   * The default allows only the caller's own id, or any id when the caller's credential names no
   * principal of its own ({@link #PRINCIPAL_UNBOUND} attribute): a request can never borrow a
   * principal that a key is bound to.
   *
   * @param requested the principal the request names, or blank for the caller's own
   * @return the principal to record
   * @throws SecurityException if the caller may not act for {@code requested}
   */
  default String resolvePrincipal(Principal principal, String requested) {
    String r = requested == null ? "" : requested.trim();
    if (r.isEmpty() || r.equals(principal.id())) {
      return principal.id();
    }
    if ("true".equals(principal.attributes().get(PRINCIPAL_UNBOUND))) {
      return r;
    }
    throw new SecurityException("principal access denied");
  }

  /**
   * A short description for the startup log line (such as {@code "API keys (2 configured)"}); must
   * not contain secrets.
   */
  default String describe() {
    return getClass().getSimpleName();
  }

  /**
   * Whether this provider lets requests without credentials through. The gateway refuses to listen
   * on a non-loopback address with such a provider unless auth was switched off explicitly.
   */
  default boolean isOpen() {
    return false;
  }

  /**
   * Principal attribute: {@code "true"} when the credential names no principal of its own, so that
   * requests may name the principal they act for (a plain shared API key).
   */
  String PRINCIPAL_UNBOUND = "principal_unbound";
}
