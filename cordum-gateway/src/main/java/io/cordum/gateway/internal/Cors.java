package io.cordum.gateway.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The browser-origin allowlist (Cordum's gateway rules, with PUT and {@code Idempotency-Key}
 * allowed, which this gateway's routes use): an absent {@code Origin} is allowed (non-browser
 * clients); with a configured list only those exact origins are ({@code *}: all); without one,
 * loopback origins and the request's own host are. An origin that does not parse is refused.
 */
public final class Cors {
  /** Methods a preflight may ask for. */
  public static final String ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS";

  /** Headers a preflight may ask for. */
  public static final String ALLOW_HEADERS =
      "Content-Type, Authorization, X-API-Key, "
          + "X-Principal-Id, X-Principal-Role, Idempotency-Key, X-Idempotency-Key, X-Request-Id";

  /** Response headers a browser script may read. */
  public static final String EXPOSE_HEADERS = "X-Request-Id, X-Cordum-Error-Code, Retry-After";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  private final @Nullable Set<String> allowed;
  private final boolean all;

  /** Creates the rules from the configured list ({@code null}: Cordum's default rule). */
  public Cors(@Nullable List<String> allowedOrigins) {
    this.all = allowedOrigins != null && allowedOrigins.contains("*");
    this.allowed =
        allowedOrigins == null
            ? null
            : Set.copyOf(
                allowedOrigins.stream().map(o -> o.trim().toLowerCase(Locale.ROOT)).toList());
  }

  /** Whether a request with this {@code Origin} (or none) and {@code Host} is allowed. */
  public boolean allowed(@Nullable String origin, @Nullable String host) {
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    String hostname;
    try {
      URI u = new URI(o);
      if (u.getScheme() == null || u.getHost() == null) {
        return false;
      }
      hostname = u.getHost();
    } catch (Exception e) {
      return false;
    }
    if (all) {
      return true;
    }
    if (allowed != null) {
      return allowed.contains(o);
    }
    if (LOOPBACK.contains(hostname)) {
      return true;
    }
    return host != null && hostname.equals(hostnameOf(host.toLowerCase(Locale.ROOT)));
  }

  /** The host name of a {@code Host} header value (the port stripped). */
  static String hostnameOf(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
