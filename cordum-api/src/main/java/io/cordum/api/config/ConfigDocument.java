package io.cordum.api.config;

import java.time.Instant;
import java.util.Map;

/**
 * One config document as the {@link ConfigService} returns it.
 *
 * @param key its scope and id
 * @param data its data: unmodifiable maps, lists, strings, {@code Long}/{@code Double} numbers,
 *     booleans and {@code null}s
 * @param revision 1 for the first write, one more for every write since (never reused)
 * @param updatedAt when it was last written
 * @param meta free-form labels
 * @param hash hex SHA-256 of the canonical JSON of {@code data}; equal data, equal hash
 */
public record ConfigDocument(
    ConfigKey key,
    Map<String, Object> data,
    long revision,
    Instant updatedAt,
    Map<String, String> meta,
    String hash) {

  /** Copies the labels. */
  public ConfigDocument {
    meta = Map.copyOf(meta);
  }
}
