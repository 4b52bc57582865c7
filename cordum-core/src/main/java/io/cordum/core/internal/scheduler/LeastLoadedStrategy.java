package io.cordum.core.internal.scheduler;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.Subjects;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.ReasonCodes;
import io.cordum.core.scheduler.SchedulerConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cordum's least-loaded routing: the eligible pools of the job's topic, then the least-loaded, not
 * overloaded worker of those pools whose labels match the job's placement labels, on its direct
 * subject {@code worker.<id>.jobs}.
 *
 * <ul>
 *   <li>Score {@code = active_jobs + cpu_load/100 + gpu_utilization/100}, in float32; the lowest
 *       wins. Ties are spread round-robin over the tied workers (in id order), so equally loaded
 *       workers share the work.
 *   <li>Overloaded: a worker that declares its capacity ({@code max_parallel_jobs > 0}) when {@code
 *       active/max_parallel >= 0.9} (float32, so 9 of 10 is overloaded), judged by what it runs; a
 *       worker that declares none when its CPU or GPU is at 90 or more. The machine's CPU, which
 *       other processes drive, must not make an idle worker that declares its slots "overloaded".
 *   <li>Eligible pool: mapped to the topic (or the {@code preferred_pool} label), and offering
 *       every {@code meta.requires} entry (trimmed, case-insensitive). A worker that reports {@code
 *       capabilities} in its heartbeat must offer them too; one that reports none is judged by its
 *       pool (CAP SDK heartbeats carry none).
 *   <li>Placement: every job label except routing hints is a constraint the worker's labels must
 *       match exactly. Routing hints are {@code preferred_worker_id}, {@code preferred_pool},
 *       {@code secrets_present}, {@code workflow_id}, {@code run_id}, {@code step_id}, {@code
 *       node_id}, {@code worker_id}, the DLQ retry labels ({@code retry}, {@code dlq_entry}, {@code
 *       retry_of_job}, {@code retry_input_missing}), the remediation labels ({@code
 *       remediation_of}, {@code remediation_id}) and the prefixes {@code cordum.}, {@code
 *       approval_} and {@code mcp.}: approvals and MCP set such labels, and as constraints they
 *       would keep those jobs from ever being placed.
 *   <li>When no worker of any eligible pool heartbeats, the job goes to the topic (queue group) so
 *       CAP SDK workers, which never heartbeat, still get work. This can be switched off. Not when
 *       workers of the topic's other, ineligible pools heartbeat: they listen on the same topic and
 *       could take a job they cannot run.
 * </ul>
 */
public final class LeastLoadedStrategy implements RoutingStrategy {
  private static final Set<String> HINT_LABELS =
      Set.of(
          "preferred_worker_id",
          "preferred_pool",
          "approval_granted",
          "secrets_present",
          "workflow_id",
          "run_id",
          "step_id",
          "node_id",
          "worker_id",
          "retry",
          "dlq_entry",
          "retry_of_job",
          "retry_input_missing",
          "remediation_of",
          "remediation_id");
  private static final List<String> HINT_PREFIXES = List.of("cordum.", "approval_", "mcp.");

  private volatile Routing routing;
  private final boolean topicFallback;
  private final java.util.concurrent.atomic.AtomicLong ties =
      new java.util.concurrent.atomic.AtomicLong();

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
  public Set<String> poolsOf(String topic) {
    return Set.copyOf(routing.topics.getOrDefault(topic.trim(), List.of()));
  }

  @Override
  public Route route(JobRequest req, Map<String, WorkerInfo> workers) {
    return route(req, workers, Set.of());
  }

