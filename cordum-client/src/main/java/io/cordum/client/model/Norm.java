package io.cordum.client.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Null-to-empty normalization for the records' compact constructors. */
final class Norm {
  private Norm() {}

  static String s(@Nullable String v) {
    return v == null ? "" : v;
  }

  static <T> List<T> list(@Nullable List<T> v) {
    return v == null || v.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(v));
  }

  static <K, V> Map<K, V> map(@Nullable Map<K, V> v) {
    return v == null || v.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(v));
  }
}
