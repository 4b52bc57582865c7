package io.cordum.memory;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The secondary indexes of the job store, each a concurrent sorted set or a set of ids, kept in
 * step with every write by {@link #update}. Index entries may briefly lag a record (the record is
 * published first), so readers check each hit against the record they load.
 */
final class JobIndexes {
  // By update time, one set per state, and no index of all jobs: a job's state changes with nearly
  // every write, so an all-jobs index would be two more moves per write in a set holding every
  // retained job; a listing across states merges the per-state sets instead.
  private final Map<JobState, ConcurrentSkipListSet<IndexKey>> byState =
      new EnumMap<>(JobState.class);
  private final List<NavigableSet<IndexKey>> allStates;
  private final ConcurrentSkipListSet<IndexKey> timers = new ConcurrentSkipListSet<>();
  private final ConcurrentSkipListSet<IndexKey> deadlines = new ConcurrentSkipListSet<>();

  /** Jobs in SCHEDULED, DISPATCHED or RUNNING, by tenant. */
  private final IdSets activeByTenant = new IdSets();

  private final IdSets traces = new IdSets();

  JobIndexes() {
    for (JobState s : JobState.values()) {
      byState.put(s, new ConcurrentSkipListSet<>());
    }
    allStates = List.copyOf(byState.values());
  }

  /**
   * Moves a job's entries from what {@code before} needs to what {@code after} needs; either may be
   * {@code null} (job created or dropped). Both must be records of the same job.
   */
  void update(@Nullable JobRecord before, @Nullable JobRecord after) {
    JobRecord any = after != null ? after : before;
    if (any == null) {
      return;
    }
    IndexKey from = key(before, JobRecord::updatedAt);
    IndexKey to = key(after, JobRecord::updatedAt);
    JobState fromState = before == null ? null : before.state();
    JobState toState = after == null ? null : after.state();
    if (fromState == toState) {
      move(byState.get(any.state()), from, to);
    } else {
      move(fromState == null ? null : byState.get(fromState), from, null);
      move(toState == null ? null : byState.get(toState), null, to);
    }
    move(timers, key(before, JobRecord::wakeAt), key(after, JobRecord::wakeAt));
    move(deadlines, key(before, JobRecord::deadline), key(after, JobRecord::deadline));
    move(activeByTenant, any.id(), activeTenant(before), activeTenant(after));
    move(traces, any.id(), trace(before), trace(after));
  }

  /** The indexes by update time to list jobs of one state, or of all states (one per state). */
  List<NavigableSet<IndexKey>> updated(@Nullable JobState state) {
    return state == null ? allStates : List.of(Objects.requireNonNull(byState.get(state)));
  }

  NavigableSet<IndexKey> timers() {
    return timers;
  }

  NavigableSet<IndexKey> deadlines() {
    return deadlines;
  }

  int activeCount(String tenant) {
    return activeByTenant.count(tenant);
  }

  Set<String> traceMembers(String traceId) {
    return traces.members(traceId);
  }

  /** How many entries all indexes hold, for footprint checks. */
  int size() {
    return byState.values().stream().mapToInt(Set::size).sum()
        + timers.size()
        + deadlines.size()
        + activeByTenant.size()
        + traces.size();
  }

  private static @Nullable IndexKey key(
      @Nullable JobRecord r, Function<JobRecord, @Nullable Instant> time) {
    if (r == null) {
      return null;
    }
    Instant at = time.apply(r);
    return at == null ? null : IndexKey.of(at, r.id());
  }

  /** The tenant whose active count the job is in: only jobs holding a worker slot count. */
  private static @Nullable String activeTenant(@Nullable JobRecord r) {
    return r == null || !r.state().holdsWorkerSlot() || r.tenant().isBlank() ? null : r.tenant();
  }

  private static @Nullable String trace(@Nullable JobRecord r) {
    return r == null || r.traceId().isBlank() ? null : r.traceId();
  }

  private static void move(
      @Nullable Set<IndexKey> index, @Nullable IndexKey from, @Nullable IndexKey to) {
    if (index == null || Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      index.remove(from);
    }
    if (to != null) {
      index.add(to);
    }
  }

  private static void move(IdSets sets, String id, @Nullable String from, @Nullable String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (from != null) {
      sets.remove(from, id);
    }
    if (to != null) {
      sets.add(to, id);
    }
  }
}
