package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.core.scheduler.PoolConfig;
import java.util.Map;

/** Chooses where a job is published. Implementations must be thread-safe. */
public interface RoutingStrategy {
  /**
   * Chooses the subject for a job.
   *
   * @param request the job
   * @param workers the live workers by id, with their current load
   * @throws RoutingException when the job cannot be routed now (retryable) or at all
   */
  Route route(JobRequest request, Map<String, WorkerInfo> workers);

  /**
   * Chooses the subject for a job, knowing which pools had a heartbeating worker recently (even if
   * none is live now). A strategy that falls back to a pool's topic when it has no heartbeating
   * worker (for CAP SDK workers, which never heartbeat) should not do so for such a pool: its
   * workers died moments ago, nobody may be listening on the topic, and the job is better kept
   * waiting in the store for a worker to come back. The default ignores the hint.
   *
   * @param recentlyServed pools whose workers heartbeated recently
   */
  default Route route(
      JobRequest request, Map<String, WorkerInfo> workers, java.util.Set<String> recentlyServed) {
    return route(request, workers);
  }

  /**
   * The pools whose workers listen on a topic (its queue group), for judging a job that was
   * published to the topic rather than to one worker. Empty when unknown: then every worker is
   * taken to listen on it.
   */
  default java.util.Set<String> poolsOf(String topic) {
    return java.util.Set.of();
  }

  /** Replaces the pool configuration used from now on. */
  void updatePools(PoolConfig pools);
}
