package io.cordum.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets of job ids by name (a tenant's active jobs, a trace's jobs). An empty set is removed, so
 * names of finished tenants and traces do not accumulate.
 */
final class IdSets {
  private final ConcurrentHashMap<String, Set<String>> sets = new ConcurrentHashMap<>();

  void add(String name, String id) {
    sets.compute(
        name,
        (k, s) -> {
          Set<String> ids = s == null ? ConcurrentHashMap.newKeySet() : s;
          ids.add(id);
          return ids;
        });
  }

  void remove(String name, String id) {
    sets.computeIfPresent(
        name,
        (k, s) -> {
          s.remove(id);
          return s.isEmpty() ? null : s;
        });
  }

  /** A snapshot of the set's members; empty for an unknown name. */
  Set<String> members(String name) {
    Set<String> s = sets.get(name);
    return s == null ? Set.of() : Set.copyOf(s);
  }

  int count(String name) {
    Set<String> s = sets.get(name);
    return s == null ? 0 : s.size();
  }

  /** Names plus members, for footprint checks. */
  int size() {
    return sets.values().stream().mapToInt(s -> 1 + s.size()).sum();
  }
}
