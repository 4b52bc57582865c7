package io.cordum.api.health;

import java.util.Objects;

/**
 * The result of a {@link HealthCheck}.
 *
 * @param backend the kind of backend, such as {@code nats}, {@code redis} or {@code memory}
 * @param ok whether it answers
 * @param status a short state word, such as {@code CONNECTED}, {@code RECONNECTING} or {@code PONG}
 * @param target where it is, without credentials (such as {@code nats://127.0.0.1:4222})
 * @param error why it does not answer, or {@code ""}
 */
public record Health(String backend, boolean ok, String status, String target, String error) {
  /** Checks the values. */
  public Health {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(error, "error");
  }

  /** A healthy result. */
  public static Health up(String backend, String status, String target) {
    return new Health(backend, true, status, target, "");
  }

  /** An unhealthy result. */
  public static Health down(String backend, String status, String target, String error) {
    return new Health(backend, false, status, target, error);
  }

  /** The URI without its user info (credentials). */
  public static String withoutCredentials(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.indexOf('@');
    if (scheme < 0 || at < scheme) {
      return uri;
    }
    return uri.substring(0, scheme + 3) + uri.substring(at + 1);
  }
}
