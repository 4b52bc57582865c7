package io.cordum.redis.internal;

import io.cordum.api.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code redis://} or {@code rediss://} (TLS) URL: {@code
 * redis[s]://[[user]:password@]host[:port][/db]}.
 *
 * @param tls whether the scheme is {@code rediss}
 * @param host the host
 * @param port the port (6379 when absent)
 * @param user the ACL user, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database index (0 when absent)
 */
public record RedisUrl(
    boolean tls,
    String host,
    int port,
    @Nullable String user,
    @Nullable String password,
    int database) {

  /** Parses a URL; a {@link ValidationException} naming {@code redis_url} if it is malformed. */
  public static RedisUrl parse(String url) {
    URI u;
    try {
      u = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(url, "is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw invalid(url, "must start with redis:// or rediss://");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw invalid(url, "must name a host");
    }
    String user = null;
    String password = null;
    if (u.getRawUserInfo() != null) {
      String info = u.getRawUserInfo();
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = decode(info); // redis://secret@host: a password alone, as redis-cli reads it
      } else {
        user = colon == 0 ? null : decode(info.substring(0, colon));
        password = decode(info.substring(colon + 1));
      }
    }
    int db = 0;
    String path = u.getPath();
    if (path != null && path.length() > 1) {
      try {
        db = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw invalid(url, "must name the database as a number, as in redis://host:6379/0");
      }
    }
    return new RedisUrl(
        scheme.equals("rediss"),
        u.getHost(),
        u.getPort() < 0 ? 6379 : u.getPort(),
        user,
        password,
        db);
  }

  /** The URL with any password replaced by {@code ***}, for logs and messages. */
  public static String redact(String url) {
    return url.replaceAll("(?<=://)([^@/]*):[^@/]*@", "$1:***@")
        .replaceAll("(?<=://)([^:@/]+)@", "***@");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static ValidationException invalid(String url, String rule) {
    return new ValidationException("redis_url", rule + ": " + redact(url));
  }

  @Override
  public String toString() {
    return "RedisUrl["
        + (tls ? "rediss" : "redis")
        + "://"
        + host
        + ":"
        + port
        + "/"
        + database
        + (user == null ? "" : ", user=" + user)
        + (password == null ? "" : ", password=***")
        + "]";
  }
}
