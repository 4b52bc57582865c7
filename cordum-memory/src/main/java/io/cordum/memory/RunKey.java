package io.cordum.memory;

import java.time.Instant;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * A run's place in a listing: creation time (ms), then run id. The cursor form {@code <13-digit
 * ms>:<id>} sorts the same way as text, which is what the Redis store uses.
 */
record RunKey(long createdMs, String id) implements Comparable<RunKey> {
  static final Comparator<RunKey> ORDER =
      Comparator.comparingLong(RunKey::createdMs).thenComparing(RunKey::id);

  static RunKey of(Instant created, String id) {
    return new RunKey(created.toEpochMilli(), id);
  }

  /** The cursor text. */
  String cursor() {
    return String.format("%013d:%s", createdMs, id);
  }

  /** Parses a cursor; a garbled one gives {@code null}. */
  static @Nullable RunKey parse(String cursor) {
    int i = cursor.indexOf(':');
    if (i <= 0) {
      return null;
    }
    try {
      return new RunKey(Long.parseLong(cursor.substring(0, i)), cursor.substring(i + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int compareTo(RunKey o) {
    return ORDER.compare(this, o);
  }
}
