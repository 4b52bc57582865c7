package io.cordum.core.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON trees as plain, unmodifiable Java values: objects become maps (in document order), arrays
 * lists, numbers {@code Long} when integral (also {@code 60.0}) and {@code Double} otherwise
 * (integers too big for a long stay {@code BigInteger}), and JSON {@code null} {@code null}.
 */
final class JsonValues {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonValues() {}

  /** The data of a document: the JSON object text as an unmodifiable map. */
  static Map<String, @Nullable Object> parseObject(String json) {
    JsonNode n = MAPPER.readTree(json);
    if (n == null || !n.isObject()) {
      throw new IllegalStateException("config data is not a JSON object: " + json);
    }
    return objectToJava(n);
  }

  static @Nullable Object toJava(JsonNode n) {
    if (n.isObject()) {
      return objectToJava(n);
    }
    if (n.isArray()) {
      List<@Nullable Object> l = new ArrayList<>(n.size());
      n.forEach(x -> l.add(toJava(x)));
      return Collections.unmodifiableList(l);
    }
    if (n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Object) (long) d : (Object) d;
    }
    return n.asString();
  }

  /** A deep, unmodifiable copy of JSON-like Java values (maps, lists, scalars). */
  static @Nullable Object copy(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyMap(m);
    }
    if (v instanceof List<?> l) {
      List<@Nullable Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(copy(x)));
      return Collections.unmodifiableList(out);
    }
    return v;
  }

  /** A deep, unmodifiable copy of a JSON-like object (keys as strings). */
  static Map<String, @Nullable Object> copyMap(Map<?, ?> m) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
    return Collections.unmodifiableMap(out);
  }

  /** A JSON object node as an unmodifiable map, in document order. */
  private static Map<String, @Nullable Object> objectToJava(JsonNode n) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
    return Collections.unmodifiableMap(m);
  }
}
