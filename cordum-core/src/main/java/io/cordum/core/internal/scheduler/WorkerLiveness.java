package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.job.JobRecord;
import io.cordum.api.worker.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Judges, from the heartbeats this replica received, whether the worker a RUNNING job was
 * dispatched to still has it (issue 12, defect 3). Every replica receives every heartbeat, so each
 * judges alone; the store's compare-and-set makes two replicas' verdicts harmless.
 *
 * <p>A job is lost when its worker is <em>gone</em> (no heartbeat for the worker timeout), or when
 * its worker reports the jobs it holds (the Java worker does) and has not listed the job for the
 * result grace while heartbeating on (it restarted under the same id, or the request or the result
 * was lost on an at-most-once bus). A replica judges nobody until it has listened for a worker
 * timeout, nor while it hears no heartbeat at all (it may be cut off the bus, and then every worker
 * would look dead).
 *
 * <p>Thread-safe: heartbeats arrive on the bus's threads, verdicts are asked by the timer loop.
 */
final class WorkerLiveness {
  /** What the liveness check says about a running job. */
  enum Verdict {
    /** Its worker holds it, or nothing can be said. */
    KEEP,
    /** Its worker stopped heartbeating. */
    GONE,
    /** Its worker heartbeats but no longer holds it. */
    DROPPED
  }

  private final Duration workerTimeout;
  private final Duration resultGrace;
  private final Instant startedAt;
  private volatile Instant lastHeartbeat = Instant.MIN;
  private final Map<String, Watch> workers = new ConcurrentHashMap<>();
  private final Map<String, Instant> poolLastSeen = new ConcurrentHashMap<>();

  /** What this replica saw of one worker. */
  private static final class Watch {
    final Instant watchingSince;
    volatile String pool = "";
    volatile boolean reports;
    volatile Instant lastSeen;

    /** Job id to the receive time of the latest heartbeat that listed it; recent ones only. */
    final Map<String, Instant> lastListed = new LinkedHashMap<>();

    Watch(Instant now) {
      this.watchingSince = now;
      this.lastSeen = now;
    }
  }

  WorkerLiveness(Duration workerTimeout, Duration resultGrace, Instant startedAt) {
    this.workerTimeout = workerTimeout;
    this.resultGrace = resultGrace;
    this.startedAt = startedAt;
  }

  /** Records a heartbeat received at {@code now}. */
  void heartbeat(Heartbeat hb, Instant now) {
    String id = hb.workerId().trim();
    if (id.isEmpty()) {
      return;
    }
    lastHeartbeat = now;
    if (!hb.pool().isBlank()) {
      poolLastSeen.put(hb.pool(), now);
    }
    Watch w = workers.computeIfAbsent(id, k -> new Watch(now));
    synchronized (w) {
      w.lastSeen = now;
      w.pool = hb.pool();
      w.reports = hb.reportsHeldJobs();
      if (w.reports) {
        for (String job : hb.heldJobIds()) {
          w.lastListed.put(job, now);
        }
        // Entries older than twice the grace decide nothing any more (see verdict).
        Instant old = now.minus(resultGrace.multipliedBy(2));
        w.lastListed.values().removeIf(t -> t.isBefore(old));
      }
    }
    // Forget workers long gone, so the map follows the fleet.
    Instant stale = now.minus(workerTimeout.multipliedBy(10));
    workers.values().removeIf(x -> x.lastSeen.isBefore(stale));
  }

  /** Whether this replica has listened long enough, and still hears heartbeats, to judge. */
  boolean canJudge(Instant now) {
    return !now.isBefore(startedAt.plus(workerTimeout))
        && !lastHeartbeat.isBefore(now.minus(workerTimeout));
  }

  /**
   * The verdict on a RUNNING job dispatched to a known worker. Judged on this replica's own record
   * of heartbeats, not on the registry's: a stopping worker leaves the registry (no job is routed
   * to it) while it still drains the jobs it holds.
   */
  Verdict verdict(JobRecord rec, Instant now) {
    return verdict(rec, java.util.Set.of(), now);
  }

