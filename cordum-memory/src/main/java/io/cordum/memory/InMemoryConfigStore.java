package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.config.ConfigEntry;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.internal.store.Micros;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConfigStore} held in this JVM. Each write is one atomic {@code compute} on the
 * document's slot, so the compare-and-set on the revision holds across threads. A delete leaves a
 * tombstone with the last revision, so a document written again continues from there.
 */
public final class InMemoryConfigStore implements ConfigStore {
  private final InstantSource clock;
  private final ConcurrentHashMap<ConfigKey, Slot> docs = new ConcurrentHashMap<>();

  /** The stored state of one key: a live entry, or a tombstone ({@code entry == null}). */
  private record Slot(long revision, @Nullable ConfigEntry entry) {}

  /** A store that takes the time from {@code clock}. */
  public InMemoryConfigStore(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<ConfigEntry> get(ConfigKey key) {
    Slot s = docs.get(key);
    return s == null ? Optional.empty() : Optional.ofNullable(s.entry());
  }

  @Override
  public ConfigEntry put(
      ConfigKey key, String data, Map<String, String> meta, long expectedRevision) {
    Objects.requireNonNull(data, "data");
    Map<String, String> labels = Map.copyOf(meta);
    Slot next =
        docs.compute(
            key,
            (k, cur) -> {
              check(k, cur, expectedRevision);
              long rev = (cur == null ? 0 : cur.revision()) + 1;
              return new Slot(rev, new ConfigEntry(k, data, rev, Micros.now(clock), labels));
            });
    return Objects.requireNonNull(next.entry());
  }

  @Override
  public boolean delete(ConfigKey key, long expectedRevision) {
    boolean[] deleted = {false};
    docs.compute(
        key,
        (k, cur) -> {
          check(k, cur, expectedRevision);
          if (cur == null || cur.entry() == null) {
            return cur;
          }
          deleted[0] = true;
          return new Slot(cur.revision() + 1, null);
        });
    return deleted[0];
  }

  private static void check(ConfigKey key, @Nullable Slot cur, long expected) {
    if (expected == ANY_REVISION) {
      return;
    }
    long observed = cur == null || cur.entry() == null ? ABSENT : cur.revision();
    if (observed != expected) {
      throw new ConflictException(
          "config "
              + key
              + " is at revision "
              + observed
              + ", not the expected "
              + expected
              + "; read it again and retry");
    }
  }
}
