package io.cordum.client.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A live worker, from its last heartbeat ({@code GET /api/v1/workers}).
 *
 * @param workerId its id
 * @param region its region
 * @param type its type
 * @param cpuLoad CPU load it reported
 * @param gpuUtilization GPU utilization it reported
 * @param activeJobs jobs it runs now
 * @param capabilities what it can do
 * @param pool its pool
 * @param maxParallelJobs how many jobs it runs at once
 * @param labels its labels
 * @param lastSeen when its last heartbeat arrived
 */
public record WorkerInfo(
    String workerId,
    String region,
    String type,
    double cpuLoad,
    double gpuUtilization,
    int activeJobs,
    List<String> capabilities,
    String pool,
    int maxParallelJobs,
    Map<String, String> labels,
    @Nullable Instant lastSeen) {

  /** Normalizes nulls. */
  public WorkerInfo {
    workerId = Norm.s(workerId);
    region = Norm.s(region);
    type = Norm.s(type);
    capabilities = Norm.list(capabilities);
    pool = Norm.s(pool);
    labels = Norm.map(labels);
  }
}
