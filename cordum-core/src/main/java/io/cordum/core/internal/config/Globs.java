package io.cordum.core.internal.config;

/**
 * Shell-style globs as Cordum's policies use them (Go's {@code path.Match}, without character
 * classes): {@code *} matches any run of characters other than {@code /}, {@code ?} one such
 * character, {@code \} escapes the next one; everything else matches itself. A pattern that ends in
 * a lone backslash matches nothing.
 */
final class Globs {
  private Globs() {}

  /** Whether {@code text} matches {@code pattern} entirely. */
  static boolean match(String pattern, String text) {
    return match(pattern, 0, text, 0);
  }

  private static boolean match(String p, int pi, String t, int ti) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        for (int k = ti; ; k++) {
          if (match(p, pi, t, k)) {
            return true;
          }
          if (k >= t.length() || t.charAt(k) == '/') {
            return false;
          }
        }
      }
      if (ti >= t.length()) {
        return false;
      }
      if (c == '?') {
        if (t.charAt(ti) == '/') {
          return false;
        }
      } else {
        if (c == '\\') {
          pi++;
          if (pi >= p.length()) {
            return false;
          }
          c = p.charAt(pi);
        }
        if (c != t.charAt(ti)) {
          return false;
        }
      }
      pi++;
      ti++;
    }
    return ti == t.length();
  }
}
