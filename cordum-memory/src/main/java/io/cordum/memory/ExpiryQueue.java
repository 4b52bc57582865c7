package io.cordum.memory;

import io.cordum.api.internal.store.Micros;
import java.time.Instant;
import java.util.NoSuchElementException;
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
    add(key, Micros.of(at));
  }

  void add(K key, long micros) {
    queue.add(new Due<>(micros, key));
  }

  void remove(K key, Instant at) {
    remove(key, Micros.of(at));
  }

  void remove(K key, long micros) {
    queue.remove(new Due<>(micros, key));
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
    if (anyDue(limit)) {
      drain(limit, (key, micros) -> purge.accept(key));
    }
  }

  /**
   * As {@link #drain(Instant, Consumer)}, handing over each entry's due time too. Cheap when
   * nothing is due (no iterator is made), since stores call it on every write.
   */
  void drain(long nowMicros, DueConsumer<K> purge) {
    if (!anyDue(nowMicros)) {
      return;
    }
    for (Due<K> due : queue) {
      if (due.micros() > nowMicros) {
        return;
      }
      if (queue.remove(due)) {
        purge.accept(due.key(), due.micros());
      }
    }
  }

  private boolean anyDue(long nowMicros) {
    if (queue.isEmpty()) {
      return false;
    }
    try {
      return queue.first().micros() <= nowMicros;
    } catch (NoSuchElementException e) {
      return false; // emptied since isEmpty()
    }
  }

  /** Receives a drained entry: its key and the due time it was queued at. */
  @FunctionalInterface
  interface DueConsumer<K> {
    void accept(K key, long micros);
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
