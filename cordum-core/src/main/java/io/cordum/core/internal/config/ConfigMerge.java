package io.cordum.core.internal.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The merge of the effective config: each scope's data laid over the wider scopes' result (system,
 * org, team, workflow, step). The rules, also in {@code docs/architecture.md}:
 *
 * <ul>
 *   <li>objects merge deep, at every level: the narrower scope's keys override the wider one's key
 *       by key, keys it does not mention stay;
 *   <li>arrays, strings, numbers and booleans replace (and a value of another kind replaces an
 *       object or the other way round);
 *   <li>a JSON {@code null} deletes the key (RFC 7386, as pack overlays do);
 *   <li>except the top-level {@code safety} object, which only ever tightens: see {@link
 *       SafetyMerge}.
 * </ul>
 */
final class ConfigMerge {
  /** The key of the section that is merged restrictively. */
  static final String SAFETY = "safety";

  private ConfigMerge() {}

  /** The layers merged in order (the first is the widest). The result is unmodifiable. */
  static Map<String, Object> merge(List<Map<String, Object>> layers) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map<String, Object> layer : layers) {
      for (Map.Entry<String, Object> e : layer.entrySet()) {
        String k = e.getKey();
        if (k.equals(SAFETY)) {
          Object merged = SafetyMerge.merge(out.get(k), e.getValue());
          if (merged != null) {
            out.put(k, merged);
          }
        } else {
          apply(out, k, e.getValue());
        }
      }
    }
    return JsonValues.copyMap(out);
  }

  /** Lays {@code over} over {@code base} (deep for objects, null deletes). */
  static @Nullable Object mergeValue(@Nullable Object base, @Nullable Object over) {
    if (over instanceof Map<?, ?> o && base instanceof Map<?, ?> b) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      b.forEach((k, v) -> out.put(String.valueOf(k), v));
      o.forEach((k, v) -> apply(out, String.valueOf(k), v));
      return Collections.unmodifiableMap(out);
    }
    return JsonValues.copy(withoutNulls(over));
  }

  private static void apply(Map<String, @Nullable Object> out, String key, @Nullable Object v) {
    if (v == null) {
      out.remove(key);
    } else {
      out.put(key, mergeValue(out.get(key), v));
    }
  }

  /** An object set where there was none: its null members mean "absent", as in a merge. */
  private static @Nullable Object withoutNulls(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      m.forEach(
          (k, x) -> {
            if (x != null) {
              out.put(String.valueOf(k), withoutNulls(x));
            }
          });
      return out;
    }
    return v;
  }
}
