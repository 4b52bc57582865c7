package io.cordum.core.scheduler;

import io.cordum.api.worker.WorkerInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Corrects stale heartbeat load between heartbeats. A heartbeat's {@code active_jobs} is up to
 * one heartbeat interval old, so without a correction every job in that window would go to the
 * same least-loaded worker. This replica counts the jobs it dispatched to each worker since that
 * worker's last heartbeat, minus those whose result it has seen, and adds them to the reported
 * load. A heartbeat resets the count (the worker now reports those jobs itself).
 */
final class InflightTracker {
  private final Map<String, Set<String>> byWorker = new ConcurrentHashMap<>();
  private final Map<String, String> workerOfJob = new ConcurrentHashMap<>();

  void dispatched(String workerId, String jobId) {
    byWorker.computeIfAbsent(workerId, w -> ConcurrentHashMap.newKeySet()).add(jobId);
    String previous = workerOfJob.put(jobId, workerId);
    if (previous != null && !previous.equals(workerId)) {
      // Re-dispatched elsewhere: the job no longer loads the previous worker.
      Set<String> s = byWorker.get(previous);
      if (s != null) {
        s.remove(jobId);
      }
    }
  }

  void finished(String jobId) {
    String w = workerOfJob.remove(jobId);
    if (w != null) {
      Set<String> s = byWorker.get(w);
      if (s != null) {
        s.remove(jobId);
      }
    }
  }

  void heartbeat(String workerId) {
    Set<String> s = byWorker.remove(workerId);
    if (s != null) {
      // Only forget jobs still attributed to this worker, not ones re-dispatched elsewhere.
      s.forEach(jobId -> workerOfJob.remove(jobId, workerId));
    }
  }

  /** The snapshot with each worker's active count raised by its unreported dispatches. */
  Map<String, WorkerInfo> adjust(Map<String, WorkerInfo> snapshot) {
    if (byWorker.isEmpty()) {
      return snapshot;
    }
    Map<String, WorkerInfo> out = new HashMap<>(snapshot);
    byWorker.forEach((id, jobs) -> {
      WorkerInfo w = out.get(id);
      int extra = jobs.size();
      if (w != null && extra > 0) {
        out.put(id, new WorkerInfo(w.heartbeat().toBuilder()
            .activeJobs(w.heartbeat().activeJobs() + extra).build(), w.lastSeen()));
      }
    });
    return out;
  }
}
