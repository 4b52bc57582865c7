package io.cordum.server.internal;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A read-only map that records every key looked up. The gateway reads its variables from a map;
 * recording them tells the server which names the gateway knows, without a second list of them that
 * could drift from the gateway's.
 */
final class RecordingMap extends AbstractMap<String, String> {
  private final Map<String, String> values;
  private final Set<String> read = new LinkedHashSet<>();

  RecordingMap(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  @Override
  public @Nullable String get(Object key) {
    if (key instanceof String k) {
      read.add(k);
    }
    return values.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return values.entrySet();
  }

  /** The keys looked up so far. */
  Set<String> read() {
    return Set.copyOf(read);
  }
}
