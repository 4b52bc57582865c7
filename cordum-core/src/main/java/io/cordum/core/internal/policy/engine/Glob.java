package io.cordum.core.internal.policy.engine;

/**
 * Shell-style patterns with the semantics of Cordum's policy globs (those of Go's {@code
 * path.Match}): {@code *} matches any run of characters other than {@code /}, {@code ?} one such
 * character, {@code [...]} a class ({@code ^} negates, {@code a-z} ranges), {@code \} escapes. No
 * {@code **}, no braces. A malformed pattern matches nothing; the policy parser rejects it up front
 * with {@link #isValid}.
 *
 * <p>Patterns are compiled once: literals and {@code prefix*} patterns, the common cases in
 * policies, skip the general matcher.
 */
public final class Glob {
  private enum Kind {
    LITERAL,
    PREFIX_STAR,
    GENERAL,
    NEVER
  }

  private final String pattern;
  private final Kind kind;
  private final String fixed;

  private Glob(String pattern) {
    this.pattern = pattern;
    if (pattern.isEmpty() || !isValid(pattern)) {
      kind = Kind.NEVER;
      fixed = "";
    } else if (!hasMeta(pattern)) {
      kind = Kind.LITERAL;
      fixed = pattern;
    } else if (pattern.endsWith("*") && !hasMeta(pattern.substring(0, pattern.length() - 1))) {
      kind = Kind.PREFIX_STAR;
      fixed = pattern.substring(0, pattern.length() - 1);
    } else {
      kind = Kind.GENERAL;
      fixed = "";
    }
  }

  /** Compiles a pattern (trimmed). */
  public static Glob compile(String pattern) {
    return new Glob(pattern.trim());
  }

  /** The trimmed pattern. */
  public String pattern() {
    return pattern;
  }

  /** Whether {@code name} matches. An empty name never matches. */
  public boolean matches(String name) {
    if (name.isEmpty()) {
      return false;
    }
    return switch (kind) {
      case LITERAL -> fixed.equals(name);
      case PREFIX_STAR -> name.startsWith(fixed) && name.indexOf('/', fixed.length()) < 0;
      case GENERAL -> match(pattern, 0, name, 0);
      case NEVER -> false;
    };
  }

  /** Whether a pattern matches a name (compiling it each time). */
  public static boolean matches(String pattern, String name) {
    return compile(pattern).matches(name);
  }

  private static boolean hasMeta(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Whether the pattern is well formed (classes closed, ranges complete, no trailing escape). */
  public static boolean isValid(String p) {
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '\\') {
        if (i + 1 >= p.length()) {
          return false;
        }
        i += 2;
      } else if (c == '[') {
        int end = classEnd(p, i);
        if (end < 0) {
          return false;
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return true;
  }

  /** The index of the {@code ]} closing the class at {@code start}, or -1 if malformed. */
  private static int classEnd(String p, int start) {
    int i = start + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      first = false;
      int lo = charEnd(p, i);
      if (lo < 0) {
        return -1;
      }
      i = lo;
      if (i < p.length() && p.charAt(i) == '-') {
        int hi = charEnd(p, i + 1);
        if (hi < 0 || p.charAt(i + 1) == ']') {
          return -1;
        }
        i = hi;
      }
    }
    return -1;
  }

  /** The index after one (possibly escaped) class character at {@code i}, or -1. */
  private static int charEnd(String p, int i) {
    if (i >= p.length()) {
      return -1;
    }
    char c = p.charAt(i);
    if (c == '\\') {
      return i + 1 < p.length() ? i + 2 : -1;
    }
    if (c == '-' || c == ']') {
      return -1;
    }
    return i + 1;
  }

  private static char charAt(String p, int i) {
    return p.charAt(i) == '\\' ? p.charAt(i + 1) : p.charAt(i);
  }

  /** Backtracking matcher over a valid pattern. */
  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        while (pi < p.length() && p.charAt(pi) == '*') {
          pi++;
        }
        if (pi == p.length()) {
          return s.indexOf('/', si) < 0;
        }
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length() && s.charAt(k) == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      char ch = s.charAt(si);
      if (c == '?') {
        if (ch == '/') {
          return false;
        }
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (ch == '/' || !inClass(p, pi + 1, end, ch)) {
          return false;
        }
        pi = end + 1;
      } else if (c == '\\') {
        if (p.charAt(pi + 1) != ch) {
          return false;
        }
        pi += 2;
      } else {
        if (c != ch) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length();
  }

  private static boolean inClass(String p, int i, int end, char ch) {
    boolean negated = p.charAt(i) == '^';
    if (negated) {
      i++;
    }
    boolean found = false;
    while (i < end) {
      char lo = charAt(p, i);
      i = charEnd(p, i);
      char hi = lo;
      if (i < end && p.charAt(i) == '-') {
        hi = charAt(p, i + 1);
        i = charEnd(p, i + 1);
      }
      if (lo <= ch && ch <= hi) {
        found = true;
      }
    }
    return found != negated;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
