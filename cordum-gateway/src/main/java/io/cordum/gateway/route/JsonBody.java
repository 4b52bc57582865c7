package io.cordum.gateway.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object request body with typed accessors. A field that is absent or {@code null} reads as
 * the type's empty value; a field of the wrong type is a 400 {@code invalid_json} error that names
 * the field and the expected type (Cordum's gateway answered a bare {@code invalid json}).
 */
public final class JsonBody {
  private final ObjectNode node;

  /** Wraps an object node. */
  public JsonBody(ObjectNode node) {
    this.node = Objects.requireNonNull(node, "node");
  }

  /** The underlying tree. */
  public ObjectNode node() {
    return node;
  }

  /** Whether the field is present and not {@code null}. */
  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** A string field, {@code ""} when absent. */
  public String string(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isString()) {
      throw wrongType(field, "a string");
    }
    return v.asString();
  }

  /** A boolean field, {@code false} when absent. */
  public boolean bool(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw wrongType(field, "a boolean");
    }
    return v.asBoolean();
  }

  /** An integer field within the range of {@code long}, 0 when absent. */
  public long int64(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(field, "an integer");
    }
    return v.asLong();
  }

  /** An integer field within the range of {@code int}, 0 when absent. */
  public int int32(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(field, "a 32-bit integer");
    }
    return v.asInt();
  }

  /** A number field, 0 when absent. */
  public double number(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isNumber()) {
      throw wrongType(field, "a number");
    }
    return v.asDouble();
  }

  /** An array of strings, empty when absent. */
  public List<String> strings(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(field, "an array of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isString()) {
        throw wrongType(field, "an array of strings");
      }
      out.add(e.asString());
    }
    return Collections.unmodifiableList(out);
  }

  /** An object of string values, empty when absent. */
  public Map<String, String> stringMap(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw wrongType(field, "an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isString()) {
        throw wrongType(field + "." + e.getKey(), "a string");
      }
      out.put(e.getKey(), e.getValue().asString());
    }
    return Collections.unmodifiableMap(out);
  }

  /** A field as a tree, or {@code null} when absent or {@code null}. */
  public @Nullable JsonNode tree(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  /** An object field as a tree, or {@code null} when absent. */
  public @Nullable ObjectNode object(String field) {
    JsonNode v = tree(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw wrongType(field, "an object");
    }
    return (ObjectNode) v;
  }

  private static ApiError wrongType(String field, String type) {
    return ApiError.invalidJson("invalid json: " + field + " must be " + type);
  }
}
