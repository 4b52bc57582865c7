package io.cordum.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests: headers, JSON bodies, timeouts, retries under the {@link RetryPolicy}, and errors
 * mapped to typed exceptions. Thread-safe; one per client.
 */
final class Transport {
  /** Sleeps between attempts (a test hook: tests observe waits instead of sleeping). */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  static final String CODE_HEADER = "X-Cordum-Error-Code";

  final HttpClient http;
  final URI base;
  final String apiKey;
  final Duration timeout;
  final RetryPolicy retry;
  final Map<String, String> headers;
  final Sleeper sleeper;
  final JsonMapper json = ClientJson.mapper();

  Transport(
      HttpClient http,
      URI base,
      String apiKey,
      Duration timeout,
      RetryPolicy retry,
      Map<String, String> headers,
      Sleeper sleeper) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.retry = retry;
    this.headers = Map.copyOf(headers);
    this.sleeper = sleeper;
  }

  /** A request to build. */
  Req req(String method, String path) {
    return new Req(method, path);
  }

  /** A request: method, path (ids already encoded), query, body, and whether it may repeat. */
  final class Req {
    final String method;
    final String path;
    final Map<String, String> query = new LinkedHashMap<>();
    final Map<String, String> extra = new LinkedHashMap<>();
    byte @Nullable [] body;
    boolean idempotent;

    Req(String method, String path) {
      this.method = method;
      this.path = path;
      this.idempotent = method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
    }

    /** Adds a query parameter unless the value is null, blank or zero. */
    Req query(String name, @Nullable Object value) {
      if (value == null
          || value instanceof String s && s.isBlank()
          || value instanceof Number n && n.longValue() == 0 && !(value instanceof Double)
          || value instanceof Boolean b && !b) {
        return this;
      }
      query.put(name, value.toString());
      return this;
    }

    Req header(String name, @Nullable String value) {
      if (value != null && !value.isBlank()) {
        extra.put(name, value);
      }
      return this;
    }

    /** A JSON body (the value is written with the client's mapping). */
    Req json(@Nullable Object value) {
      try {
        this.body = value == null ? new byte[0] : json.writeValueAsBytes(value);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(
            "the request body can not be written as JSON: " + e.getOriginalMessage(), e);
      }
      return this;
    }

    /** A body of raw JSON text. */
    Req rawJson(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** Marks the request safe to repeat (idempotent on the gateway, or keyed). */
    Req idempotent(boolean v) {
      this.idempotent = this.idempotent || v;
      return this;
    }

    /** Sends it and reads the answer as this type. */
    <T> T fetch(Class<T> type) {
      return decode(send(), json.constructType(type));
    }

    /** Sends it and reads the answer as this type. */
    <T> T fetch(JavaType type) {
      return decode(send(), type);
    }

    /** Sends it, ignoring the answer's body. */
    void execute() {
      send();
    }

    private <T> T decode(Answer a, JavaType type) {
      try {
        return json.readValue(a.body, type);
      } catch (JacksonException e) {
        throw new CordumClientException(
            a.status,
            "invalid_response",
            "the gateway's answer is "
                + "not the expected "
                + type.getRawClass().getSimpleName()
                + ": "
                + e.getOriginalMessage(),
            a.requestId,
            method,
            path,
            e);
      }
    }

    Answer send() {
      String requestId = newRequestId();
      URI uri = URI.create(base + path + queryString());
      for (int attempt = 1; ; attempt++) {
        HttpResponse<byte[]> r;
        try {
          r = http.send(build(uri, requestId), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
          // Never reached the gateway: safe to repeat whatever the method.
          if (attempt < retry.maxAttempts()) {
            pause(retry.backoff(attempt, jitter()));
            continue;
          }
          throw new TransportException(
              "can not connect to " + base + ": " + describe(e),
              requestId,
              method,
              path,
              e instanceof HttpConnectTimeoutException,
              e);
        } catch (HttpTimeoutException e) {
          if (idempotent && attempt < retry.maxAttempts()) {
            pause(retry.backoff(attempt, jitter()));
            continue;
          }
          throw new TransportException(
              "no answer within " + timeout.toMillis() + " ms", requestId, method, path, true, e);
        } catch (IOException e) {
          if (idempotent && attempt < retry.maxAttempts()) {
            pause(retry.backoff(attempt, jitter()));
            continue;
          }
          throw new TransportException(
              "connection to " + base + " failed: " + describe(e),
              requestId,
              method,
              path,
              false,
              e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TransportException("interrupted", requestId, method, path, false, e);
        }
        int status = r.statusCode();
        String rid = r.headers().firstValue("X-Request-Id").orElse(requestId);
        if (status >= 200 && status < 300) {
          return new Answer(status, r.body(), rid);
        }
        Duration after = retryAfter(r.headers());
        if ((status == 429 || status == 503) && idempotent && attempt < retry.maxAttempts()) {
          Duration wait = after != null ? after : retry.backoff(attempt, jitter());
          if (wait.compareTo(retry.maxRetryAfter()) <= 0) {
            pause(wait);
            continue;
          }
        }
        throw error(status, r.headers(), r.body(), rid, after);
      }
    }

    private String queryString() {
      if (query.isEmpty()) {
        return "";
      }
      StringBuilder b = new StringBuilder();
      query.forEach(
          (k, v) ->
              b.append(b.length() == 0 ? '?' : '&')
                  .append(k)
                  .append('=')
                  .append(PathSegments.encode(v)));
      return b.toString();
    }

    private HttpRequest build(URI uri, String requestId) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Accept", "application/json")
              .header("X-Request-Id", requestId);
      headers.forEach(b::header);
      if (!apiKey.isEmpty()) {
        b.header("X-API-Key", apiKey);
      }
      extra.forEach(b::header);
      if (body != null) {
        b.header("Content-Type", "application/json");
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      return b.build();
    }

    private void pause(Duration d) {
      try {
        sleeper.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(
            "interrupted while waiting to retry", "", method, path, false, e);
      }
    }

    private CordumClientException error(
        int status, HttpHeaders h, byte[] body, String requestId, @Nullable Duration after) {
      String code = h.firstValue(CODE_HEADER).orElse("");
      String detail = detail(h, body);
      return switch (status) {
        case 400, 413, 415, 422 ->
            new BadRequestException(status, code, detail, requestId, method, path, null);
        case 401, 403 -> new AuthException(status, code, detail, requestId, method, path, null);
        case 404 -> new NotFoundException(status, code, detail, requestId, method, path, null);
        case 409 -> new ConflictException(status, code, detail, requestId, method, path, null);
        case 429 -> new RateLimitedException(status, code, detail, requestId, method, path, after);
        default ->
            status >= 500
                ? new ServerException(status, code, detail, requestId, method, path, null)
                : new CordumClientException(status, code, detail, requestId, method, path, null);
      };
    }
  }

  /** A successful answer. */
  record Answer(int status, byte[] body, String requestId) {}

  /** The gateway's message: plain text, or a problem document's {@code detail}. */
  String detail(HttpHeaders h, byte[] body) {
    String type = h.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (type.contains("json") && text.startsWith("{")) {
      try {
        JsonNode n = json.readTree(text);
        if (n.hasNonNull("detail")) {
          return n.get("detail").asString();
        }
      } catch (JacksonException e) {
        // not a problem document: use the text
      }
    }
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }

  /** {@code Retry-After}: seconds, or an HTTP date. */
  static @Nullable Duration retryAfter(HttpHeaders h) {
    String v = h.firstValue("Retry-After").orElse("").trim();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException ignored) {
        return null;
      }
    }
  }

  private static double jitter() {
    return 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
  }

  private static String newRequestId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
        + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
