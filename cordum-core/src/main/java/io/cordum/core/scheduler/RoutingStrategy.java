package io.cordum.core.scheduler;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.worker.WorkerInfo;
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

  /** Replaces the pool configuration used from now on. */
  void updatePools(PoolConfig pools);
}
