package io.cordum.redis.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small JSON tree helpers shared by the codecs (Jackson 3). */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /** A map as an object with its keys sorted, so equal maps give equal JSON. */
  static ObjectNode map(Map<String, String> values) {
    ObjectNode o = MAPPER.createObjectNode();
    new java.util.TreeMap<>(values).forEach(o::put);
    return o;
  }

  static String str(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asString();
  }

  static long num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    return v.isString() ? Long.parseLong(v.asString()) : v.asLong();
  }

  static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.asBoolean();
  }

  static List<String> strings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    List<String> out = new ArrayList<>();
    if (v != null && v.isArray()) {
      v.forEach(e -> out.add(e.asString()));
    }
    return out;
  }

  static Map<String, String> map(JsonNode n, String field) {
    JsonNode v = n.get(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null && v.isObject()) {
      v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    }
    return out;
  }

  static void putBytes(ObjectNode o, String field, byte[] bytes) {
    if (bytes.length > 0) {
      o.put(field, Base64.getEncoder().encodeToString(bytes));
    }
  }

  static byte[] bytes(JsonNode n, String field) {
    String s = str(n, field);
    return s.isEmpty() ? new byte[0] : Base64.getDecoder().decode(s);
  }

  static List<String> stringList(String json) {
    return json.isEmpty() ? List.of() : strings(wrap(json), "v");
  }

  static Map<String, String> stringMap(String json) {
    return json.isEmpty() ? Map.of() : map(wrap(json), "v");
  }

  private static JsonNode wrap(String json) {
    ObjectNode o = object();
    o.set("v", parse(json));
    return o;
  }
}
