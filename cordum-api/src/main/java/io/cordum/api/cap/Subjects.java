package io.cordum.api.cap;

/**
 * The bus subjects of CAP and Cordum, and helpers to build and check them.
 *
 * <p>Pool topics are subjects of the form {@code job.<...>} (for example {@code job.default}); each
 * worker also has a direct subject {@code worker.<worker_id>.jobs}.
 */
public final class Subjects {
  private Subjects() {}

  /** Job requests from clients to the scheduler. */
  public static final String SUBMIT = "sys.job.submit";

  /** Job results from workers. */
  public static final String RESULT = "sys.job.result";

  /** Cancel requests; every worker receives them (no queue group). */
  public static final String CANCEL = "sys.job.cancel";

  /** Dead-letter records ({@link JobResult} with the reason code in {@code error_code}). */
  public static final String DLQ = "sys.job.dlq";

  /** Job progress reports from workers. */
  public static final String PROGRESS = "sys.job.progress";

  /** Worker heartbeats; every scheduler replica receives them (no queue group). */
  public static final String HEARTBEAT = "sys.heartbeat";

  /** Workflow notifications ({@link SystemAlert}). */
  public static final String WORKFLOW_EVENT = "sys.workflow.event";

  /** The queue group of the scheduler's subscriptions. */
  public static final String SCHEDULER_QUEUE = "cordum-scheduler";

  /** The protocol version every Cordum component writes. */
  public static final int PROTOCOL_VERSION = 1;

  /**
   * The direct subject of a worker, {@code worker.<id>.jobs}.
   *
   * @throws IllegalArgumentException if the id is not a valid subject token (empty, or containing
   *     {@code .}, {@code *}, {@code >} or whitespace), since it would build a broken subject
   */
  public static String direct(String workerId) {
    if (!isToken(workerId)) {
      throw new IllegalArgumentException(
          "worker id must be a non-empty subject token without"
              + " '.', '*', '>' or whitespace: \""
              + workerId
              + "\"");
    }
    return "worker." + workerId + ".jobs";
  }

  /** Whether the string is one valid subject token (non-empty; no {@code . * >} or whitespace). */
  public static boolean isToken(String s) {
    return !s.isEmpty() && validTokenEnd(s, 0) == s.length();
  }

  /** Whether the string is a valid literal subject (dot-separated tokens, no wildcards). */
  public static boolean isLiteral(String s) {
    int i = 0;
    while (true) {
      int end = validTokenEnd(s, i);
      if (end == i) {
        return false; // an empty token, or a character no token may hold
      }
      if (end == s.length()) {
        return true;
      }
      if (s.charAt(end) != '.') {
        return false;
      }
      i = end + 1;
    }
  }

  /**
   * Where the valid token starting at {@code from} ends: the index of the first character that is
   * not a token character (as {@code [^.*>\s\p{Cntrl}]} with Unicode classes), or the length. A
   * loop rather than a regular expression: every publish checks its subject.
   */
  private static int validTokenEnd(String s, int from) {
    int i = from;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c <= ' ' || c == 0x7F || c == '.' || c == '*' || c == '>') {
          return i;
        }
        i++;
      } else {
        int cp = s.codePointAt(i);
        if (Character.isSpaceChar(cp) || Character.getType(cp) == Character.CONTROL) {
          return i; // Unicode White_Space is Zs, Zl, Zp and control characters
        }
        i += Character.charCount(cp);
      }
    }
    return n;
  }

  /**
   * Whether a subscription pattern matches a literal subject, with NATS semantics: {@code *}
   * matches exactly one token, {@code >} (last token only) matches one or more tokens.
   */
  public static boolean matches(String pattern, String subject) {
    int p = 0;
    int s = 0;
    final int pl = pattern.length();
    final int sl = subject.length();
    while (p < pl && s < sl) {
      int pe = tokenEnd(pattern, p);
      int se = tokenEnd(subject, s);
      int len = pe - p;
      if (len == 1 && pattern.charAt(p) == '>') {
        return pe == pl; // '>' is last and matches the remaining (at least one) tokens
      }
      boolean star = len == 1 && pattern.charAt(p) == '*';
      if (!star && (len != se - s || !pattern.regionMatches(p, subject, s, len))) {
        return false;
      }
      p = pe + 1;
      s = se + 1;
    }
    // Both consumed exactly: past the last token, each index sits one beyond its length.
    return p > pl && s > sl;
  }

  private static int tokenEnd(String str, int from) {
    int i = str.indexOf('.', from);
    return i < 0 ? str.length() : i;
  }

  /**
   * Whether a subscription pattern is valid: dot-separated non-empty tokens, where {@code *} and
   * {@code >} stand alone in their token and {@code >} is only the last token.
   */
  public static boolean isValidPattern(String pattern) {
    if (pattern.isEmpty()) {
      return false;
    }
    String[] tokens = pattern.split("\\.", -1);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.equals(">")) {
        if (i != tokens.length - 1) {
          return false;
        }
      } else if (!t.equals("*") && !isToken(t)) {
        return false;
      }
    }
    return true;
  }
}
