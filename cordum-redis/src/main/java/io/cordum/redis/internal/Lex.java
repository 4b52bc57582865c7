package io.cordum.redis.internal;

/**
 * The member encoding of the lexicographic indexes (sorted sets whose members all score 0 and are
 * ordered bytewise): a name is escaped so it holds no NUL, then NUL ends it; times are 19
 * zero-padded digits, so byte order is numeric order. The same rules are in {@code job_common.lua}.
 */
public final class Lex {
  private Lex() {}

  /** Micros (clamped at 0) as 19 zero-padded digits. */
  public static String pad(long micros) {
    String s = Long.toString(Math.max(0, micros));
    return "0".repeat(19 - s.length()) + s;
  }

  /** Escapes a name: {@code \1} becomes {@code \1\1}, NUL becomes {@code \1\2}. */
  public static String escape(String name) {
    return name.replace("\1", "\1\1").replace("\0", "\1\2");
  }

  /** The prefix shared by every member filed under {@code name}. */
  public static String prefix(String name) {
    return escape(name) + "\0";
  }

  /** The smallest string greater than every member that starts with {@code prefix}. */
  public static String prefixEnd(String prefix) {
    // A prefix ends with NUL (see above), so replacing it with \1 bounds the range.
    return prefix.substring(0, prefix.length() - 1) + "\1";
  }
}
