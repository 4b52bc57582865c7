package io.cordum.client;

import java.nio.charset.StandardCharsets;

/**
 * Builds request paths with every id percent-encoded as one segment, so ids with {@code /}, {@code
 * :} or spaces (artifact pointers, schema ids, bundle ids) reach the route intact (Cordum's own SDK
 * sent them raw and broke on pointers).
 */
final class PathSegments {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegments() {}

  /** {@code prefix} followed by each id as an encoded segment, separated by {@code /}. */
  static String of(String prefix, String... ids) {
    StringBuilder b = new StringBuilder(prefix);
    for (String id : ids) {
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException("an id in the path " + prefix + " is empty");
      }
      if (b.charAt(b.length() - 1) != '/') {
        b.append('/');
      }
      b.append(encode(id));
    }
    return b.toString();
  }

  /** Appends a literal path tail (such as {@code /cancel}). */
  static String of(String prefix, String id, String tail) {
    return of(prefix, id) + tail;
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encode(String s) {
    if (s.equals(".") || s.equals("..")) {
      return s.replace(".", "%2E"); // a dot segment would be taken as a path step
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        b.append((char) c);
      } else {
        b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return b.toString();
  }
}
