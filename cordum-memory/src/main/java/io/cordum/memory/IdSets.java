package io.cordum.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets of job ids by name (a tenant's active jobs, a trace's jobs). An empty set is removed, so
 * names of finished tenants and traces do not accumulate. A set of one id is held as the id itself
 * and becomes a concurrent set only when a second id joins: most traces hold one job, and the job
 * store keeps every job's trace entry for the job's retention.
 */
final class IdSets {
  // A value is a String (a set of one) or a concurrent Set<String> of two or more.
  private final ConcurrentHashMap<String, Object> sets = new ConcurrentHashMap<>();

  void add(String name, String id) {
    sets.compute(
        name,
        (k, v) -> {
          if (v == null) {
            return id;
          }
          if (v instanceof String one) {
            if (one.equals(id)) {
              return one;
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            ids.add(one);
            ids.add(id);
            return ids;
          }
          setOf(v).add(id);
          return v;
        });
  }

  void remove(String name, String id) {
    sets.computeIfPresent(
        name,
        (k, v) -> {
          if (v instanceof String one) {
            return one.equals(id) ? null : one;
          }
          Set<String> s = setOf(v);
          s.remove(id);
          return s.isEmpty() ? null : s;
        });
  }

  /** A snapshot of the set's members; empty for an unknown name. */
  Set<String> members(String name) {
    Object v = sets.get(name);
    if (v == null) {
      return Set.of();
    }
    return v instanceof String one ? Set.of(one) : Set.copyOf(setOf(v));
  }

  int count(String name) {
    Object v = sets.get(name);
    if (v == null) {
      return 0;
    }
    return v instanceof String ? 1 : setOf(v).size();
  }

  /** Names plus members, for footprint checks. */
  int size() {
    return sets.values().stream()
        .mapToInt(v -> 1 + (v instanceof String ? 1 : setOf(v).size()))
        .sum();
  }

  @SuppressWarnings("unchecked")
  private static Set<String> setOf(Object v) {
    return (Set<String>) v;
  }
}