  /**
   * The verdict on a RUNNING job. A job with a known worker is judged on that worker alone. A job
   * published to its topic (no worker was heard when it was routed, as right after a replica
   * starts) is judged on the topic's listeners: the fresh workers of {@code topicPools} (of any
   * pool when empty). It is kept while any listener does not list its jobs, or while none is heard;
   * it is dropped when listeners heartbeated on for the result grace after its last update and none
   * listed it (the request was lost, or its taker died before reporting).
   */
  Verdict verdict(JobRecord rec, java.util.Set<String> topicPools, Instant now) {
    if (!canJudge(now)) {
      return Verdict.KEEP;
    }
    if (rec.workerId().isEmpty()) {
      return topicVerdict(rec, topicPools, now);
    }
    Watch w = workers.get(rec.workerId());
    if (w == null || w.lastSeen.isBefore(now.minus(workerTimeout))) {
      return Verdict.GONE;
    }
    if (!w.reports) {
      return Verdict.KEEP; // a worker that does not list its jobs (a CAP SDK worker)
    }
    Instant ref = rec.updatedAt().isAfter(w.watchingSince) ? rec.updatedAt() : w.watchingSince;
    Instant seen;
    synchronized (w) {
      Instant listed = w.lastListed.get(rec.id());
      if (listed != null && listed.isAfter(ref)) {
        ref = listed;
      }
      seen = w.lastSeen;
    }
    // Not listed since ref, for the whole grace, by heartbeats that kept coming after ref.
    return seen.isAfter(ref) && !now.isBefore(ref.plus(resultGrace))
        ? Verdict.DROPPED
        : Verdict.KEEP;
  }

  private Verdict topicVerdict(JobRecord rec, java.util.Set<String> topicPools, Instant now) {
    Instant cutoff = now.minus(workerTimeout);
    Instant ref = rec.updatedAt().isAfter(startedAt) ? rec.updatedAt() : startedAt;
    Instant heard = Instant.MIN;
    boolean listener = false;
    for (Watch w : workers.values()) {
      synchronized (w) {
        Instant listed = w.lastListed.get(rec.id());
        if (listed != null && listed.isAfter(ref)) {
          ref = listed; // someone held it then: the grace counts from there
        }
        if (w.lastSeen.isBefore(cutoff)) {
          continue;
        }
        String pool = w.pool;
        if (!topicPools.isEmpty() && !pool.isBlank() && !topicPools.contains(pool)) {
          continue; // not in the topic's queue group
        }
        if (!w.reports) {
          return Verdict.KEEP; // it may hold the job without saying so
        }
        listener = true;
        if (w.watchingSince.isAfter(ref)) {
          ref = w.watchingSince;
        }
        if (w.lastSeen.isAfter(heard)) {
          heard = w.lastSeen;
        }
      }
    }
    if (!listener) {
      return Verdict.KEEP; // nobody to judge by; a worker that comes will hold it or judge it
    }
    return heard.isAfter(ref) && !now.isBefore(ref.plus(resultGrace))
        ? Verdict.DROPPED
        : Verdict.KEEP;
  }

  /** The registry snapshot without workers past the worker timeout. */
  Map<String, WorkerInfo> fresh(Map<String, WorkerInfo> snapshot, Instant now) {
    Instant cutoff = now.minus(workerTimeout);
    boolean allFresh = snapshot.values().stream().noneMatch(w -> w.lastSeen().isBefore(cutoff));
    if (allFresh) {
      return snapshot;
    }
    Map<String, WorkerInfo> out = new LinkedHashMap<>();
    snapshot.forEach(
        (k, v) -> {
          if (!v.lastSeen().isBefore(cutoff)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Pools that had a heartbeating worker at {@code since} or later. */
  java.util.Set<String> poolsServedSince(Instant since) {
    java.util.Set<String> out = new java.util.HashSet<>();
    poolLastSeen.forEach(
        (pool, t) -> {
          if (!t.isBefore(since)) {
            out.add(pool);
          }
        });
    return out;
  }

  /** For logs: when the worker was last heard, or {@code null}. */
  @Nullable Instant lastSeen(String workerId) {
    Watch w = workers.get(workerId);
    return w == null ? null : w.lastSeen;
  }
}
