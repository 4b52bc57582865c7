package io.cordum.bench;

import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Workflow runs per second and run latency (start to {@code awaitTerminal}) of a 10-step DAG with a
 * fan-out of 4 and a condition step, 12 no-op jobs per run, on the in-memory backends and on NATS
 * JetStream + Redis (private servers, Redis without persistence). The baseline, measured in the
 * same run and window, is what the same 12 jobs cost without the engine: one "run" is 12 plain jobs
 * submitted and awaited one after the other. Usage: {@code WorkflowBench [runs in memory] [runs on
 * NATS + Redis, 0 for none] [windows, such as 1,16]}.
 */
public final class WorkflowBench {
  static final String WORKFLOW = "bench.dag10";
  static final String TOPIC = "job.bench";
  static final int JOBS_PER_RUN = 12;
  static final List<String> ITEMS = List.of("a", "b", "c", "d");

  private WorkflowBench() {}

  /** Runs the baseline and the workflow on both backends at each window; prints a table. */
  public static void main(String[] args) throws Exception {
    int memRuns = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int natsRuns = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int[] windows =
        args.length > 2
            ? java.util.Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 16};
    List<String> rows = new ArrayList<>();
    try (Cordum cordum = memoryCordum();
        Workers w = Workers.memory(cordum)) {
      setUp(cordum);
      measure("warm-up", cordum, memRuns / 4, 16, false);
      measure("warm-up", cordum, memRuns / 4, 16, true);
      for (int window : windows) {
        rows.add(measure("in-memory: 12 plain jobs in sequence", cordum, memRuns, window, true));
        rows.add(measure("in-memory: workflow run", cordum, memRuns, window, false));
      }
    }
    if (natsRuns > 0) { // 0: the in-memory rows only
      try (NatsServer nats = NatsServer.start();
          RedisServer redis = RedisServer.start(List.of("--appendonly", "no"))) {
        RedisConfig rc =
            RedisConfig.builder()
                .url(redis.url())
                .keyPrefix("wfb-" + UUID.randomUUID().toString().substring(0, 8) + ":")
                .build();
        NatsConfig nc = NatsConfig.builder().url(nats.url()).jetStream(true).build();
        try (Cordum cordum =
                Cordum.builder()
                    .pools(pools())
                    .modules(new NatsBusModule(nc), new RedisStoresModule(rc))
                    .build()
                    .start();
            Workers w = Workers.nats(nc, rc)) {
          setUp(cordum);
          measure("warm-up", cordum, natsRuns / 4, 16, false);
          measure("warm-up", cordum, natsRuns / 4, 16, true);
          for (int window : windows) {
            rows.add(
                measure(
                    "JetStream + Redis: 12 plain jobs in sequence",
                    cordum,
                    natsRuns,
                    window,
                    true));
            rows.add(measure("JetStream + Redis: workflow run", cordum, natsRuns, window, false));
          }
        }
      }
    }
    System.out.println(
        "| run                                          | window |  runs |"
            + " runs/s | p50 (ms) | p99 (ms) |");
    System.out.println(
        "|----------------------------------------------|-------:|------:|"
            + "-------:|---------:|---------:|");
    rows.forEach(System.out::println);
  }

  private static PoolConfig pools() {
    return PoolConfig.builder().topic(TOPIC, "bench").pool("bench").build();
  }

  private static Cordum memoryCordum() {
    return Cordum.builder().pools(pools()).build().start();
  }

  /**
   * {@code a -> check (condition) -> fan (for_each of 4) and b; c after fan; d after fan and b; e
   * after c; f after d; g after e and f; h after g}.
   */
  static WorkflowDefinition definition() {
    return WorkflowDefinition.builder(WORKFLOW)
        .step(job("a"))
        .step(
            StepDefinition.builder("check")
                .type(StepType.CONDITION)
                .condition("input.n > 1")
                .dependsOn("a"))
        .step(job("fan").forEach("input.items").dependsOn("check"))
        .step(job("b").dependsOn("check"))
        .step(job("c").dependsOn("fan"))
        .step(job("d").dependsOn("fan", "b"))
        .step(job("e").dependsOn("c"))
        .step(job("f").dependsOn("d"))
        .step(job("g").dependsOn("e", "f"))
        .step(job("h").dependsOn("g"))
        .build();
  }

  private static StepDefinition.Builder job(String id) {
    return StepDefinition.builder(id).topic(TOPIC);
  }

  private static void setUp(Cordum cordum) {
    cordum.workflows().save(definition());
  }

  /** One measured point: {@code runs} runs (or baseline runs) with {@code window} in flight. */
  static String measure(String name, Cordum cordum, int runs, int window, boolean baseline)
      throws Exception {
    Histogram h = new Histogram();
    ExecutorService seq = Executors.newFixedThreadPool(window);
    try {
      long begin =
          Submitters.run(
              runs,
              window,
              () -> {
                long t0 = System.nanoTime();
                CompletableFuture<?> f =
                    baseline
                        ? CompletableFuture.runAsync(() -> plainJobs(cordum), seq)
                        : cordum
                            .workflows()
                            .awaitTerminal(
                                cordum
                                    .workflows()
                                    .start(
                                        WORKFLOW,
                                        StartOptions.builder()
                                            .input("items", ITEMS)
                                            .input("n", 2)
                                            .build())
                                    .id())
                            .thenAccept(
                                r -> {
                                  if (r.status() != RunStatus.SUCCEEDED) {
                                    System.err.println(
                                        "run " + r.id() + " ended " + r.status() + " " + r.error());
                                  }
                                });
                return f.whenComplete(
                    (r, e) -> {
                      if (e != null) {
                        System.err.println(name + ": " + e);
                      }
                      h.record(System.nanoTime() - t0);
                    });
              });
      double secs = (System.nanoTime() - begin) / 1e9;
      return String.format(
          "| %-44s | %6d | %5d | %6.0f | %8.2f | %8.2f |",
          name,
          window,
          runs,
          runs / secs,
          h.percentileMicros(50) / 1000,
          h.percentileMicros(99) / 1000);
    } finally {
      seq.shutdownNow();
      seq.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static void plainJobs(Cordum cordum) {
    for (int i = 0; i < JOBS_PER_RUN; i++) {
      String id = cordum.jobs().submit(JobSubmission.builder().topic(TOPIC).build()).jobId();
      JobState s = cordum.jobs().awaitTerminal(id).orTimeout(60, TimeUnit.SECONDS).join().state();
      if (s != JobState.SUCCEEDED) {
        throw new IllegalStateException("job " + id + " ended " + s);
      }
    }
  }

  /** Two no-op workers and what they hold open. */
  private static final class Workers implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    static Workers memory(Cordum cordum) {
      Workers w = new Workers();
      for (int i = 0; i < 2; i++) {
        w.open.add(
            CordumWorker.builder()
                .workerId("wfb-" + i)
                .pool("bench")
                .topics(TOPIC)
                .maxParallel(64)
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      return w;
    }

    static Workers nats(NatsConfig nc, RedisConfig rc) {
      Workers w = new Workers();
      for (int i = 0; i < 2; i++) {
        NatsBus bus = NatsBus.connect(nc);
        RedisConnections conns = RedisConnections.create(rc);
        w.open.add(bus);
        w.open.add(conns);
        w.open.add(
            0,
            CordumWorker.builder()
                .workerId("wfb-" + i)
                .pool("bench")
                .topics(TOPIC)
                .maxParallel(64)
                .bus(bus)
                .pointers(new RedisPointerStore(conns, InstantSource.system()))
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      return w;
    }

    @Override
    public void close() throws Exception {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
  }
}
