package io.cordum.memory;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStateEvent;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything stored for one job, as one immutable value: a write builds the next value and
 * publishes it at once, so a reader never sees half a write and reads need no lock.
 *
 * <p>The history is kept as one {@code long[]} (a time in microseconds and a state ordinal per
 * event) rather than a list of events: a store keeps every job for its retention, and each object a
 * job holds is one more for every young collection to copy while the job is new.
 *
 * @param record the job record
 * @param request the saved request, if any
 * @param events state changes, oldest first, bounded: pairs of (microseconds, state ordinal)
 * @param decisions safety decisions, oldest first, bounded
 * @param expiresMicros when the job reads as absent (last write plus the retention), in
 *     microseconds since the epoch
 */
record StoredJob(
    JobRecord record,
    @Nullable JobRequest request,
    long[] events,
    List<SafetyDecisionRecord> decisions,
    long expiresMicros) {
  private static final JobState[] STATES = JobState.values();
  static final long[] NO_EVENTS = new long[0];

  boolean liveAt(long nowMicros) {
    return expiresMicros > nowMicros;
  }

  /** The state changes, oldest first. */
  List<JobStateEvent> history() {
    List<JobStateEvent> out = new ArrayList<>(events.length / 2);
    for (int i = 0; i < events.length; i += 2) {
      out.add(new JobStateEvent(Micros.toInstant(events[i]), STATES[(int) events[i + 1]]));
    }
    return List.copyOf(out);
  }

  /**
   * The events with one appended, dropping the oldest beyond {@code limit} events. {@code at} must
   * have microsecond precision (the store's clock reads are truncated).
   */
  static long[] appendEvent(long[] events, Instant at, JobState state, int limit) {
    int keep = Math.min(events.length / 2, limit - 1);
    long[] next = Arrays.copyOfRange(events, events.length - 2 * keep, events.length + 2);
    next[2 * keep] = Micros.of(at);
    next[2 * keep + 1] = state.ordinal();
    return next;
  }

  /** The list with {@code item} appended, dropping the oldest items beyond {@code limit}. */
  static <T> List<T> append(List<T> list, T item, int limit) {
    int keep = Math.min(list.size(), limit - 1);
    if (keep == 0) {
      return List.of(item);
    }
    if (keep == 1) {
      return List.of(list.get(list.size() - 1), item);
    }
    List<T> next = new ArrayList<>(keep + 1);
    next.addAll(list.subList(list.size() - keep, list.size()));
    next.add(item);
    return List.copyOf(next);
  }
}
