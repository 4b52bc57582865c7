package io.cordum.api.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where config documents live: one {@link ConfigEntry} per {@link ConfigKey}. Every write is a
 * compare-and-set on the document's revision, so two writers that read the same revision cannot
 * both win: the second gets a {@link io.cordum.api.ConflictException} and nothing is written.
 * Revisions are assigned by the store and only ever increase, also across a delete (a deleted
 * document leaves a tombstone that remembers its last revision).
 *
 * <p>Implementations: {@code InMemoryConfigStore} (cordum-memory), {@code RedisConfigStore}
 * (cordum-redis); both pass {@code ConfigStoreContract} (cordum-testkit).
 */
public interface ConfigStore {
  /** The expected revision that matches any state: the write is unconditional. */
  long ANY_REVISION = -1;

  /** The expected revision of a document that does not exist (never written, or deleted). */
  long ABSENT = 0;

  /** The document, if it exists. */
  Optional<ConfigEntry> get(ConfigKey key);

  /**
   * The documents that exist among {@code keys}, in the order of {@code keys}. Backends read them
   * in one round trip where they can (the effective config of every job reads five).
   */
  default Map<ConfigKey, ConfigEntry> getAll(List<ConfigKey> keys) {
    Map<ConfigKey, ConfigEntry> out = new LinkedHashMap<>();
    for (ConfigKey k : keys) {
      get(k).ifPresent(e -> out.put(k, e));
    }
    return out;
  }

  /**
   * Writes a document if its current revision is {@code expectedRevision}.
   *
   * @param key the document
   * @param data JSON object text
   * @param meta labels
   * @param expectedRevision the revision the caller last read, {@link #ABSENT} to create, or {@link
   *     #ANY_REVISION} to write whatever is there
   * @return the stored entry, with its new revision and time
   * @throws io.cordum.api.ConflictException if the current revision is another one
   */
  ConfigEntry put(ConfigKey key, String data, Map<String, String> meta, long expectedRevision);

  /**
   * Deletes a document if its current revision is {@code expectedRevision}.
   *
   * @param expectedRevision the revision the caller last read, or {@link #ANY_REVISION}
   * @return whether a document was deleted ({@code false} if there was none)
   * @throws io.cordum.api.ConflictException if the current revision is another one
   */
  boolean delete(ConfigKey key, long expectedRevision);
}
