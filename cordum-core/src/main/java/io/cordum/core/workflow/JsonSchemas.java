package io.cordum.core.workflow;

import io.cordum.api.ValidationException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A small JSON Schema subset for inline step and workflow schemas: {@code type} (a name or a
 * list of names), {@code required}, {@code properties}, {@code additionalProperties: false},
 * {@code items}, {@code enum}, {@code minItems}/{@code maxItems}, {@code minLength},
 * {@code minimum}/{@code maximum}. Other keywords are accepted and not checked.
 */
final class JsonSchemas {
  private static final Set<String> TYPES =
      Set.of("object", "array", "string", "number", "integer", "boolean", "null");

  private JsonSchemas() {}

  /** Checks that a schema is well formed; adds one violation per problem under {@code path}. */
  static void checkSchema(Map<String, Object> schema, String path, List<Violation> errors) {
    Object type = schema.get("type");
    if (type != null) {
      List<?> names = type instanceof List<?> l ? l : List.of(type);
      for (Object t : names) {
        if (!(t instanceof String s) || !TYPES.contains(s)) {
          errors.add(new Violation(path + ".type", "unknown JSON schema type " + t));
        }
      }
    }
    Object req = schema.get("required");
    if (req != null && !(req instanceof List<?> l && l.stream().allMatch(String.class::isInstance))) {
      errors.add(new Violation(path + ".required", "must be a list of property names"));
    }
    Object props = schema.get("properties");
    if (props != null) {
      if (props instanceof Map<?, ?> m) {
        m.forEach((k, v) -> sub(v, path + ".properties." + k, errors));
      } else {
        errors.add(new Violation(path + ".properties", "must be an object of schemas"));
      }
    }
    Object items = schema.get("items");
    if (items != null) {
      sub(items, path + ".items", errors);
    }
    Object en = schema.get("enum");
    if (en != null && !(en instanceof List<?>)) {
      errors.add(new Violation(path + ".enum", "must be a list"));
    }
  }

  private static void sub(Object v, String path, List<Violation> errors) {
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) m;
      checkSchema(s, path, errors);
    } else if (!(v instanceof Boolean)) {
      errors.add(new Violation(path, "must be a schema object"));
    }
  }

  /** The ways {@code value} breaks {@code schema}, each as "path: rule"; empty when it fits. */
  static List<String> validate(Map<String, Object> schema, @Nullable Object value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> s, @Nullable Object v, String path,
      List<String> out) {
    Object type = s.get("type");
    if (type != null) {
      List<?> names = type instanceof List<?> l ? l : List.of(type);
      if (names.stream().noneMatch(t -> is(String.valueOf(t), v))) {
        out.add(path + ": must be " + String.join(" or ", names.stream().map(String::valueOf)
            .toList()) + ", was " + kind(v));
        return;
      }
    }
    if (s.get("enum") instanceof List<?> en && en.stream().noneMatch(e -> same(e, v))) {
      out.add(path + ": must be one of " + en);
    }
    if (v instanceof Map<?, ?> m) {
      if (s.get("required") instanceof List<?> req) {
        for (Object r : req) {
          if (!m.containsKey(String.valueOf(r))) {
            out.add(path + "." + r + ": is required");
          }
        }
      }
      Map<String, Object> props = s.get("properties") instanceof Map<?, ?> p
          ? (Map<String, Object>) p : Map.of();
      for (var e : m.entrySet()) {
        Object ps = props.get(String.valueOf(e.getKey()));
        if (ps instanceof Map<?, ?> pm) {
          check((Map<String, Object>) pm, e.getValue(), path + "." + e.getKey(), out);
        } else if (ps == null && Boolean.FALSE.equals(s.get("additionalProperties"))) {
          out.add(path + "." + e.getKey() + ": is not allowed");
        }
      }
    }
    if (v instanceof List<?> l) {
      if (s.get("items") instanceof Map<?, ?> im) {
        for (int i = 0; i < l.size(); i++) {
          check((Map<String, Object>) im, l.get(i), path + "[" + i + "]", out);
        }
      }
      if (s.get("minItems") instanceof Number n && l.size() < n.longValue()) {
        out.add(path + ": must have at least " + n + " items");
      }
      if (s.get("maxItems") instanceof Number n && l.size() > n.longValue()) {
        out.add(path + ": must have at most " + n + " items");
      }
    }
    if (v instanceof String str && s.get("minLength") instanceof Number n
        && str.codePointCount(0, str.length()) < n.longValue()) {
      out.add(path + ": must be at least " + n + " characters");
    }
    if (v instanceof Number num) {
      if (s.get("minimum") instanceof Number n && num.doubleValue() < n.doubleValue()) {
        out.add(path + ": must be at least " + n);
      }
      if (s.get("maximum") instanceof Number n && num.doubleValue() > n.doubleValue()) {
        out.add(path + ": must be at most " + n);
      }
    }
  }

  private static boolean same(Object a, @Nullable Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  private static boolean is(String type, @Nullable Object v) {
    return switch (type) {
      case "object" -> v instanceof Map;
      case "array" -> v instanceof List;
      case "string" -> v instanceof String;
      case "number" -> v instanceof Number;
      case "integer" -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      default -> false;
    };
  }

  private static String kind(@Nullable Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "object";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }
}
