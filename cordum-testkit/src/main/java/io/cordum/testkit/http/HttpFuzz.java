package io.cordum.testkit.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded HTTP fuzzer: malformed and truncated JSON, fields of the wrong type, huge bodies, bad
 * UTF-8, odd paths ({@code %2F}, {@code ..}, {@code //}, very long), odd methods and header floods,
 * sent over a raw socket against route templates. The same seed sends the same requests.
 *
 * <p>It records every status; a server that answers 5xx (other than 501), hangs or drops a request
 * it should have answered shows up in {@link Report}.
 */
public final class HttpFuzz {
  private static final String[] METHODS = {
    "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "BREW", "TRACE"
  };
  private static final String[] SEGMENTS = {
    "x",
    "%2F",
    "a%2Fb",
    "..",
    "%2e%2e",
    ".",
    "",
    "%zz",
    "%ff%fe",
    "\u00e9t\u00e9",
    "%00",
    "~",
    "redis%3A%2F%2Fart%3Ax",
    "*",
    "{id}",
    "a b",
    "secops~x",
    "%252F"
  };
  private static final String[] VALUES = {
    "1",
    "-1",
    "1e309",
    "99999999999999999999999",
    "\"x\"",
    "\"\"",
    "null",
    "true",
    "[]",
    "{}",
    "[1,[2,[3]]]",
    "{\"a\":{\"b\":{}}}",
    "\"\\ud800\"",
    "\"secret://x\"",
    "0.5",
    "\"" + "y".repeat(300) + "\""
  };
  private static final String[] FIELDS = {
    "prompt",
    "topic",
    "labels",
    "tags",
    "context",
    "id",
    "steps",
    "scope",
    "scope_id",
    "data",
    "schema",
    "resource",
    "owner",
    "mode",
    "ttl_ms",
    "content",
    "content_base64",
    "approved",
    "from_step",
    "request",
    "snapshot_id",
    "bundle_ids",
    "org_id",
    "priority",
    "max_input_tokens",
    "deadline_ms",
    "retention",
    "revision",
    "remediation_id",
    "reason",
    "note"
  };

  private final String host;
  private final int port;
  private final List<String> routes;
  private final String apiKey;
  private final long maxBodyBytes;
  private final int maxHeaderBytes;
  private final int timeoutMillis;

  /**
   * A fuzzer for a server with a 16 KiB head limit, waiting up to 30 s for each answer.
   *
   * @param routes route templates such as {@code POST /api/v1/jobs/{id}/cancel}
   * @param apiKey the key sent with most requests (so that handlers, not only auth, are hit)
   * @param maxBodyBytes the server's body limit (huge bodies are made just above it)
   */
  public HttpFuzz(String host, int port, List<String> routes, String apiKey, long maxBodyBytes) {
    this(host, port, routes, apiKey, maxBodyBytes, 16 * 1024, 30_000);
  }

  /**
   * A fuzzer.
   *
   * @param routes route templates such as {@code POST /api/v1/jobs/{id}/cancel}
   * @param apiKey the key sent with most requests (so that handlers, not only auth, are hit)
   * @param maxBodyBytes the server's body limit (huge bodies are made just above it)
   * @param maxHeaderBytes the server's limit on a request head (a longer head may be refused before
   *     the server reads the rest: see {@link Report#resets})
   * @param timeoutMillis how long to wait for an answer (generous: a busy machine is no failure)
   */
  public HttpFuzz(
      String host,
      int port,
      List<String> routes,
      String apiKey,
      long maxBodyBytes,
      int maxHeaderBytes,
      int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.routes = List.copyOf(routes);
    this.apiKey = apiKey;
    this.maxBodyBytes = maxBodyBytes;
    this.maxHeaderBytes = maxHeaderBytes;
    this.timeoutMillis = timeoutMillis;
  }

  /** What happened. */
  public static final class Report {
    /** How many responses had each status ({@code -1}: no response). */
    public final Map<Integer, Long> statuses = new TreeMap<>();

    /** Requests answered with a 5xx other than 501, with their first line, up to 20. */
    public final List<String> serverErrors = new java.util.ArrayList<>();

    /** Requests that got no response although the request was complete, up to 20. */
    public final List<String> dropped = new java.util.ArrayList<>();

    /** An empty report, to share between threads running {@link #run(long, int, Report)}. */
    public Report() {}

    /**
     * Requests with a head the server cannot parse (a request target that is not a URI, a head over
     * the server's limit) whose answer was lost: the server answers 400 or 431 and closes without
     * reading the rest, since it cannot tell where the request ends (RFC 9112 §3, §9.6), and the
     * reset of the bytes it left unread can destroy its answer before the client reads it. Not a
     * failure, unlike {@link #dropped}.
     */
    public long resets;

    /** How many requests were sent. */
    public final AtomicLong sent = new AtomicLong();

    /** The slowest requests: milliseconds and first line, slowest first, up to 5. */
    public final java.util.TreeMap<Long, String> slowest =
        new java.util.TreeMap<>(java.util.Comparator.reverseOrder());

    synchronized void timed(long millis, String first) {
      slowest.put(millis, first);
      if (slowest.size() > 5) {
        slowest.pollLastEntry();
      }
    }

    synchronized void record(
        int status, String first, boolean complete, boolean mayReset, String why) {
      statuses.merge(status, 1L, Long::sum);
      if (status >= 500 && status != 501 && serverErrors.size() < 20) {
        serverErrors.add(status + " " + first);
      }
      if (status < 0 && complete && mayReset) {
        resets++;
      } else if (status < 0 && complete && dropped.size() < 20) {
        dropped.add(first + " (" + why + ")");
      }
    }

    @Override
    public synchronized String toString() {
      return "sent "
          + sent
          + ", statuses "
          + statuses
          + ", slowest (ms) "
          + slowest
          + (serverErrors.isEmpty() ? "" : ", 5xx " + serverErrors)
          + (dropped.isEmpty() ? "" : ", dropped " + dropped)
          + (resets == 0 ? "" : ", reset after an unparseable head " + resets);
    }
  }

  /** Sends {@code n} requests from one connection (reconnecting as needed). */
  public Report run(long seed, int n) throws IOException {
    Report report = new Report();
    run(seed, n, report);
    return report;
  }

  /** Sends {@code n} requests into an existing report (one thread per call). */
  public void run(long seed, int n, Report report) throws IOException {
    Random rnd = new Random(seed);
    try (RawHttp http = new RawHttp(host, port, timeoutMillis)) {
      for (int i = 0; i < n; i++) {
        Case c = next(rnd);
        long t0 = System.nanoTime();
        RawHttp.Response r = http.send(c.bytes, c.truncated);
        report.timed((System.nanoTime() - t0) / 1_000_000, c.first);
        report.sent.incrementAndGet();
        report.record(
            r.status(),
            c.first,
            !c.truncated,
            c.mayReset,
            "case " + c.kind + ", " + c.bytes.length + " bytes: " + r.head());
      }
    }
  }

  /**
   * One request.
   *
   * @param truncated sent incomplete (the output is then half-closed)
   * @param mayReset its head is one the server cannot parse, so the server may close before reading
   *     the rest (see {@link Report#resets})
   */
  private record Case(byte[] bytes, String first, boolean truncated, boolean mayReset, int kind) {}

  /** Whether Jetty-like servers refuse the head before knowing where the request ends. */
  private boolean unparseable(int headBytes, String target) {
    if (headBytes > maxHeaderBytes) {
      return true;
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '%') {
        if (i + 2 >= target.length()
            || !isHex(target.charAt(i + 1))
            || !isHex(target.charAt(i + 2))) {
          return true;
        }
      } else if (c <= ' ' || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return true; // not a URI character (RFC 3986)
      }
    }
    return false;
  }

  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private Case next(Random rnd) {
    String route = routes.get(rnd.nextInt(routes.size()));
    int space = route.indexOf(' ');
    String method = route.substring(0, space);
    String path = route.substring(space + 1);
    int kind = rnd.nextInt(100);
    if (kind < 10) {
      method = METHODS[rnd.nextInt(METHODS.length)];
    }
    path = fillParams(path, rnd);
    if (kind >= 10 && kind < 25) {
      path = oddPath(path, rnd);
    }
    if (rnd.nextInt(5) == 0) {
      path += "?" + query(rnd);
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    write(head, method + " ");
    if (kind >= 25 && kind < 28) {
      head.writeBytes(new byte[] {'/', 'a', (byte) 0xff, (byte) 0xc3, '/'}); // raw bad UTF-8
    }
    write(head, path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n");
    if (rnd.nextInt(10) != 0) {
      write(head, "X-API-Key: " + apiKey + "\r\n");
    }
    if (rnd.nextInt(8) == 0) {
      write(head, "Accept: application/problem+json\r\n");
    }
    if (rnd.nextInt(12) == 0) {
      write(
          head,
          "Origin: " + (rnd.nextBoolean() ? "http://localhost:3000" : "https://evil.x") + "\r\n");
    }
    if (kind >= 28 && kind < 31) {
      int count = 50 + rnd.nextInt(200);
      for (int i = 0; i < count; i++) {
        write(head, "X-Flood-" + i + ": " + "v".repeat(rnd.nextInt(200)) + "\r\n");
      }
    }
    if (kind == 31) {
      write(head, "X-Huge: " + "h".repeat(20_000 + rnd.nextInt(20_000)) + "\r\n");
    }
    boolean mayReset = kind >= 25 && kind < 28 || unparseable(head.size() + 100, path);
    byte[] body = body(kind, rnd);
    boolean truncated = false;
    byte[] sent = body;
    if (kind >= 32 && kind < 35 && body.length > 2) {
      truncated = true;
      sent = java.util.Arrays.copyOf(body, rnd.nextInt(body.length - 1) + 1);
    }
    if (kind == 35) {
      // Declares a body over the limit and sends only its start.
      truncated = true;
      write(
          head,
          "Content-Type: application/json\r\nContent-Length: "
              + (maxBodyBytes + 1 + rnd.nextInt(1 << 20))
              + "\r\n\r\n");
      head.writeBytes("{\"prompt\":\"".getBytes(StandardCharsets.US_ASCII));
      return new Case(
          head.toByteArray(), method + " " + path + " (huge, cut)", true, mayReset, kind);
    }
    if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
      write(head, "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
    }
    write(head, "\r\n");
    head.writeBytes(sent);
    String first = method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path);
    return new Case(head.toByteArray(), first, truncated, mayReset, kind);
  }

  private static String fillParams(String path, Random rnd) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < path.length()) {
      int open = path.indexOf('{', i);
      if (open < 0) {
        out.append(path, i, path.length());
        break;
      }
      int close = path.indexOf('}', open);
      out.append(path, i, open);
      out.append(
          rnd.nextInt(3) == 0 ? SEGMENTS[rnd.nextInt(SEGMENTS.length)] : "id-" + rnd.nextInt(50));
      i = close + 1;
    }
    return out.toString();
  }

  private static String oddPath(String path, Random rnd) {
    return switch (rnd.nextInt(7)) {
      case 0 -> path.replaceFirst("/", "//");
      case 1 -> path + "/../" + path.substring(1);
      case 2 -> path + "/" + "x".repeat(2_000 + rnd.nextInt(8_000));
      case 3 -> path + "/";
      case 4 -> path.replace("v1", "v1%2F..");
      case 5 -> path + "/%c3%28";
      default -> "/" + "a/".repeat(200 + rnd.nextInt(300));
    };
  }

  private static String query(Random rnd) {
    String[] keys = {
      "limit",
      "cursor",
      "state",
      "topic",
      "tenant",
      "updated_after",
      "updated_before",
      "scope",
      "scope_id",
      "org_id",
      "resource",
      "ptr",
      "key",
      "status",
      "bundle_id",
      "dry_run",
      "include_disabled",
      "trace_id",
      "max_bytes"
    };
    String[] vals = {
      "-1",
      "0",
      "abc",
      "99999999999999999999",
      "%zz",
      "",
      "1700000000",
      "1700000000000000",
      "x%00y",
      "pending",
      "redis://ctx:x",
      "system",
      "&&",
      "%2F",
      "y".repeat(500)
    };
    StringBuilder q = new StringBuilder();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        q.append('&');
      }
      q.append(keys[rnd.nextInt(keys.length)])
          .append('=')
          .append(vals[rnd.nextInt(vals.length)].replace(" ", "%20"));
    }
    return q.toString();
  }

  private byte[] body(int kind, Random rnd) {
    if (kind >= 36 && kind < 40) {
      byte[] b = new byte[rnd.nextInt(2048)];
      rnd.nextBytes(b);
      return b;
    }
    if (kind >= 40 && kind < 43) {
      return ("{\"prompt\":\""
              + new String(new byte[] {(byte) 0xff, (byte) 0xfe}, StandardCharsets.ISO_8859_1)
              + "\"}")
          .getBytes(StandardCharsets.ISO_8859_1);
    }
    if (kind >= 43 && kind < 46) {
      return ("[".repeat(1000 + rnd.nextInt(5000))).getBytes(StandardCharsets.US_ASCII);
    }
    if (kind == 46) {
      // Just over the limit, sent whole.
      byte[] b = new byte[(int) Math.min(maxBodyBytes + 1 + rnd.nextInt(1000), 8L << 20)];
      java.util.Arrays.fill(b, (byte) 'x');
      return b;
    }
    StringBuilder j = new StringBuilder("{");
    int fields = rnd.nextInt(8);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        j.append(',');
      }
      j.append('"')
          .append(FIELDS[rnd.nextInt(FIELDS.length)])
          .append("\":")
          .append(VALUES[rnd.nextInt(VALUES.length)]);
    }
    j.append('}');
    String s = j.toString();
    if (kind >= 47 && kind < 55 && s.length() > 2) {
      s = s.substring(0, rnd.nextInt(s.length()));
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
