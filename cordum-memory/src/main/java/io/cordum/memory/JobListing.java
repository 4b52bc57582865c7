package io.cordum.memory;

import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import java.util.Collections;
import java.util.NavigableSet;

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

  /** Whether a record passes the query's state, topic, tenant and team filters. */
  static boolean matches(JobRecord r, JobQuery q) {
    return (q.state() == null || r.state() == q.state())
        && (q.topic() == null || r.topic().equals(q.topic()))
        && (q.tenant() == null || r.tenant().equals(q.tenant()))
        && (q.team() == null || r.team().equals(q.team()));
  }
}