  @Override
  public Route route(JobRequest req, Map<String, WorkerInfo> workers, Set<String> recentlyServed) {
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
        throw new RoutingException(
            ReasonCodes.NO_POOL_MAPPING,
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
      throw new RoutingException(
          ReasonCodes.NO_POOL_MAPPING,
          "no pool satisfies requires " + requires(req.meta()) + " for topic \"" + topic + "\"",
          false);
    }
    Set<String> eligibleSet = new HashSet<>(eligible);

    String preferredWorker = req.labels().getOrDefault("preferred_worker_id", "").trim();
    if (!preferredWorker.isEmpty()) {
      WorkerInfo w = workers.get(preferredWorker);
      if (w != null
          && eligibleSet.contains(w.pool())
          && matches(placement, w.heartbeat())
          && offers(w.heartbeat(), requires(req.meta()))
          && !isOverloaded(w.heartbeat())
          && Subjects.isToken(preferredWorker)) {
        return new Route(Subjects.direct(preferredWorker), preferredWorker);
      }
    }

    List<String> requires = requires(req.meta());
    List<WorkerInfo> best = new ArrayList<>();
    float bestScore = Float.MAX_VALUE;
    int inPools = 0;
    int candidates = 0;
    int overloaded = 0;
    int lacking = 0;
    Set<String> sharing = new HashSet<>(r.topics.getOrDefault(topic, List.of()));
    int listening = 0; // heartbeating workers of the topic's other pools: they hear the topic
    for (WorkerInfo w : workers.values()) {
      if (w == null || !eligibleSet.contains(w.pool())) {
        if (w != null && sharing.contains(w.pool())) {
          listening++;
        }
        continue;
      }
      inPools++;
      if (!matches(placement, w.heartbeat()) || !Subjects.isToken(w.workerId())) {
        continue; // an id that is no subject token cannot be reached: not a candidate
      }
      if (!offers(w.heartbeat(), requires)) {
        lacking++;
        continue;
      }
      candidates++;
      if (isOverloaded(w.heartbeat())) {
        overloaded++;
        continue;
      }
      float s = score(w.heartbeat());
      if (s < bestScore) {
        best.clear();
        bestScore = s;
      }
      if (s == bestScore) {
        best.add(w);
      }
    }
    if (!best.isEmpty()) {
      WorkerInfo pick = best.get(0);
      if (best.size() > 1) {
        best.sort(java.util.Comparator.comparing(WorkerInfo::workerId));
        pick = best.get((int) Math.floorMod(ties.getAndIncrement(), (long) best.size()));
      }
      return new Route(Subjects.direct(pick.workerId()), pick.workerId());
    }
    // The topic is a queue group every pool of the topic listens on: with a worker of a pool
    // that cannot run this job listening there, the topic could hand the job to it (a job that
    // requires cuda run by a cpu worker), so it waits for a worker of an eligible pool instead.
    if (inPools == 0
        && listening == 0
        && topicFallback
        && eligible.stream().noneMatch(recentlyServed::contains)) {
      return new Route(topic, null);
    }
    String pools = "pool \"" + String.join(",", eligible) + "\"";
    if (candidates > 0 && candidates == overloaded) {
      throw new RoutingException(ReasonCodes.POOL_OVERLOADED, pools, true);
    }
    String detail = placement.isEmpty() ? pools : pools + " with labels " + bounded(placement);
    if (inPools == 0 && listening > 0) {
      detail +=
          " (no worker of it heartbeats; "
              + listening
              + " worker(s) of the topic's other"
              + " pools do not offer "
              + requires
              + ", so the topic is not used)";
    }
    if (lacking > 0) {
      detail +=
          " (" + lacking + " worker(s) of the pool report capabilities without " + requires + ")";
    }
    throw new RoutingException(ReasonCodes.NO_WORKERS, detail, true);
  }

  /** Labels as quoted in a reason: bounded, since a reason is stored on the job and the DLQ. */
  static String bounded(Map<String, String> labels) {
    String s = labels.toString();
    return s.length() <= 256 ? s : s.substring(0, 256) + "...(" + labels.size() + " labels)";
  }

  /** Whether a worker's reported capabilities cover the requirements (none reported: yes). */
  private static boolean offers(Heartbeat hb, List<String> requires) {
    if (requires.isEmpty() || hb.capabilities().isEmpty()) {
      return true;
    }
    Set<String> has = new HashSet<>();
    for (String c : hb.capabilities()) {
      has.add(c.trim().toLowerCase(Locale.ROOT));
    }
    return has.containsAll(requires);
  }

  /** The load score of a worker: active jobs plus CPU and GPU load, in float32. */
  static float score(Heartbeat hb) {
    return (float) hb.activeJobs() + hb.cpuLoad() / 100f + hb.gpuUtilization() / 100f;
  }

  /**
   * Whether a worker takes no more jobs now (float32 comparisons, as Cordum's scheduler makes them,
   * so both agree on 9 of 10): by its slots when it declares them, else by its CPU and GPU.
   */
  static boolean isOverloaded(Heartbeat hb) {
    if (hb.maxParallelJobs() > 0) {
      return (float) hb.activeJobs() / (float) hb.maxParallelJobs() >= 0.9f;
    }
    return hb.cpuLoad() >= 90f || hb.gpuUtilization() >= 90f;
  }

  /** The job labels that constrain placement (everything but routing hints). */
  static Map<String, String> placementLabels(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    labels.forEach(
        (k, v) -> {
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
  static List<String> eligiblePools(
      List<String> topicPools, List<String> requires, Map<String, Set<String>> offers) {
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
      cfg.pools()
          .forEach(
              (name, reqs) -> {
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
