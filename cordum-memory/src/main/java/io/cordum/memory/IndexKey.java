package io.cordum.memory;

import io.cordum.api.internal.store.ListCursor;
import io.cordum.api.internal.store.Micros;
import java.time.Instant;

/**
 * A job's place in a time-ordered index: a time in microseconds, then the job id to break ties, so
 * that jobs written in the same microsecond still have one stable order.
 */
record IndexKey(long micros, String id) implements Comparable<IndexKey> {

  static IndexKey of(Instant at, String id) {
    return new IndexKey(Micros.of(at), id);
  }

  /** The smallest key at {@code micros} (no job id is empty). */
  static IndexKey first(long micros) {
    return new IndexKey(micros, "");
  }

  /** The listing cursor of a page that ended at {@code last}. */
  static String encode(IndexKey last) {
    return new ListCursor(last.micros(), last.id()).encode();
  }

  /**
   * @throws io.cordum.api.ValidationException if the cursor was not made by {@link #encode}
   */
  static IndexKey decode(String cursor) {
    ListCursor c = ListCursor.decode(cursor);
    return new IndexKey(c.micros(), c.id());
  }

  @Override
  public int compareTo(IndexKey o) {
    int c = Long.compare(micros, o.micros);
    return c != 0 ? c : id.compareTo(o.id);
  }
}
