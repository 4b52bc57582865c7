package io.cordum.api.config;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stored config document, as a {@link ConfigStore} keeps it. The data is JSON text (an object);
 * the store does not look into it. The config service writes it in canonical form (sorted keys, no
 * whitespace), so equal data has equal text.
 *
 * @param key the document's address
 * @param data the document's data, a JSON object
 * @param revision 1 for the first write, then one more on every write (never reused, not even after
 *     a delete)
 * @param updatedAt when the store wrote it, by its clock, to the microsecond
 * @param meta free-form string labels
 */
public record ConfigEntry(
    ConfigKey key, String data, long revision, Instant updatedAt, Map<String, String> meta) {

  /** Copies the labels (sorted by name). */
  public ConfigEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(updatedAt, "updatedAt");
    meta = Collections.unmodifiableMap(new TreeMap<>(meta));
  }
}
