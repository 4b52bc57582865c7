package io.cordum.core.scheduler;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.worker.WorkerInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cordum's least-loaded routing: the eligible pools of the job's topic, then the least-loaded,
 * not overloaded worker of those pools whose labels match the job's placement labels, on its
 * direct subject {@code worker.<id>.jobs}.
 *
 * <ul>
 *   <li>Score {@code = active_jobs + cpu_load/100 + gpu_utilization/100}, in float32; the lowest
 *       wins, ties go to the smaller worker id (deterministic; the original's was random).</li>
 *   <li>Overloaded: {@code active/max_parallel >= 0.9} (float32, so 9 of 10 is overloaded), or
 *       CPU or GPU at 90 or more.</li>
 *   <li>Eligible pool: mapped to the topic (or the {@code preferred_pool} label), and offering every
 *       {@code meta.requires} entry (trimmed, case-insensitive).</li>
 *   <li>Placement: every job label except routing hints is a constraint the worker's labels must
 *       match exactly. Routing hints are {@code preferred_worker_id}, {@code preferred_pool},
 *       {@code secrets_present}, {@code workflow_id}, {@code run_id}, {@code step_id},
 *       {@code node_id}, {@code worker_id}, the DLQ retry labels ({@code retry},
 *       {@code dlq_entry}, {@code retry_of_job}, {@code retry_input_missing}) and the prefixes
 *       {@code cordum.}, {@code approval_} and {@code mcp.} (the original did not exclude {@code approval_reason}/{@code approval_note}
 *       or MCP labels, so approved or MCP jobs could never be placed).</li>
 *   <li>When no worker of any eligible pool heartbeats, the job goes to the topic (queue group)
 *       so CAP SDK workers, which never heartbeat, still get work. This can be switched off.</li>
 * </ul>
 */
public final class LeastLoadedStrategy implements RoutingStrategy {
  private static final Set<String> HINT_LABELS = Set.of("preferred_worker_id", "preferred_pool",
      "approval_granted", "secrets_present", "workflow_id", "run_id", "step_id", "node_id",
      "worker_id", "retry", "dlq_entry", "retry_of_job", "retry_input_missing");
  private static final List<String> HINT_PREFIXES = List.of("cordum.", "approval_", "mcp.");

  private volatile Routing routing;
  private final boolean topicFallback;

  /** A strategy over the given pools; {@code topicFallback} as in {@link SchedulerConfig}. */
  public LeastLoadedStrategy(PoolConfig pools, boolean topicFallback) {
    this.routing = Routing.of(pools);
    this.topicFallback = topicFallback;
  }

  @Override
  public void updatePools(PoolConfig pools) {
    this.routing = Routing.of(pools);
  }

  @Override
  public Route route(JobRequest req, Map<String, WorkerInfo> workers) {
    String topic = req.topic().trim();
    if (topic.isEmpty()) {
      throw new RoutingException(ReasonCodes.DISPATCH_FAILED, "missing topic", false);
    }
    Routing r = routing;
    Map<String, String> placement = placementLabels(req.labels());
    List<String> topicPools = r.topics.getOrDefault(topic, List.of());
    String preferredPool = req.labels().getOrDefault("preferred_pool", "").trim();
    if (!preferredPool.isEmpty()) {
      if (!topicPools.contains(preferredPool)) {
        throw new RoutingException(ReasonCodes.NO_POOL_MAPPING,
            "preferred pool \"" + preferredPool + "\" not mapped for topic \"" + topic + "\"",
            false);
      }
      topicPools = List.of(preferredPool);
    }
    if (topicPools.isEmpty()) {
      throw new RoutingException(ReasonCodes.NO_POOL_MAPPING, "topic \"" + topic + "\"", false);
    }
    List<String> eligible = eligiblePools(topicPools, requires(req.meta()), r.pools);
    if (eligible.isEmpty()) {
      throw new RoutingException(ReasonCodes.NO_POOL_MAPPING, "no pool satisfies requires "
          + requires(req.meta()) + " for topic \"" + topic + "\"", false);
    }
    Set<String> eligibleSet = new HashSet<>(eligible);

    String preferredWorker = req.labels().getOrDefault("preferred_worker_id", "").trim();
    if (!preferredWorker.isEmpty()) {
      WorkerInfo w = workers.get(preferredWorker);
      if (w != null && eligibleSet.contains(w.pool()) && matches(placement, w.heartbeat())
          && !isOverloaded(w.heartbeat()) && Subjects.isToken(preferredWorker)) {
        return new Route(Subjects.direct(preferredWorker), preferredWorker);
      }
    }

    WorkerInfo best = null;
    float bestScore = Float.MAX_VALUE;
    int inPools = 0;
    int candidates = 0;
    int overloaded = 0;
    for (WorkerInfo w : workers.values()) {
      if (w == null || !eligibleSet.contains(w.pool())) {
        continue;
      }
      inPools++;
      if (!matches(placement, w.heartbeat()) || !Subjects.isToken(w.workerId())) {
        continue; // an id that is no subject token cannot be reached: not a candidate
      }
      candidates++;
      if (isOverloaded(w.heartbeat())) {
        overloaded++;
        continue;
      }
      float s = score(w.heartbeat());
      if (best == null || s < bestScore
          || (s == bestScore && w.workerId().compareTo(best.workerId()) < 0)) {
        best = w;
        bestScore = s;
      }
    }
    if (best != null) {
      return new Route(Subjects.direct(best.workerId()), best.workerId());
    }
    if (inPools == 0 && topicFallback) {
      return new Route(topic, null);
    }
    String pools = "pool \"" + String.join(",", eligible) + "\"";
    if (candidates > 0 && candidates == overloaded) {
      throw new RoutingException(ReasonCodes.POOL_OVERLOADED, pools, true);
    }
    throw new RoutingException(ReasonCodes.NO_WORKERS,
        placement.isEmpty() ? pools : pools + " with labels " + placement, true);
  }

  /** The load score of a worker: active jobs plus CPU and GPU load, in float32. */
  static float score(Heartbeat hb) {
    return (float) hb.activeJobs() + hb.cpuLoad() / 100f + hb.gpuUtilization() / 100f;
  }

  /** Whether a worker takes no more jobs now (float32 comparisons, as the original). */
  static boolean isOverloaded(Heartbeat hb) {
    if (hb.maxParallelJobs() > 0
        && (float) hb.activeJobs() / (float) hb.maxParallelJobs() >= 0.9f) {
      return true;
    }
    return hb.cpuLoad() >= 90f || hb.gpuUtilization() >= 90f;
  }

  /** The job labels that constrain placement (everything but routing hints). */
  static Map<String, String> placementLabels(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    labels.forEach((k, v) -> {
      if (!HINT_LABELS.contains(k) && HINT_PREFIXES.stream().noneMatch(k::startsWith)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static boolean matches(Map<String, String> placement, Heartbeat hb) {
    for (var e : placement.entrySet()) {
      if (!e.getValue().equals(hb.labels().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> requires(@Nullable JobMetadata meta) {
    if (meta == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String r : meta.requires()) {
      String n = r.trim().toLowerCase(Locale.ROOT);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  /** The pools (in topic order) that offer every requirement; all of them when none. */
  static List<String> eligiblePools(List<String> topicPools, List<String> requires,
      Map<String, Set<String>> offers) {
    if (requires.isEmpty()) {
      return topicPools;
    }
    List<String> out = new ArrayList<>();
    for (String p : topicPools) {
      Set<String> o = offers.get(p);
      if (o != null && !o.isEmpty() && o.containsAll(requires)) {
        out.add(p);
      }
    }
    return out;
  }

  /** An immutable, normalised copy of the pool config, swapped atomically. */
  private record Routing(Map<String, List<String>> topics, Map<String, Set<String>> pools) {
    static Routing of(PoolConfig cfg) {
      Map<String, Set<String>> pools = new LinkedHashMap<>();
      cfg.pools().forEach((name, reqs) -> {
        Set<String> n = new HashSet<>();
        for (String r : reqs) {
          String v = r.trim().toLowerCase(Locale.ROOT);
          if (!v.isEmpty()) {
            n.add(v);
          }
        }
        pools.put(name, Set.copyOf(n));
      });
      return new Routing(Map.copyOf(cfg.topics()), Map.copyOf(pools));
    }
  }
}
