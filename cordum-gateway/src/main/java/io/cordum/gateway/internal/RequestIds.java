package io.cordum.gateway.internal;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Request ids: the client's {@code X-Request-Id} when it is a sane token (1 to 128 characters of
 * letters, digits and {@code . _ : -}), else a new random 128-bit hex id (ThreadLocalRandom: no
 * lock, unlike {@code UUID.randomUUID()}).
 */
public final class RequestIds {
  private RequestIds() {}

  /** The id to use for a request. */
  public static String of(@Nullable String header) {
    if (header != null && valid(header)) {
      return header;
    }
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return hex(r.nextLong()) + hex(r.nextLong());
  }

  static boolean valid(String s) {
    if (s.isEmpty() || s.length() > 128) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }
}
