package io.cordum.api.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Deep copies of JSON trees ({@code Map<String, ?>}, {@code List<?>}, strings, numbers, booleans,
 * {@code null}) into unmodifiable structures that keep insertion order and allow {@code null}
 * values, so records holding them are immutable values.
 */
public final class JsonTrees {
  private JsonTrees() {}

  /**
   * An unmodifiable deep copy of a JSON value. Maps become insertion-ordered maps with string keys,
   * collections and arrays become lists; whole numbers that fit become {@code Long} and other
   * fixed-size numbers {@code Double} (so a value reads back equal from every store); other values
   * are kept as they are.
   */
  public static @Nullable Object freeze(@Nullable Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Map<?, ?> m) {
      return freezeMap(m);
    }
    if (value instanceof Frozen.FrozenList) {
      return value;
    }
    if (value instanceof Collection<?> c) {
      List<@Nullable Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(freeze(v)));
      return new Frozen.FrozenList(out);
    }
    if (value instanceof Object[] a) {
      return freeze(List.of(a));
    }
    return value;
  }

  /** An unmodifiable deep copy of a JSON object; {@code null} gives an empty map. */
  public static Map<String, Object> freezeMap(@Nullable Map<?, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    if (Frozen.FrozenMap.is(map, Frozen.Kind.JSON)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> frozen = (Map<String, Object>) map;
      return frozen; // already a deep frozen copy: nothing can change it
    }
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
    return new Frozen.FrozenMap<>(out, Frozen.Kind.JSON);
  }

  /** A mutable deep copy of a JSON value (maps and lists become mutable). */
  public static @Nullable Object thaw(@Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      return thawMap(m);
    }
    if (value instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      c.forEach(v -> out.add(thaw(v)));
      return out;
    }
    return value;
  }

  /** A mutable deep copy of a JSON object; {@code null} gives an empty map. */
  public static Map<String, Object> thawMap(@Nullable Map<?, ?> map) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> out.put(String.valueOf(k), thaw(v)));
    }
    return out;
  }

  static Map<String, String> strings(@Nullable Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    if (Frozen.FrozenMap.is(m, Frozen.Kind.STRINGS)) {
      return m;
    }
    LinkedHashMap<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k == null ? "" : k, v == null ? "" : v));
    return new Frozen.FrozenMap<>(out, Frozen.Kind.STRINGS);
  }

  static List<String> list(@Nullable Collection<String> l) {
    if (l == null || l.isEmpty()) {
      return List.of();
    }
    return l.stream().map(s -> s == null ? "" : s).toList();
  }

  static String str(@Nullable String s) {
    return s == null ? "" : s;
  }
}
