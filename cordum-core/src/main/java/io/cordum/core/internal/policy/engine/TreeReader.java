package io.cordum.core.internal.policy.engine;

import io.cordum.api.ValidationException.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads from a YAML/JSON tree that collect violations (field path + rule) instead of failing.
 */
final class TreeReader {
  final List<Violation> violations = new ArrayList<>();

  void fail(String path, String rule) {
    violations.add(new Violation(path, rule));
  }

  /** Reports keys of an object that are not in {@code known}; false if the node is no object. */
  boolean object(@Nullable JsonNode n, String path, Set<String> known) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isObject()) {
      fail(path, "must be a mapping");
      return false;
    }
    for (String k : n.propertyNames()) {
      if (!known.contains(k)) {
        fail(path.isEmpty() ? k : path + "." + k, "unknown field; allowed: " + sorted(known));
      }
    }
    return true;
  }

  String string(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isString() || n.isNumber() || n.isBoolean()) {
      return n.asString();
    }
    fail(join(path, key), "must be a string");
    return "";
  }

  List<String> strings(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      fail(join(path, key), "must be a list of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (JsonNode e : n) {
      if (e.isString() || e.isNumber() || e.isBoolean()) {
        out.add(e.asString());
      } else {
        fail(join(path, key) + "[" + i + "]", "must be a string");
      }
      i++;
    }
    return out;
  }

  Map<String, String> stringMap(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      fail(join(path, key), "must be a mapping of strings to strings");
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var e : n.properties()) {
      JsonNode v = e.getValue();
      if (v.isString() || v.isNumber() || v.isBoolean()) {
        out.put(e.getKey(), v.asString());
      } else if (v.isNull()) {
        out.put(e.getKey(), "");
      } else {
        fail(join(path, key) + "." + e.getKey(), "must be a string");
      }
    }
    return out;
  }

  @Nullable Boolean bool(JsonNode parent, String key, String path) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      fail(join(path, key), "must be true or false");
      return null;
    }
    return n.booleanValue();
  }

  long nonNegative(JsonNode parent, String key, String path, long max) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      fail(join(path, key), "must be a whole number");
      return 0;
    }
    long v = n.longValue();
    if (v < 0 || v > max) {
      fail(join(path, key), "must be between 0 and " + max);
      return 0;
    }
    return v;
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new java.util.TreeSet<>(s));
  }
}
