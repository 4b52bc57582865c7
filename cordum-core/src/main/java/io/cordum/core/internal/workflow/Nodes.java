package io.cordum.core.internal.workflow;

import io.cordum.api.ValidationException.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Typed reads from a JSON/YAML tree that record a violation instead of throwing. */
final class Nodes {
  private final List<Violation> errors;

  Nodes(List<Violation> errors) {
    this.errors = errors;
  }

  String str(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (v.isString() || v.isNumber() || v.isBoolean()) {
      return v.asString();
    }
    errors.add(new Violation(path + field, "must be a string"));
    return "";
  }

  long num(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isString()) {
      try {
        return Long.parseLong(v.asString().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    errors.add(new Violation(path + field, "must be an integer"));
    return 0;
  }

  double dbl(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    errors.add(new Violation(path + field, "must be a number"));
    return 0;
  }

  List<String> strings(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isString()) {
      out.add(v.asString());
      return out;
    }
    if (!v.isArray()) {
      errors.add(new Violation(path + field, "must be a list of strings"));
      return out;
    }
    int i = 0;
    for (JsonNode e : v) {
      if (e.isString()) {
        out.add(e.asString());
      } else {
        errors.add(new Violation(path + field + "[" + i + "]", "must be a string"));
      }
      i++;
    }
    return out;
  }

  Map<String, String> stringMap(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      errors.add(new Violation(path + field, "must be a map of strings"));
      return out;
    }
    for (var e : v.properties()) {
      JsonNode x = e.getValue();
      if (x.isObject() || x.isArray()) {
        errors.add(new Violation(path + field + "." + e.getKey(), "must be a string"));
      } else {
        out.put(e.getKey(), x.isNull() ? "" : x.asString());
      }
    }
    return out;
  }

  Map<String, @Nullable Object> object(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      errors.add(new Violation(path + field, "must be an object"));
      return Map.of();
    }
    return objectToJava(v);
  }

  List<@Nullable Object> list(JsonNode n, String field, String path) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      errors.add(new Violation(path + field, "must be a list"));
      return List.of();
    }
    return arrayToJava(v);
  }

  /** A tree as plain Java values: maps, lists, strings, Long/Double numbers, booleans, null. */
  static @Nullable Object toJava(@Nullable JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    if (n.isObject()) {
      return objectToJava(n);
    }
    if (n.isArray()) {
      return arrayToJava(n);
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    return n.asString();
  }

  private static Map<String, @Nullable Object> objectToJava(JsonNode n) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    for (var e : n.properties()) {
      m.put(e.getKey(), toJava(e.getValue()));
    }
    return m;
  }

  private static List<@Nullable Object> arrayToJava(JsonNode n) {
    List<@Nullable Object> l = new ArrayList<>();
    n.forEach(x -> l.add(toJava(x)));
    return l;
  }
}
