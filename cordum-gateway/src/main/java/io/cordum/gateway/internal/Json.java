package io.cordum.gateway.internal;

import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.JsonBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The gateway's JSON mapper and conversions between trees and plain Java values. */
public final class Json {
  /** Strict on input (no trailing tokens, no duplicate keys), plain on output. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}

  /** Writes a value as JSON bytes followed by a newline, as Go's encoder does. */
  public static byte[] write(@Nullable Object value) {
    byte[] b = MAPPER.writeValueAsBytes(value);
    byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
    out[b.length] = '\n';
    return out;
  }

  /** Writes a value as a compact JSON string. */
  public static String string(@Nullable Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * Parses a request body as a JSON object.
   *
   * @throws ApiError 400 {@code invalid_json}
   */
  public static JsonBody object(byte[] body, boolean emptyAllowed) {
    if (isBlank(body)) {
      if (emptyAllowed) {
        return new JsonBody(MAPPER.createObjectNode());
      }
      throw ApiError.invalidJson("invalid json: a JSON object body is required");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiError.invalidJson("invalid json");
    }
    if (n == null || !n.isObject()) {
      throw ApiError.invalidJson("invalid json: the body must be a JSON object");
    }
    return new JsonBody((ObjectNode) n);
  }

  /** Parses JSON text into a tree, or {@code null} when it is not JSON. */
  public static @Nullable JsonNode tryParse(byte @Nullable [] bytes) {
    if (bytes == null || isBlank(bytes)) {
      return null;
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Whether the bytes are empty or only whitespace. */
  public static boolean isBlank(byte[] b) {
    for (byte c : b) {
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** A tree as plain Java values (maps, lists, strings, numbers, booleans, nulls). */
  public static @Nullable Object plain(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      for (JsonNode e : n) {
        l.add(plain(e));
      }
      return l;
    }
    if (n.isString()) {
      return n.asString();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    return n.asString();
  }

  /** An object tree as a plain map ({@code {}} for null). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> plainObject(@Nullable JsonNode n) {
    Object o = plain(n);
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  /** UTF-8 text of bytes, or {@code null} when they are not valid UTF-8. */
  public static @Nullable String utf8(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** RFC 3339 text of an instant (nanosecond precision as needed), or {@code null}. */
  public static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  /** Unix microseconds of an instant. */
  public static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
