package io.cordum.core.internal.workflow;

import static org.awaitility.Awaitility.await;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.internal.backends.TrackingBus;
import io.cordum.core.internal.job.DefaultJobClient;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.internal.scheduler.LeastLoadedStrategy;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.internal.scheduler.SchedulerMetrics;
import io.cordum.core.internal.schema.DefaultSchemaRegistry;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.workflow.EngineConfig;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryWorkerRegistry;
import io.cordum.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A workflow engine on real backends (in memory, or Redis and core NATS: see {@link Backends}):
 * bus, job store, scheduler, job client, and a fake worker {@code w1} that records the jobs it gets
 * and answers when told to (or at once, through {@link #responder}). The clock is manual and the
 * timer loops never run on their own: tests call {@link #tick()} after moving the clock.
 */
final class WfHarness implements AutoCloseable {
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  final Backends.Stores stores;
  final TrackingBus bus;
  final JobStore jobStore;
  final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry(clock, Duration.ofHours(1));
  final PointerStore pointers;
  final WorkflowStore store;
  final DefaultSchemaRegistry schemas;
  final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
  final TerminalWatcher watcher;
  final Scheduler scheduler;
  final DefaultJobClient jobs;
  final List<JobRequest> received = new CopyOnWriteArrayList<>();
  final List<BusMessage> alerts = new CopyOnWriteArrayList<>();
  final List<BusMessage> cancels = new CopyOnWriteArrayList<>();
  final Map<String, Boolean> answered = new ConcurrentHashMap<>();

  /** When set, answers every job as it arrives; null leaves jobs waiting for {@link #reply}. */
  final AtomicReference<@Nullable Function<JobRequest, Reply>> responder = new AtomicReference<>();

  DefaultWorkflowEngine engine;

  /** A worker's answer. */
  record Reply(JobStatus status, @Nullable String json, String error) {
    static Reply ok(String json) {
      return new Reply(JobStatus.SUCCEEDED, json, "");
    }

    static Reply failed(String error) {
      return new Reply(JobStatus.FAILED, null, error);
    }
  }

  WfHarness() {
    this(Backends.MEMORY);
  }

  WfHarness(Backends backends) {
    stores = backends.open(clock, 500);
    bus = stores.bus();
    jobStore = stores.jobs();
    pointers = stores.pointers();
    store = stores.workflows();
    schemas = new DefaultSchemaRegistry(stores.schemas());
    watcher = new TerminalWatcher(jobStore, executor, Duration.ofMillis(20));
    SchedulerConfig config =
        SchedulerConfig.builder()
            .pools(
                PoolConfig.builder()
                    .topic("job.default", "default")
                    .topic("job.other", "default")
                    .pool("default", "git")
                    .build())
            .tickInterval(Duration.ofHours(1))
            .lockBusyDelay(Duration.ofMillis(20))
            // The manual clock jumps while the worker heartbeated once: judge no worker dead.
            .workerTimeout(Duration.ofHours(1))
            .build();
    scheduler =
        new Scheduler(
            bus,
            jobStore,
            registry,
            stores.leases(),
            new AllowAllSafetyGate(),
            new LeastLoadedStrategy(config.pools(), config.topicFallback()),
            config,
            clock,
            executor,
            SchedulerMetrics.NOOP,
            null,
            watcher,
            stores.deadLetters());
    scheduler.start();
    jobs = new DefaultJobClient(bus, jobStore, pointers, scheduler, watcher, clock);
    bus.subscribe(Subjects.direct("w1"), null, this::onJob);
    bus.subscribe("job.>", "workers", this::onJob);
    bus.subscribe(Subjects.WORKFLOW_EVENT, null, alerts::add);
    bus.subscribe(Subjects.CANCEL, null, cancels::add);
    Heartbeat hb =
        Heartbeat.builder()
            .workerId("w1")
            .pool("default")
            .activeJobs(0)
            .maxParallelJobs(1000)
            .type("cpu")
            .labels(Map.of("zone", "eu"))
            .build();
    bus.publish(Subjects.HEARTBEAT, BusPacket.of("w1", "w1", clock.instant(), hb));
    poll().until(() -> registry.get("w1").isPresent());
    engine = newEngine();
  }

  DefaultWorkflowEngine newEngine() {
    return new DefaultWorkflowEngine(
        store,
        jobs,
        bus,
        clock,
        executor,
        EngineConfig.builder()
            .tickInterval(Duration.ofHours(1))
            .jobCheckInterval(Duration.ofSeconds(30))
            .build(),
        schemas);
  }

  /** Replaces the engine by a fresh one on the same stores (a restart of the replica). */
  void restart() {
    restart(true);
  }

  /** A restart; {@code recover} as {@link DefaultWorkflowEngine#start()} does in the background. */
  void restart(boolean recover) {
    settle();
    engine.close();
    engine = newEngine();
    if (recover) {
      engine.recover();
    }
  }

  private void onJob(BusMessage m) {
    JobRequest req = m.packet().jobRequest();
    if (req == null) {
      return;
    }
    received.add(req);
    Function<JobRequest, Reply> f = responder.get();
    if (f != null) {
      Reply r = f.apply(req);
      if (r != null) {
        reply(req.jobId(), r);
      }
    }
  }

  void reply(String jobId, Reply r) {
    String ptr = "";
    if (r.json() != null) {
      ptr = pointers.putResult(jobId, r.json().getBytes(StandardCharsets.UTF_8));
    }
    JobResult res =
        JobResult.builder()
            .jobId(jobId)
            .status(r.status())
            .workerId("w1")
            .resultPtr(ptr)
            .errorMessage(r.error())
            .build();
    answered.put(jobId, true);
    bus.publish(Subjects.RESULT, BusPacket.of(jobId, "w1", clock.instant(), res));
  }

  void ok(String jobId, String json) {
    awaitJob(jobId);
    reply(jobId, Reply.ok(json));
  }

  void fail(String jobId, String error) {
    awaitJob(jobId);
    reply(jobId, Reply.failed(error));
  }

  JobRequest awaitJob(String jobId) {
    poll().until(() -> received.stream().anyMatch(r -> r.jobId().equals(jobId)));
    return received.stream().filter(r -> r.jobId().equals(jobId)).findFirst().orElseThrow();
  }

  List<String> jobIds() {
    settle();
    return received.stream().map(JobRequest::jobId).distinct().toList();
  }

  WorkflowRun run(String id) {
    return store.getRun(id).orElseThrow();
  }

  WorkflowRun awaitRun(String id, Predicate<WorkflowRun> p) {
    poll().until(() -> store.getRun(id).map(p::test).orElse(false));
    return run(id);
  }

  WorkflowRun awaitStatus(String id, RunStatus status) {
    return awaitRun(id, r -> r.status() == status);
  }

  StepRun awaitStep(String id, String key, StepStatus status) {
    return awaitRun(id, r -> r.step(key).map(s -> s.status() == status).orElse(false))
        .step(key)
        .orElseThrow();
  }

  List<String> timelineTypes(String runId) {
    return store.timeline(runId, TimelineQuery.oldest(1000)).items().stream()
        .map(
            e ->
                e.type()
                    + (e.stepId().isEmpty() ? "" : ":" + e.stepId())
                    + (e.status().isEmpty() ? "" : "=" + e.status()))
        .toList();
  }

  List<TimelineEvent> timeline(String runId) {
    return store.timeline(runId, TimelineQuery.oldest(1000)).items();
  }

  /** Moves the clock and runs a timer pass of the engine and the scheduler. */
  void advance(Duration d) {
    settle();
    clock.advance(d);
    tick();
  }

  void tick() {
    settle();
    scheduler.tick();
    settle();
    engine.tick();
    settle();
  }

  /** Waits until the bus and the executor have nothing left to do. */
  void settle() {
    for (int i = 0; i < 3; i++) {
      if (bus.delegate() instanceof InMemoryBus memory
          && !memory.awaitQuiescence(Duration.ofSeconds(10))) {
        throw new AssertionError("bus did not settle");
      }
      poll().until(bus::quiet);
      poll()
          .until(
              () ->
                  executor.getActiveCount() == 0
                      && executor.getQueue().stream()
                          .noneMatch(
                              r ->
                                  r instanceof Delayed dl
                                      && dl.getDelay(TimeUnit.NANOSECONDS) <= 0));
    }
  }

  static org.awaitility.core.ConditionFactory poll() {
    return await()
        .atMost(10, TimeUnit.SECONDS)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2));
  }

  @Override
  public void close() {
    engine.close();
    scheduler.close();
    watcher.close();
    registry.close();
    executor.shutdownNow();
    stores.close();
  }
}
