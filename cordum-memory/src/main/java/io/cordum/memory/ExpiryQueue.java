package io.cordum.memory;

import io.cordum.api.internal.store.Micros;
import java.time.Instant;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;

/**
 * The expiry times of a store's entries, earliest first, so that expired entries are purged by
 * looking only at the due ones rather than scanning the store. Callers keep exactly one due time
 * per live entry (removing the old one when they move it) and re-check an entry's real expiry
 * before dropping it, since a concurrent write may have renewed it.
 *
 * @param <K> the entry key
 */
final class ExpiryQueue<K extends Comparable<? super K>> {
  private final ConcurrentSkipListSet<Due<K>> queue = new ConcurrentSkipListSet<>();

  void add(K key, Instant at) {
    queue.add(new Due<>(Micros.of(at), key));
  }

  void remove(K key, Instant at) {
    queue.remove(new Due<>(Micros.of(at), key));
  }

  /** Moves an entry's due time. */
  void move(K key, Instant from, Instant to) {
    if (!from.equals(to)) {
      remove(key, from);
      add(key, to);
    }
  }

  /**
   * Takes every entry due at or before {@code now} off the queue and hands its key to {@code
   * purge}. An entry taken by a concurrent drain is handed to that caller only.
   */
  void drain(Instant now, Consumer<K> purge) {
    long limit = Micros.of(now);
    for (Due<K> due : queue) {
      if (due.micros() > limit) {
        return;
      }
      if (queue.remove(due)) {
        purge.accept(due.key());
      }
    }
  }

  int size() {
    return queue.size();
  }

  private record Due<K extends Comparable<? super K>>(long micros, K key)
      implements Comparable<Due<K>> {
    @Override
    public int compareTo(Due<K> o) {
      int c = Long.compare(micros, o.micros);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }
}
