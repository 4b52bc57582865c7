package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.workflow.EngineConfig;
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
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobContext;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow over JetStream + Redis with real Java workers: an approval, a fan-out of three, a step
 * that fails once and succeeds on its retry, then a rerun from the last step; the control plane is
 * closed and started again while the approval waits.
 */
class WorkflowNatsRedisEndToEndTest {
  private NatsServer nats;
  private RedisServer redis;

  private final String prefix = "wf-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<AutoCloseable> open = new ArrayList<>();

  /** Handler runs per step id ({@code fan[0]}, {@code flaky}, ...), over all workers. */
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  @BeforeEach
  void servers() {
    nats = NatsServer.start();
    redis = RedisServer.start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    nats.close();
    redis.close();
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private RedisConfig redisConfig() {
    return RedisConfig.builder().url(redis.url()).keyPrefix(prefix).build();
  }

  private NatsConfig natsConfig() {
    return NatsConfig.builder()
        .url(nats.url())
        .jetStream(true)
        .ackWait(Duration.ofSeconds(5))
        .build();
  }

  /** A control-plane replica; timers are checked every 50 ms so the retry backoff is 1 s. */
  private Cordum cordum() {
    return keep(
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.wf", "wf").pool("wf").build())
            .scheduler(s -> s.tickInterval(Duration.ofMillis(50)))
            .workflowConfig(
                EngineConfig.builder()
                    .tickInterval(Duration.ofMillis(50))
                    .jobCheckInterval(Duration.ofSeconds(2))
                    .build())
            .modules(new NatsBusModule(natsConfig()), new RedisStoresModule(redisConfig()))
            .build()
            .start());
  }

  /** A worker "process" with its own NATS connection and Redis client. */
  private void worker(String id) {
    NatsBus bus = keep(NatsBus.connect(natsConfig()));
    RedisConnections conns = keep(RedisConnections.create(redisConfig()));
    keep(
        CordumWorker.builder()
            .workerId(id)
            .pool("wf")
            .topics("job.wf")
            .maxParallel(4)
            .heartbeatInterval(Duration.ofSeconds(1))
            .cpuLoad(CpuLoad.fixed(0))
            .bus(bus)
            .pointers(new RedisPointerStore(conns, InstantSource.system()))
            .handler(this::handle)
            .build()
            .start());
  }

  private JobOutput handle(JobContext job) throws JobFailedException {
    Map<String, String> env = job.request().env();
    String step = env.getOrDefault("step_id", "?");
    int n = runs.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
    if (step.equals("flaky") && n == 1) {
      throw new JobFailedException("flaky", "the first attempt always fails");
    }
    if (step.startsWith("fan[")) {
      return JobOutput.of("\"packed " + env.get("foreach_index") + "\"");
    }
    return JobOutput.of("{\"step\":\"" + step + "\",\"run\":" + n + "}");
  }

  private static WorkflowDefinition definition() {
    return WorkflowDefinition.builder("ship")
        .step(StepDefinition.builder("approve").type(StepType.APPROVAL))
        .step(
            StepDefinition.builder("fan")
                .topic("job.wf")
                .dependsOn("approve")
                .forEach("input.items"))
        .step(
            StepDefinition.builder("flaky").topic("job.wf").dependsOn("fan").retry(StepRetry.of(2)))
        .step(StepDefinition.builder("report").topic("job.wf").dependsOn("flaky"))
        .build();
  }

  private static WorkflowRun awaitRun(Cordum c, String runId, RunStatus status) {
    await()
        .atMost(60, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> c.workflows().run(runId).map(WorkflowRun::status).orElse(null), s -> s == status);
    return c.workflows().run(runId).orElseThrow();
  }

  private static List<String> timeline(Cordum c, String runId) {
    return c.workflows().timeline(runId, TimelineQuery.oldest(500)).items().stream()
        .map(
            e ->
                e.type()
                    + (e.stepId().isEmpty() ? "" : ":" + e.stepId())
                    + (e.status().isEmpty() ? "" : "=" + e.status()))
        .toList();
  }

  @Test
  void approvalFanOutRetryAndRerunSurviveARestartOfTheEngine() {
    worker("w1");
    worker("w2");
    Cordum first = cordum();
    first.workflows().save(definition());
    WorkflowRun started =
        first
            .workflows()
            .start(
                "ship",
                StartOptions.builder().runId("r1").input("items", List.of("a", "b", "c")).build());
    assertThat(started.status()).isEqualTo(RunStatus.WAITING);
    assertThat(started.step("approve").orElseThrow().status()).isEqualTo(StepStatus.WAITING);

    first.close(); // the engine goes away while the approval waits
    Cordum second = cordum();
    WorkflowRun approved = second.workflows().approve("r1", "approve", "alice", "ship it");
    assertThat(approved.step("approve").orElseThrow().decidedBy()).isEqualTo("alice");

    WorkflowRun done = awaitRun(second, "r1", RunStatus.SUCCEEDED);
    assertThat(done.step("fan").orElseThrow().output())
        .isEqualTo(List.of("packed 0", "packed 1", "packed 2"));
    assertThat(done.step("flaky").orElseThrow().attempts()).isEqualTo(2);
    assertThat(done.step("flaky").orElseThrow().output())
        .isEqualTo(Map.of("step", "flaky", "run", 2L));
    assertThat(done.step("report").orElseThrow().output())
        .isEqualTo(Map.of("step", "report", "run", 1L));
    assertThat(second.jobs().get("r1:flaky@1").orElseThrow().reasonCode()).isNotBlank();
    assertThat(timeline(second, "r1"))
        .containsSubsequence(
            "run_created=pending",
            "step_waiting:approve=waiting",
            "step_approved:approve=succeeded",
            "step_fanout_completed:fan=succeeded",
            "step_retry_scheduled:flaky=pending",
            "step_completed:flaky=succeeded",
            "step_completed:report=succeeded",
            "run_status=succeeded");
    assertThat(timeline(second, "r1"))
        .filteredOn(t -> t.startsWith("step_dispatched:fan["))
        .hasSize(3);

    WorkflowRun rerun = second.workflows().rerun("r1", "report", false);
    WorkflowRun again = awaitRun(second, rerun.id(), RunStatus.SUCCEEDED);
    assertThat(again.step("report").orElseThrow().output())
        .isEqualTo(Map.of("step", "report", "run", 2L));
    assertThat(again.step("fan").orElseThrow().output())
        .isEqualTo(done.step("fan").orElseThrow().output());
    List<TimelineEvent> created =
        second.workflows().timeline(rerun.id(), TimelineQuery.oldest(1)).items();
    assertThat(created.get(0).data())
        .containsEntry("rerun_of", "r1")
        .containsEntry("rerun_step", "report");
    assertThat(timeline(second, rerun.id()))
        .filteredOn(t -> t.startsWith("step_dispatched"))
        .containsExactly("step_dispatched:report=running");

    // Handler runs: three children once each, flaky twice (one failure, one retry), report
    // once per run; nothing ran twice because of the restart.
    assertThat(runs).containsOnlyKeys("fan[0]", "fan[1]", "fan[2]", "flaky", "report");
    assertThat(runs.get("fan[0]")).hasValue(1);
    assertThat(runs.get("fan[1]")).hasValue(1);
    assertThat(runs.get("fan[2]")).hasValue(1);
    assertThat(runs.get("flaky")).hasValue(2);
    assertThat(runs.get("report")).hasValue(2);
  }
}
