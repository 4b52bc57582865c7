package io.cordum.gateway.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses a query string: first value wins, {@code +} is a space, malformed percent-encoding is kept
 * literally (a query parameter can not make the request fail).
 */
final class QueryString {
  private QueryString() {}

  static Map<String, String> parse(@Nullable String q) {
    Map<String, String> out = new HashMap<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static String decode(String s) {
    String plus = s.replace('+', ' ');
    String d = Router.decode(plus);
    return d == null ? plus : d;
  }
}
