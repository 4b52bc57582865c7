package io.cordum.core.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The merge of the {@code safety} section, where a narrower scope may tighten but never loosen what
 * a wider scope set (replacing the whole section would let a team drop its org's denied topics):
 *
 * <ul>
 *   <li>deny lists ({@code denied_topics}, {@code denied_repo_hosts}, {@code blocked_categories},
 *       {@code mcp.deny_*}) are unioned: entries add up, none is removed;
 *   <li>allow lists ({@code allowed_topics}, {@code allowed_repo_hosts}, {@code
 *       allowed_email_domains}, {@code mcp.allow_*}) may only narrow: where a wider scope set a
 *       non-empty list, a narrower scope's entries are kept only if a wider entry covers them (glob
 *       match of the wider pattern against the narrower entry, so {@code job.*} covers {@code
 *       job.a.*} and {@code job.a.b}); if none is covered, the wider list stays;
 *   <li>{@code null} never deletes anything here, and a non-object {@code safety} is ignored;
 *   <li>every other key follows the general rules (objects deep, scalars replace).
 * </ul>
 */
final class SafetyMerge {
  private static final Set<String> DENY =
      Set.of(
          "denied_topics",
          "denied_repo_hosts",
          "blocked_categories",
          "deny_servers",
          "deny_tools",
          "deny_resources",
          "deny_actions");
  private static final Set<String> ALLOW =
      Set.of(
          "allowed_topics",
          "allowed_repo_hosts",
          "allowed_email_domains",
          "allow_servers",
          "allow_tools",
          "allow_resources",
          "allow_actions");

  private SafetyMerge() {}

  /** The merged section, or {@code base} when {@code over} is not an object. */
  static @Nullable Object merge(@Nullable Object base, @Nullable Object over) {
    if (!(over instanceof Map<?, ?> o)) {
      return base;
    }
    if (!(base instanceof Map<?, ?> b)) {
      return ConfigMerge.mergeValue(null, over);
    }
    return section(b, o);
  }

  private static Map<String, Object> section(Map<?, ?> base, Map<?, ?> over) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    base.forEach((k, v) -> out.put(String.valueOf(k), v));
    over.forEach(
        (key, v) -> {
          String k = String.valueOf(key);
          if (v == null) {
            return;
          }
          Object cur = out.get(k);
          if (DENY.contains(k) && v instanceof List<?> l) {
            out.put(k, union(cur, l));
          } else if (ALLOW.contains(k) && v instanceof List<?> l) {
            out.put(k, narrow(cur, l));
          } else if (k.equals("mcp") && v instanceof Map<?, ?> m && cur instanceof Map<?, ?> c) {
            out.put(k, section(c, m));
          } else {
            out.put(k, ConfigMerge.mergeValue(cur, v));
          }
        });
    return Collections.unmodifiableMap(out);
  }

  private static List<Object> union(@Nullable Object base, List<?> over) {
    Set<Object> all = new LinkedHashSet<>();
    if (base instanceof List<?> b) {
      all.addAll(b);
    }
    all.addAll(over);
    all.remove(null);
    return List.copyOf(all);
  }

  private static List<?> narrow(@Nullable Object base, List<?> over) {
    if (!(base instanceof List<?> b) || b.isEmpty()) {
      return List.copyOf(withoutNulls(over));
    }
    List<Object> kept = new ArrayList<>();
    for (Object entry : withoutNulls(over)) {
      if (covered(b, String.valueOf(entry))) {
        kept.add(entry);
      }
    }
    return kept.isEmpty() ? b : List.copyOf(kept);
  }

  private static boolean covered(List<?> wider, String entry) {
    for (Object w : wider) {
      if (w != null && Globs.match(String.valueOf(w), entry)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> withoutNulls(List<?> l) {
    List<Object> out = new ArrayList<>();
    for (Object o : l) {
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }
}
