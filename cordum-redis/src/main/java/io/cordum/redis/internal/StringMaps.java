package io.cordum.redis.internal;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** A string map as a JSON object, and back; what the stores keep labels in. */
public final class StringMaps {
  private StringMaps() {}

  /** The map as a JSON object, keys sorted. */
  public static String encode(Map<String, String> map) {
    return Json.write(Json.map(new TreeMap<>(map)));
  }

  /** The map of a JSON object; {@code null} or blank text gives an empty map. */
  public static Map<String, String> decode(String json) {
    Map<String, String> out = new TreeMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    JsonNode n = Json.parse(json);
    n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
    return out;
  }
}
