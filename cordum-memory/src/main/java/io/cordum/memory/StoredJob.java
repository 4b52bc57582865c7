package io.cordum.memory;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStateEvent;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored for one job, as one immutable value: a write builds the next value and
 * publishes it at once, so a reader never sees half a write and reads need no lock.
 *
 * @param record the job record
 * @param request the saved request, if any
 * @param history state changes, oldest first, bounded
 * @param decisions safety decisions, oldest first, bounded
 * @param expiresAt when the job reads as absent (last write plus the retention)
 */
record StoredJob(
    JobRecord record,
    @Nullable JobRequest request,
    List<JobStateEvent> history,
    List<SafetyDecisionRecord> decisions,
    Instant expiresAt) {

  boolean liveAt(Instant now) {
    return expiresAt.isAfter(now);
  }

  /** The list with {@code item} appended, dropping the oldest items beyond {@code limit}. */
  static <T> List<T> append(List<T> list, T item, int limit) {
    int keep = Math.min(list.size(), limit - 1);
    List<T> next = new ArrayList<>(keep + 1);
    next.addAll(list.subList(list.size() - keep, list.size()));
    next.add(item);
    return Collections.unmodifiableList(next);
  }
}
