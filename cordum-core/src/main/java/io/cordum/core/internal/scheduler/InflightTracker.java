package io.cordum.core.internal.scheduler;

import io.cordum.api.worker.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Corrects stale heartbeat load. A heartbeat's {@code active_jobs} is up to one heartbeat interval
 * old in both directions: jobs dispatched since are missing from it, and jobs that finished since
 * are still in it. Uncorrected, every job in that window would go to the same least-loaded worker,
 * or a worker busy at its last heartbeat would look overloaded (and get nothing) until its next
 * one.
 *
 * <p>The corrected load of a worker is the larger of two lower bounds:
 *
 * <ul>
 *   <li>the jobs this replica dispatched to it whose result it has not seen ("open"), exact when
 *       this replica is the only dispatcher;
 *   <li>the heartbeat's count minus the results the worker sent after that heartbeat (compared on
 *       the worker's own packet timestamps, so a result handled before an older heartbeat still
 *       counts), which covers jobs other replicas dispatched.
 * </ul>
 *
 * Open jobs dispatched well before a worker's latest heartbeat (by {@code grace}) are dropped at
 * that heartbeat: the heartbeat counts them if they still run, and their result may have gone to
 * another replica. Only an estimate for routing; nothing durable depends on it.
 */
final class InflightTracker {
  private final InstantSource clock;
  private final Duration grace;
  private final Map<String, Map<String, Instant>> open = new ConcurrentHashMap<>();
  private final Map<String, String> workerOfJob = new ConcurrentHashMap<>();
  private final Map<String, Finished> finishedSince = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastBeat = new ConcurrentHashMap<>();

  InflightTracker(InstantSource clock, Duration grace) {
    this.clock = clock;
    this.grace = grace;
  }

  void dispatched(String workerId, String jobId) {
    open.computeIfAbsent(workerId, w -> new ConcurrentHashMap<>()).put(jobId, clock.instant());
    String previous = workerOfJob.put(jobId, workerId);
    if (previous != null && !previous.equals(workerId)) {
      // Re-dispatched elsewhere: the job no longer loads the previous worker.
      Map<String, Instant> m = open.get(previous);
      if (m != null) {
        m.remove(jobId);
      }
    }
  }

  /**
   * A worker reported a job's result, in a packet created at {@code sentAt} by the worker's clock
   * ({@code null} if the packet carried no time).
   */
  void resultSeen(String jobId, String workerId, @Nullable Instant sentAt) {
    finished(jobId);
    if (workerId.isBlank()) {
      return;
    }
    Instant beat = lastBeat.get(workerId);
    Instant at = sentAt == null ? Instant.MAX : sentAt;
    if (beat == null || at.isAfter(beat)) {
      finishedSince.computeIfAbsent(workerId, k -> new Finished()).add(at);
    }
  }

  /** A job's attempt ended (result, timeout, cancel, retry). */
  void finished(String jobId) {
    String w = workerOfJob.remove(jobId);
    if (w != null) {
      Map<String, Instant> m = open.get(w);
      if (m != null) {
        m.remove(jobId);
      }
    }
  }

  /** A heartbeat created at {@code sentAt} (worker clock; {@code null} if absent) arrived. */
  void heartbeat(String workerId, @Nullable Instant sentAt) {
    Finished done = finishedSince.get(workerId);
    if (sentAt == null) {
      finishedSince.remove(workerId);
    } else {
      lastBeat.merge(workerId, sentAt, (a, b) -> a.isAfter(b) ? a : b);
      if (done != null) {
        done.dropUpTo(sentAt); // now part of the heartbeat's own count
      }
    }
    Map<String, Instant> m = open.get(workerId);
    if (m != null) {
      Instant cutoff = clock.instant().minus(grace);
      m.entrySet()
          .removeIf(
              e -> {
                boolean old = e.getValue().isBefore(cutoff);
                if (old) {
                  workerOfJob.remove(e.getKey(), workerId);
                }
                return old;
              });
    }
  }

  /** The snapshot with each worker's active count corrected as described above. */
  Map<String, WorkerInfo> adjust(Map<String, WorkerInfo> snapshot) {
    if (workerOfJob.isEmpty() && finishedSince.isEmpty()) {
      return snapshot;
    }
    Map<String, WorkerInfo> out = new HashMap<>(snapshot);
    for (WorkerInfo w : snapshot.values()) {
      Map<String, Instant> mine = open.get(w.workerId());
      Finished done = finishedSince.get(w.workerId());
      int opened = mine == null ? 0 : mine.size();
      int reported = Math.max(0, w.heartbeat().activeJobs() - (done == null ? 0 : done.count()));
      int active = Math.max(opened, reported);
      if (active != w.heartbeat().activeJobs()) {
        out.put(
            w.workerId(),
            new WorkerInfo(w.heartbeat().toBuilder().activeJobs(active).build(), w.lastSeen()));
      }
    }
    return out;
  }

  /**
   * Send times of results seen since a worker's last heartbeat, oldest first (a worker's results
   * arrive nearly in order). Bounded: beyond {@link #MAX} entries the oldest go, since the count
   * only matters up to the heartbeat's own active count.
   */
  private static final class Finished {
    private static final int MAX = 4096;
    private final ArrayDeque<Instant> times = new ArrayDeque<>();

    synchronized void add(Instant at) {
      if (times.size() == MAX) {
        times.pollFirst();
      }
      times.addLast(at);
    }

    synchronized void dropUpTo(Instant at) {
      times.removeIf(t -> !t.isAfter(at));
    }

    synchronized int count() {
      return times.size();
    }
  }
}
