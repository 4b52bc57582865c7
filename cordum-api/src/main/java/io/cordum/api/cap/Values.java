package io.cordum.api.cap;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Normalisation shared by the records: proto3 has no nulls for strings, maps or lists. */
final class Values {
  private Values() {}

  static String str(@Nullable String s) {
    return s == null ? "" : s;
  }

  static Map<String, String> map(@Nullable Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    // Insertion order is kept (protobuf-java does the same on the wire).
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(m.size() * 2);
    m.forEach((k, v) -> copy.put(str(k), str(v)));
    return Collections.unmodifiableMap(copy);
  }

  static List<String> list(@Nullable Collection<String> l) {
    if (l == null || l.isEmpty()) {
      return List.of();
    }
    return l.stream().map(Values::str).toList();
  }
}
