package io.cordum.gateway.route;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A success response: a status, a body and extra headers. A handler may also return any other
 * value, which the gateway writes as JSON with status 200.
 *
 * @param status the HTTP status (2xx)
 * @param json a value written as JSON, or {@code null} when {@code raw} is the body
 * @param raw the exact body bytes (with {@code contentType}), or {@code null}
 * @param contentType the content type of {@code raw}
 * @param headers extra response headers
 */
public record Reply(
    int status,
    @Nullable Object json,
    byte @Nullable [] raw,
    String contentType,
    Map<String, String> headers) {

  /**
   * Checks the status and copies the headers. (Written out rather than compact: on a compact
   * constructor's implicit parameter, NullAway 0.13 on JDK 17 misses the type-use {@code @Nullable}
   * of the array {@code raw} and takes it as non-null.)
   */
  public Reply(
      int status,
      @Nullable Object json,
      byte @Nullable [] raw,
      String contentType,
      Map<String, String> headers) {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("a reply status is 2xx, was " + status);
    }
    this.status = status;
    this.json = json;
    this.raw = raw;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.headers = Map.copyOf(headers);
  }

  /** 200 with a JSON body. */
  public static Reply json(Object value) {
    return new Reply(200, value, null, "application/json", Map.of());
  }

  /** The given status with a JSON body. */
  public static Reply json(int status, Object value) {
    return new Reply(status, value, null, "application/json", Map.of());
  }

  /** 204 without a body. */
  public static Reply noContent() {
    return new Reply(204, null, null, "", Map.of());
  }

  /** 200 with a plain-text body. */
  public static Reply text(String body) {
    return new Reply(
        200, null, body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", Map.of());
  }

  /** The given status with exact bytes. */
  public static Reply bytes(int status, byte[] body, String contentType) {
    return new Reply(status, null, body.clone(), contentType, Map.of());
  }

  /** This reply with an extra header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, json, raw, contentType, h);
  }
}
