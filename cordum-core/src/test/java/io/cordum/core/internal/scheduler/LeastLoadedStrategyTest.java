package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeastLoadedStrategyTest {
  private static final Instant SEEN = Instant.parse("2025-01-01T00:00:00Z");
  private static final PoolConfig DEFAULT_POOLS = PoolConfig.DEFAULT;

  // ---------------------------------------------------------------- helpers

  private static Heartbeat.Builder hb(String id, String pool) {
    return Heartbeat.builder().workerId(id).pool(pool);
  }

  private static Map<String, WorkerInfo> workers(Heartbeat.Builder... hbs) {
    Map<String, WorkerInfo> out = new LinkedHashMap<>();
    for (Heartbeat.Builder b : hbs) {
      Heartbeat h = b.build();
      out.put(h.workerId(), new WorkerInfo(h, SEEN));
    }
    return out;
  }

  private static JobRequest.Builder job(String topic) {
    return JobRequest.builder().jobId("job-1").topic(topic);
  }

  private static JobRequest job() {
    return job("job.default").build();
  }

  private static JobRequest requiring(String topic, String... requires) {
    return job(topic).meta(JobMetadata.builder().requires(requires).build()).build();
  }

  private static LeastLoadedStrategy strategy(PoolConfig pools) {
    return new LeastLoadedStrategy(pools, false);
  }

  private static RoutingException routingError(
      LeastLoadedStrategy s, JobRequest req, Map<String, WorkerInfo> ws) {
    RoutingException e = catchThrowableOfType(RoutingException.class, () -> s.route(req, ws));
    assertThat(e).as("expected a RoutingException").isNotNull();
    return e;
  }

  private static RoutingException routingError(
      LeastLoadedStrategy s,
      JobRequest req,
      Map<String, WorkerInfo> ws,
      java.util.Set<String> recentlyServed) {
    RoutingException e =
        catchThrowableOfType(RoutingException.class, () -> s.route(req, ws, recentlyServed));
    assertThat(e).as("expected a RoutingException").isNotNull();
    return e;
  }

  // ---------------------------------------------------------------- basic routing

  @Test
  void picksLeastLoadedWorkerOfTheMappedPool() {
    // TestLeastLoadedStrategyPicksPoolMatch
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("w1", "default").activeJobs(2).cpuLoad(50),
            hb("w2", "default").activeJobs(1).cpuLoad(10),
            hb("w3", "other").activeJobs(0));

    Route r = s.route(job(), ws);

    assertThat(r).isEqualTo(new Route("worker.w2.jobs", "w2"));
  }

  @Test
  void lowerCpuLoadWinsAtEqualActiveJobs() {
    // TestLeastLoadedStrategyUsesLoadScore (cpu 80 rather than 90: 90 is overloaded)
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("w1", "default").activeJobs(1).cpuLoad(80),
            hb("w2", "default").activeJobs(1).cpuLoad(10));

    assertThat(s.route(job(), ws).workerId()).isEqualTo("w2");
  }

  @Test
  void lowerGpuUtilizationWinsAtEqualActiveJobsAndCpu() {
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("a", "default").activeJobs(1).cpuLoad(10).gpuUtilization(60),
            hb("b", "default").activeJobs(1).cpuLoad(10).gpuUtilization(20));

    assertThat(s.route(job(), ws).workerId()).isEqualTo("b");
  }

  @Test
  void scoreAddsCpuAndGpuAsFractionsOfAJob() {
    var s = strategy(DEFAULT_POOLS);
    // idle: 0 + 0.89 + 0.89 = 1.78 > busy: 1 + 0 + 0 = 1.0
    var ws =
        workers(
            hb("idle", "default").activeJobs(0).cpuLoad(89).gpuUtilization(89),
            hb("busy", "default").activeJobs(1));
    assertThat(s.route(job(), ws).workerId()).isEqualTo("busy");

    // idle: 0 + 0.89 = 0.89 < busy: 1.0
    var ws2 =
        workers(
            hb("idle", "default").activeJobs(0).cpuLoad(89), hb("busy", "default").activeJobs(1));
    assertThat(s.route(job(), ws2).workerId()).isEqualTo("idle");
  }

  @Test
  void scoreIsActivePlusCpuAndGpuOverHundred() {
    assertThat(
            LeastLoadedStrategy.score(
                hb("w", "p").activeJobs(2).cpuLoad(50).gpuUtilization(25).build()))
        .isEqualTo(2.75f);
    assertThat(LeastLoadedStrategy.score(hb("w", "p").build())).isZero();
  }

  @Test
  void tiesAreSpreadOverTheTiedWorkersWhateverTheIterationOrder() {
    // The original broke ties by map order; a fixed "smallest id" sent every tie to one worker.
    var s = strategy(DEFAULT_POOLS);
    var forward =
        workers(
            hb("w-a", "default").activeJobs(1).cpuLoad(20),
            hb("w-b", "default").activeJobs(1).cpuLoad(20),
            hb("w-c", "default").activeJobs(1).cpuLoad(20),
            hb("w-d", "default").activeJobs(2).cpuLoad(20));
    var backward = new HashMap<>(forward);
    Map<String, Integer> picked = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      picked.merge(s.route(job(), i % 2 == 0 ? forward : backward).workerId(), 1, Integer::sum);
    }
    assertThat(picked)
        .containsOnlyKeys("w-a", "w-b", "w-c")
        .allSatisfy((id, n) -> assertThat(n).isEqualTo(100));
  }

  @Test
  void everyCandidateOverloadedIsARetryablePoolOverloaded() {
    // TestLeastLoadedStrategyMarksWorkerOverloadedWhenAtCapacity
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("w1", "default").activeJobs(1).maxParallelJobs(1), hb("w2", "default").cpuLoad(95));

    RoutingException e = routingError(s, job(), ws);

    assertThat(e.type()).isEqualTo(ReasonCodes.POOL_OVERLOADED);
    assertThat(e.retryable()).isTrue();
    assertThat(e).hasMessage("pool_overloaded: pool \"default\"");
  }

  @Test
  void overloadedWorkersAreSkippedWhenAnotherCandidateIsFree() {
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("full", "default").activeJobs(1).maxParallelJobs(1),
            hb("busy", "default").activeJobs(7).maxParallelJobs(10));

    assertThat(s.route(job(), ws).workerId()).isEqualTo("busy");
  }

  @Test
  void onlyPlacementMatchingWorkersCountAsOverloadCandidates() {
    // only the placement-matching worker is a candidate; it is overloaded -> pool_overloaded
    var s = strategy(DEFAULT_POOLS);
    var req = job("job.default").putLabels("region", "eu").build();
    var ws =
        workers(
            hb("eu", "default").putLabels("region", "eu").activeJobs(1).maxParallelJobs(1),
            hb("us", "default").putLabels("region", "us"));
    assertThat(routingError(s, req, ws).type()).isEqualTo(ReasonCodes.POOL_OVERLOADED);

    // no candidate matches placement at all -> no_workers
    var ws2 = workers(hb("us", "default").putLabels("region", "us"));
    RoutingException e = routingError(s, req, ws2);
    assertThat(e.type()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(e).hasMessage("no_workers: pool \"default\" with labels {region=eu}");
  }

  @Test
  void routingExceptionCarriesReasonCodeAndRetryability() {
    var e = new RoutingException(ReasonCodes.NO_WORKERS, "pool \"default\"", true);

    assertThat(e.type()).isEqualTo("no_workers");
    assertThat(e.retryable()).isTrue();
    assertThat(e).hasMessage("no_workers: pool \"default\"");
    assertThat(ReasonCodes.NO_POOL_MAPPING).isEqualTo("no_pool_mapping");
    assertThat(ReasonCodes.POOL_OVERLOADED).isEqualTo("pool_overloaded");
    assertThat(ReasonCodes.TENANT_LIMIT).isEqualTo("tenant_limit");
    assertThat(ReasonCodes.DISPATCH_FAILED).isEqualTo("dispatch_failed");
  }

  // ---------------------------------------------------------------- overload thresholds

  @ParameterizedTest(name = "active {0} of {1}, cpu {2}, gpu {3} -> overloaded {4}")
  @CsvSource({
    // TestIsOverloadedThresholds
    "0, 0, 95, 0, true",
    "0, 0, 0, 95, true",
    "0, 0, 10, 10, false",
    // CPU/GPU boundary at 90
    "0, 0, 90, 0, true",
    "0, 0, 0, 90, true",
    "0, 0, 89.9, 89.9, false",
    // active/max in float32: 9 of 10 is overloaded, 8 of 10 is not
    "9, 10, 0, 0, true",
    "8, 10, 0, 0, false",
    "18, 20, 0, 0, true",
    "899, 1000, 0, 0, false",
    "10, 10, 0, 0, true",
    "1, 1, 0, 0, true",
    "0, 1, 0, 0, false",
    // a worker that declares its capacity is judged by what it runs, not by the machine's
    // CPU or GPU (a busy machine made a pool's only worker "overloaded" for good)
    "0, 4, 95, 0, false",
    "3, 4, 0, 99, false",
    "4, 4, 95, 0, true",
    // max_parallel 0 means unknown: only the CPU/GPU rules apply
    "100, 0, 0, 0, false",
    "100, 0, 90, 0, true",
    // negative max_parallel is treated as unknown
    "5, -1, 0, 0, false",
  })
  void overloadThresholds(int active, int max, float cpu, float gpu, boolean overloaded) {
    Heartbeat h =
        hb("w", "default")
            .activeJobs(active)
            .maxParallelJobs(max)
            .cpuLoad(cpu)
            .gpuUtilization(gpu)
            .build();

    assertThat(LeastLoadedStrategy.isOverloaded(h)).isEqualTo(overloaded);
  }

  @Test
  void idleWorkerWithCapacityOneIsPicked() {
    // TestLeastLoadedStrategyDoesNotMarkIdleWorkerOverloaded
    var s = strategy(DEFAULT_POOLS);

    Route r = s.route(job(), workers(hb("w1", "default").activeJobs(0).maxParallelJobs(1)));

    assertThat(r).isEqualTo(new Route("worker.w1.jobs", "w1"));
  }

  @Test
  void nineOfTenIsOverloadedButEightOfTenIsPicked() {
    var s = strategy(DEFAULT_POOLS);

    assertThat(
            routingError(s, job(), workers(hb("w1", "default").activeJobs(9).maxParallelJobs(10)))
                .type())
        .isEqualTo(ReasonCodes.POOL_OVERLOADED);
    assertThat(
            s.route(job(), workers(hb("w1", "default").activeJobs(8).maxParallelJobs(10)))
                .workerId())
        .isEqualTo("w1");
  }

  // ---------------------------------------------------------------- preferred worker

  @Test
  void preferredWorkerWinsOverALessLoadedWorker() {
    // TestLeastLoadedStrategyHonorsPreferredWorker
    var s = strategy(DEFAULT_POOLS);
    var ws = workers(hb("w2", "default").activeJobs(3), hb("w3", "default").activeJobs(0));

    Route r = s.route(job("job.default").putLabels("preferred_worker_id", " w2 ").build(), ws);

    assertThat(r).isEqualTo(new Route("worker.w2.jobs", "w2"));
  }

  @Test
  void overloadedPreferredWorkerFallsThroughToLeastLoaded() {
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("w2", "default").activeJobs(1).maxParallelJobs(1),
            hb("w3", "default").activeJobs(4));

    Route r = s.route(job("job.default").putLabels("preferred_worker_id", "w2").build(), ws);

    assertThat(r.workerId()).isEqualTo("w3");
  }

  @Test
  void preferredWorkerNotInSnapshotFallsThroughSilently() {
    var s = strategy(DEFAULT_POOLS);
    var ws = workers(hb("w3", "default").activeJobs(4));

    Route r = s.route(job("job.default").putLabels("preferred_worker_id", "gone").build(), ws);

    assertThat(r.workerId()).isEqualTo("w3");
  }

  @Test
  void preferredWorkerOfANonEligiblePoolIsIgnored() {
    var s =
        strategy(
            PoolConfig.builder()
                .topic("job.default", "default")
                .pool("default")
                .pool("other")
                .build());
    var ws =
        workers(hb("w-other", "other").activeJobs(0), hb("w-default", "default").activeJobs(4));

    Route r = s.route(job("job.default").putLabels("preferred_worker_id", "w-other").build(), ws);

    assertThat(r.workerId()).isEqualTo("w-default");
  }

  @Test
  void preferredWorkerMustMatchPlacement() {
    var s = strategy(DEFAULT_POOLS);
    var ws =
        workers(
            hb("w-us", "default").putLabels("region", "us"),
            hb("w-eu", "default").putLabels("region", "eu").activeJobs(4));
    var req =
        job("job.default")
            .putLabels("preferred_worker_id", "w-us")
            .putLabels("region", "eu")
            .build();

    assertThat(s.route(req, ws).workerId()).isEqualTo("w-eu");
  }

  @Test
  void preferredWorkerWithAnInvalidIdIsNotAddressed() {
    var s = strategy(DEFAULT_POOLS);
    var ws = workers(hb("a.b", "default"), hb("ok", "default").activeJobs(2));

    Route r = s.route(job("job.default").putLabels("preferred_worker_id", "a.b").build(), ws);

    assertThat(r).isEqualTo(new Route("worker.ok.jobs", "ok"));
  }

  // ---------------------------------------------------------------- preferred pool

  @Test
  void preferredPoolRestrictsTheScanToThatPool() {
    var s = strategy(PoolConfig.builder().topic("job.default", "a", "b").build());
    var ws = workers(hb("wa", "a").activeJobs(0), hb("wb", "b").activeJobs(5));

    assertThat(s.route(job(), ws).workerId()).isEqualTo("wa");
    assertThat(
            s.route(job("job.default").putLabels("preferred_pool", " b ").build(), ws).workerId())
        .isEqualTo("wb");
  }

  @Test
  void preferredPoolNotMappedForTheTopicIsNoPoolMapping() {
    var s =
        new LeastLoadedStrategy(
            PoolConfig.builder().topic("job.default", "a").topic("job.other", "zzz").build(), true);

    RoutingException e =
        routingError(
            s,
            job("job.default").putLabels("preferred_pool", "zzz").build(),
            workers(hb("w", "zzz")));

    assertThat(e.type()).isEqualTo(ReasonCodes.NO_POOL_MAPPING);
    assertThat(e.retryable()).isFalse();
    assertThat(e)
        .hasMessage("no_pool_mapping: preferred pool \"zzz\" not mapped for topic \"job.default\"");
  }

  @Test
  void preferredPoolWithoutWorkersNamesOnlyThatPool() {
    var s = strategy(PoolConfig.builder().topic("job.default", "a", "b").build());

    RoutingException e =
        routingError(
            s, job("job.default").putLabels("preferred_pool", "b").build(), workers(hb("wa", "a")));

    assertThat(e.type()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(e)
        .hasMessageStartingWith(
            "no_workers: pool \"b\" (no worker of it heartbeats;"
                + " 1 worker(s) of the topic's other pools");
  }

  // ---------------------------------------------------------------- requires

  private static final PoolConfig GPU_POOLS =
      PoolConfig.builder()
          .topic("job.ml", "cpu", "gpu", "bare")
          .pool("cpu")
          .pool("gpu", " GPU ", "cuda", "")
          .build(); // "bare" is mapped but not declared under pools

  @Test
  void requiresMatchTrimmedAndCaseInsensitive() {
    var s = strategy(GPU_POOLS);
    var ws =
        workers(
            hb("w-cpu", "cpu").activeJobs(0),
            hb("w-bare", "bare").activeJobs(0),
            hb("w-gpu", "gpu").activeJobs(3));

    Route r = s.route(requiring("job.ml", " gpu", "CUDA "), ws);

    assertThat(r.workerId()).isEqualTo("w-gpu");
  }

  @Test
  void blankRequirementsAreIgnored() {
    var s = strategy(GPU_POOLS);
    var ws = workers(hb("w-cpu", "cpu").activeJobs(0), hb("w-gpu", "gpu").activeJobs(3));

    assertThat(s.route(requiring("job.ml", " ", ""), ws).workerId()).isEqualTo("w-cpu");
  }

  @Test
  void poolsWithoutRequiresAreNotEligibleForAJobWithRequires() {
    var s = strategy(PoolConfig.builder().topic("job.ml", "cpu", "bare").pool("cpu").build());

    RoutingException e =
        routingError(
            s, requiring("job.ml", "gpu"), workers(hb("w-cpu", "cpu"), hb("w-bare", "bare")));

    assertThat(e.type()).isEqualTo(ReasonCodes.NO_POOL_MAPPING);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage())
        .startsWith("no_pool_mapping: no pool satisfies requires")
        .contains("gpu")
        .contains("\"job.ml\"");
  }

  @Test
  void aMissingRequirementMakesThePoolIneligible() {
    var s = strategy(GPU_POOLS);

    RoutingException e =
        routingError(s, requiring("job.ml", "gpu", "tpu"), workers(hb("w-gpu", "gpu")));

    assertThat(e.type()).isEqualTo(ReasonCodes.NO_POOL_MAPPING);
  }

  @Test
  void aWorkerThatReportsCapabilitiesMustOfferTheRequiredOnes() {
    // The original looked at the pool only: a gpu job went to a gpu-pool worker saying [cpu].
    var s = strategy(GPU_POOLS);
    var ws =
        workers(
            hb("w-says-cpu", "gpu").capabilities("cpu"),
            hb("w-says-gpu", "gpu").capabilities("GPU", "cuda").activeJobs(3),
            hb("w-silent", "gpu").activeJobs(5));

    assertThat(s.route(requiring("job.ml", "gpu"), ws).workerId()).isEqualTo("w-says-gpu");
    RoutingException e =
        routingError(
            s, requiring("job.ml", "gpu"), workers(hb("w-says-cpu", "gpu").capabilities("cpu")));
    assertThat(e.type()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(e.getMessage()).contains("capabilities").contains("gpu");
    // a worker that reports none (CAP SDK heartbeats) is judged by its pool
    assertThat(s.route(requiring("job.ml", "gpu"), workers(hb("w-silent", "gpu"))).workerId())
        .isEqualTo("w-silent");
  }

  @Test
  void noWorkersMessageListsOnlyTheEligiblePools() {
    var s = strategy(GPU_POOLS);

    RoutingException e = routingError(s, requiring("job.ml", "cuda"), workers(hb("w", "cpu")));

    assertThat(e).hasMessageStartingWith("no_workers: pool \"gpu\" (");
  }

  @Test
  void noTopicFallbackWhileWorkersOfAnIneligiblePoolListenOnTheTopic() {
    // job.ml is served by pools gpu and cpu; a cuda job can only run in gpu. A cpu worker hears
    // the topic too, so sending the job there could hand it to the cpu worker: it waits.
    var s = new LeastLoadedStrategy(GPU_POOLS, true);
    RoutingException e = routingError(s, requiring("job.ml", "cuda"), workers(hb("w", "cpu")));
    assertThat(e.type()).isEqualTo(ReasonCodes.NO_WORKERS);
    assertThat(e.getMessage()).contains("do not offer [cuda]");
    // with nobody heartbeating on the topic, the topic still serves CAP SDK workers
    assertThat(s.route(requiring("job.ml", "cuda"), workers()).subject()).isEqualTo("job.ml");
  }

  @Test
  void eligiblePoolsKeepsTopicOrder() {
    // TestFilterEligiblePools and TestPoolSatisfies (inputs already normalised, as route does)
    Map<String, Set<String>> offers =
        Map.of(
            "p1", Set.of("linux", "x86"),
            "p2", Set.of("linux"),
            "p3", Set.of("windows"),
            "empty", Set.of());
    List<String> topicPools = List.of("p1", "p2", "p3");

    assertThat(LeastLoadedStrategy.eligiblePools(topicPools, List.of("linux"), offers))
        .containsExactly("p1", "p2");
    assertThat(LeastLoadedStrategy.eligiblePools(topicPools, List.of(), offers))
        .containsExactly("p1", "p2", "p3");
    assertThat(LeastLoadedStrategy.eligiblePools(topicPools, List.of("linux", "x86"), offers))
        .containsExactly("p1");
    assertThat(LeastLoadedStrategy.eligiblePools(List.of("p2", "p1"), List.of("linux"), offers))
        .containsExactly("p2", "p1");
    assertThat(
            LeastLoadedStrategy.eligiblePools(
                List.of("empty", "unknown"), List.of("linux"), offers))
        .isEmpty();
  }

  // ---------------------------------------------------------------- placement labels

  @Test
  void placementLabelsDropRoutingHints() {
    // TestFilterPlacementLabels: from 12 labels only region and gpu survive
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("preferred_worker_id", "w1");
    labels.put("preferred_pool", "p");
    labels.put("approval_granted", "true");
    labels.put("secrets_present", "true");
    labels.put("workflow_id", "wf");
    labels.put("run_id", "r");
    labels.put("step_id", "s");
    labels.put("node_id", "n");
    labels.put("worker_id", "w");
    labels.put("cordum.tenant", "t");
    labels.put("region", "eu");
    labels.put("gpu", "a100");

    assertThat(LeastLoadedStrategy.placementLabels(labels))
        .containsExactly(Map.entry("region", "eu"), Map.entry("gpu", "a100"));
  }

  @Test
  void placementLabelsAlsoDropApprovalAndMcpPrefixes() {
    Map<String, String> labels =
        Map.of(
            "approval_reason", "looks fine",
            "approval_note", "ok",
            "mcp.server", "files",
            "mcp.tool", "read",
            "cordum.bus_msg_id", "x",
            "mcp", "kept",
            "approval", "kept",
            "cordum", "kept");

    assertThat(LeastLoadedStrategy.placementLabels(labels))
        .containsOnlyKeys("mcp", "approval", "cordum");
    assertThat(LeastLoadedStrategy.placementLabels(Map.of())).isEmpty();
  }

  @Test
  void routingHintLabelsDoNotBlockAWorkerWithoutLabels() {
    // TestLeastLoadedStrategyIgnoresWorkflowLabelsForPlacement, plus approval_ and mcp. labels
    var s = strategy(DEFAULT_POOLS);
    var req =
        job("job.default")
            .putLabels("workflow_id", "wf-1")
            .putLabels("run_id", "run-1")
            .putLabels("step_id", "s1")
            .putLabels("node_id", "n1")
            .putLabels("approval_reason", "ok")
            .putLabels("approval_note", "n")
            .putLabels("mcp.server", "files")
            .putLabels("cordum.trace", "t")
            .putLabels("secrets_present", "true")
            .build();

    assertThat(s.route(req, workers(hb("w1", "default"))).workerId()).isEqualTo("w1");
  }

  @Test
  void placementLabelsMustMatchExactly() {
    var s = strategy(DEFAULT_POOLS);
    var req = job("job.default").putLabels("region", "eu").build();
    var ws =
        workers(
            hb("w-none", "default"),
            hb("w-us", "default").putLabels("region", "us"),
            hb("w-EU", "default").putLabels("region", "EU"),
            hb("w-eu-space", "default").putLabels("region", "eu "),
            hb("w-eu", "default").putLabels("region", "eu").putLabels("extra", "x").activeJobs(6));

    assertThat(s.route(req, ws).workerId()).isEqualTo("w-eu");
  }

  @Test
  void everyPlacementLabelMustBePresent() {
    var s = strategy(DEFAULT_POOLS);
    var req = job("job.default").putLabels("region", "eu").putLabels("gpu", "a100").build();
    var ws =
        workers(
            hb("w-region-only", "default").putLabels("region", "eu"),
            hb("w-both", "default")
                .putLabels("region", "eu")
                .putLabels("gpu", "a100")
                .activeJobs(3));

    assertThat(s.route(req, ws).workerId()).isEqualTo("w-both");
  }

  // ---------------------------------------------------------------- topic fallback

  @Nested
  class TopicFallback {
    @Test
    void noHeartbeatingWorkerOfAnEligiblePoolGoesToTheTopic() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, true);

      assertThat(s.route(job(), Map.of())).isEqualTo(new Route("job.default", null));
      assertThat(s.route(job(), workers(hb("w-other", "other"))))
          .isEqualTo(new Route("job.default", null));
    }

    @Test
    void fallbackUsesTheTrimmedTopic() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, true);

      assertThat(s.route(job(" job.default ").build(), Map.of()).subject())
          .isEqualTo("job.default");
    }

    @Test
    void notUsedForAPoolWhoseWorkersHeartbeatedRecently() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, true);

      assertThat(routingError(s, job(), Map.of(), java.util.Set.of("default")).type())
          .isEqualTo(ReasonCodes.NO_WORKERS);
      assertThat(s.route(job(), Map.of(), java.util.Set.of("other")))
          .isEqualTo(new Route("job.default", null));
    }

    @Test
    void switchedOffItIsNoWorkers() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, false);

      assertThat(routingError(s, job(), workers(hb("w-other", "other"))).type())
          .isEqualTo(ReasonCodes.NO_WORKERS);
    }

    @Test
    void notUsedWhenWorkersOfThePoolHeartbeatButCannotTakeTheJob() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, true);

      RoutingException overloaded =
          routingError(s, job(), workers(hb("w1", "default").activeJobs(1).maxParallelJobs(1)));
      assertThat(overloaded.type()).isEqualTo(ReasonCodes.POOL_OVERLOADED);

      RoutingException mismatch =
          routingError(
              s,
              job("job.default").putLabels("region", "eu").build(),
              workers(hb("w1", "default").putLabels("region", "us")));
      assertThat(mismatch.type()).isEqualTo(ReasonCodes.NO_WORKERS);
    }

    @Test
    void notUsedForMappingErrors() {
      var s = new LeastLoadedStrategy(GPU_POOLS, true);

      assertThat(routingError(s, job("job.unknown").build(), Map.of()).type())
          .isEqualTo(ReasonCodes.NO_POOL_MAPPING);
      assertThat(routingError(s, requiring("job.ml", "tpu"), Map.of()).type())
          .isEqualTo(ReasonCodes.NO_POOL_MAPPING);
    }

    @Test
    void aHeartbeatingWorkerIsStillPreferredOverTheTopic() {
      var s = new LeastLoadedStrategy(DEFAULT_POOLS, true);

      assertThat(s.route(job(), workers(hb("w1", "default").activeJobs(3))))
          .isEqualTo(new Route("worker.w1.jobs", "w1"));
    }
  }

  // ---------------------------------------------------------------- updatePools

  @Test
  void updatePoolsSwapsTheRouting() {
    var s = strategy(DEFAULT_POOLS);
    var ws = workers(hb("w-new", "new"), hb("w-old", "default").activeJobs(5));

    assertThat(s.route(job(), ws).workerId()).isEqualTo("w-old");
    assertThat(routingError(s, job("job.batch").build(), ws).type())
        .isEqualTo(ReasonCodes.NO_POOL_MAPPING);

    s.updatePools(
        PoolConfig.builder().topic("job.default", "new").topic("job.batch", "new").build());

    assertThat(s.route(job(), ws).workerId()).isEqualTo("w-new");
    assertThat(s.route(job("job.batch").build(), ws).workerId()).isEqualTo("w-new");

    s.updatePools(PoolConfig.builder().topic("job.batch", "default").build());

    assertThat(routingError(s, job(), ws).type()).isEqualTo(ReasonCodes.NO_POOL_MAPPING);
    assertThat(s.route(job("job.batch").build(), ws).workerId()).isEqualTo("w-old");
  }

  @Test
  void updatePoolsSwapsRequires() {
    var s = strategy(PoolConfig.builder().topic("job.ml", "gpu").pool("gpu").build());
    var ws = workers(hb("w-gpu", "gpu"));

    assertThat(routingError(s, requiring("job.ml", "gpu"), ws).type())
        .isEqualTo(ReasonCodes.NO_POOL_MAPPING);

    s.updatePools(PoolConfig.builder().topic("job.ml", "gpu").pool("gpu", "gpu").build());

    assertThat(s.route(requiring("job.ml", "gpu"), ws).workerId()).isEqualTo("w-gpu");
  }
}
