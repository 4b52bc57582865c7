package io.cordum.memory;

import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a job listing that depend only on the query: the slice of an update-time index that
 * the time filters and the cursor leave, and the filters checked on each record.
 */
final class JobListing {
  private JobListing() {}

  /** The keys of {@code index} within the query's time bounds and after its cursor. */
  static NavigableSet<IndexKey> range(NavigableSet<IndexKey> index, JobQuery q) {
    IndexKey lo = null;
    boolean loInclusive = true;
    IndexKey hi = null;
    if (q.updatedAfter() != null) {
      lo = IndexKey.first(Micros.ceil(q.updatedAfter()));
    }
    if (q.updatedBefore() != null && Micros.of(q.updatedBefore()) < Long.MAX_VALUE) {
      hi = IndexKey.first(Micros.of(q.updatedBefore()) + 1); // exclusive
    }
    if (q.cursor() != null) {
      IndexKey after = IndexKey.decode(q.cursor());
      if (q.order() == JobQuery.Order.NEWEST_FIRST) {
        hi = hi == null || after.compareTo(hi) < 0 ? after : hi;
      } else if (lo == null || after.compareTo(lo) >= 0) {
        lo = after;
        loInclusive = false;
      }
    }
    if (lo != null && hi != null) {
      return lo.compareTo(hi) >= 0
          ? Collections.emptyNavigableSet()
          : index.subSet(lo, loInclusive, hi, false);
    }
    if (lo != null) {
      return index.tailSet(lo, loInclusive);
    }
    return hi != null ? index.headSet(hi, false) : index;
  }

  /**
   * The keys of several sorted sets as one sorted sequence, ascending or (when {@code descending},
   * each set then being a descending view) descending. The store indexes jobs by update time per
   * state only, so a listing across states merges the states' indexes.
   */
  static Iterable<IndexKey> merged(List<NavigableSet<IndexKey>> sets, boolean descending) {
    if (sets.size() == 1) {
      return sets.get(0);
    }
    return () -> new Merge(sets, descending);
  }

  private static final class Merge implements Iterator<IndexKey> {
    private final List<Iterator<IndexKey>> sources;
    private final @Nullable IndexKey[] heads;
    private final boolean descending;

    Merge(List<NavigableSet<IndexKey>> sets, boolean descending) {
      this.sources = sets.stream().map(NavigableSet::iterator).toList();
      this.heads = new IndexKey[sets.size()];
      this.descending = descending;
      for (int i = 0; i < heads.length; i++) {
        heads[i] = advance(i);
      }
    }

    private @Nullable IndexKey advance(int i) {
      Iterator<IndexKey> it = sources.get(i);
      return it.hasNext() ? it.next() : null;
    }

    /** The source whose head comes first in the order, or -1 when all are exhausted. */
    private int first() {
      int best = -1;
      for (int i = 0; i < heads.length; i++) {
        IndexKey h = heads[i];
        if (h == null) {
          continue;
        }
        if (best < 0) {
          best = i;
          continue;
        }
        int c = h.compareTo(java.util.Objects.requireNonNull(heads[best]));
        if (descending ? c > 0 : c < 0) {
          best = i;
        }
      }
      return best;
    }

    @Override
    public boolean hasNext() {
      return first() >= 0;
    }

    @Override
    public IndexKey next() {
      int i = first();
      if (i < 0) {
        throw new NoSuchElementException();
      }
      IndexKey k = java.util.Objects.requireNonNull(heads[i]);
      heads[i] = advance(i);
      return k;
    }
  }

  /** Whether a record passes the query's state, topic, tenant and team filters. */
  static boolean matches(JobRecord r, JobQuery q) {
    return (q.state() == null || r.state() == q.state())
        && (q.topic() == null || r.topic().equals(q.topic()))
        && (q.tenant() == null || r.tenant().equals(q.tenant()))
        && (q.team() == null || r.team().equals(q.team()));
  }
}
