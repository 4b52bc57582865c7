package io.cordum.core.internal.scheduler;

import static org.awaitility.Awaitility.await;

import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.internal.backends.TrackingBus;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryWorkerRegistry;
import io.cordum.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler on real backends (in memory, or Redis and core NATS: see {@link Backends}) with a
 * manual clock. The timer loop never runs on its own (its interval is an hour); tests call {@link
 * #tick()} after moving the clock. Every publisher and subscriber goes through {@link #bus}, which
 * tells when the bus is quiet.
 */
final class Harness implements AutoCloseable {
  final ManualClock clock = new ManualClock();
  final Backends.Stores stores;
  final TrackingBus bus;
  final JobStore store;
  final InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry(clock, Duration.ofSeconds(30));
  final LeaseStore leases;
  final PointerStore pointers;
  final DeadLetterStore dlq;

  /** Every task given to {@link #executor} that is not done yet (see {@link #quiesce()}). */
  private final Set<RunnableScheduledFuture<?>> tasks = ConcurrentHashMap.newKeySet();

  final ScheduledThreadPoolExecutor executor =
      new ScheduledThreadPoolExecutor(2) {
        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(
            Runnable r, RunnableScheduledFuture<V> task) {
          tasks.add(task);
          return task;
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(
            Callable<V> c, RunnableScheduledFuture<V> task) {
          tasks.add(task);
          return task;
        }
      };
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final AtomicReference<SafetyGate> gate = new AtomicReference<>(new AllowAllSafetyGate());
  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final List<Scheduler> schedulers = new ArrayList<>();
  final TerminalWatcher watcher;
  @Nullable EffectiveConfigProvider effectiveConfig;
  Bus schedulerBus;
  JobStore schedulerStore;

  /** A message the tap saw. */
  record Sent(String subject, BusPacket packet, String messageId) {}

  Harness() {
    this(Backends.MEMORY);
  }

  Harness(Backends backends) {
    stores = backends.open(clock);
    bus = stores.bus();
    store = stores.jobs();
    leases = stores.leases();
    pointers = stores.pointers();
    dlq = stores.deadLetters();
    schedulerBus = bus;
    schedulerStore = store;
    watcher = new TerminalWatcher(store, executor, Duration.ofMillis(20));
    bus.subscribe(">", null, m -> sent.add(new Sent(m.subject(), m.packet(), m.messageId())));
  }

  static SchedulerConfig.Builder config() {
    return SchedulerConfig.builder()
        .pools(
            PoolConfig.builder()
                .topic("job.default", "default")
                .topic("job.gpu", "gpu")
                .pool("default")
                .pool("gpu", "gpu", "cuda")
                .build())
        .tickInterval(Duration.ofHours(1))
        .lockBusyDelay(Duration.ofMillis(20));
  }

  Scheduler start(SchedulerConfig config) {
    Scheduler s =
        new Scheduler(
            schedulerBus,
            schedulerStore,
            registry,
            leases,
            r -> gate.get().check(r),
            new LeastLoadedStrategy(config.pools(), config.topicFallback()),
            config,
            clock,
            executor,
            SchedulerMetrics.micrometer(meters),
            effectiveConfig,
            watcher,
            dlq);
    s.start();
    schedulers.add(s);
    return s;
  }

  Scheduler start() {
    return start(config().build());
  }

  void heartbeat(String workerId, String pool, int active, int max, Map<String, String> labels) {
    Heartbeat hb =
        Heartbeat.builder()
            .workerId(workerId)
            .pool(pool)
            .activeJobs(active)
            .maxParallelJobs(max)
            .type("cpu")
            .labels(labels)
            .build();
    bus.publish(Subjects.HEARTBEAT, BusPacket.of(workerId, workerId, clock.instant(), hb));
    poll().until(() -> registry.get(workerId).map(w -> w.heartbeat().equals(hb)).orElse(false));
  }

  void heartbeat(String workerId, String pool) {
    heartbeat(workerId, pool, 0, 10, Map.of());
  }

  static JobRequest.Builder job(String id) {
    return JobRequest.builder().jobId(id).topic("job.default");
  }

  void submit(JobRequest req, String trace) {
    bus.publish(Subjects.SUBMIT, BusPacket.of(trace, "test", clock.instant(), req));
  }

  void submit(JobRequest req) {
    submit(req, "trace-" + req.jobId());
  }

  void result(String jobId, JobStatus status, String code, String message) {
    JobResult r =
        JobResult.builder()
            .jobId(jobId)
            .status(status)
            .workerId("w1")
            .resultPtr(status == JobStatus.SUCCEEDED ? "redis://res:" + jobId : "")
            .errorCode(code)
            .errorMessage(message)
            .build();
    bus.publish(Subjects.RESULT, BusPacket.of(jobId, "w1", clock.instant(), r));
  }

  JobRecord awaitState(String jobId, JobState state) {
    poll().until(() -> store.get(jobId).map(r -> r.state() == state).orElse(false));
    return store.get(jobId).orElseThrow();
  }

  JobRecord awaitRecord(String jobId, Predicate<JobRecord> p) {
    poll().until(() -> store.get(jobId).map(p::test).orElse(false));
    return store.get(jobId).orElseThrow();
  }

  /** An Awaitility wait that checks at once and then often (many short waits per test). */
  static org.awaitility.core.ConditionFactory poll() {
    return await()
        .atMost(10, TimeUnit.SECONDS)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2));
  }

  /** Waits until the bus has delivered everything (including the tap). */
  void settle() {
    if (bus.delegate() instanceof InMemoryBus memory
        && !memory.awaitQuiescence(Duration.ofSeconds(10))) {
      throw new AssertionError("bus did not settle");
    }
    poll().until(bus::quiet);
  }

  List<Sent> on(String subject) {
    settle();
    return sent.stream().filter(s -> s.subject().equals(subject)).toList();
  }

  List<Sent> jobsPublished(String jobId) {
    settle();
    return sent.stream()
        .filter(
            s ->
                s.packet().jobRequest() != null
                    && !s.subject().equals(Subjects.SUBMIT)
                    && s.packet().jobRequest().jobId().equals(jobId))
        .toList();
  }

  List<JobResult> deadLetters() {
    return on(Subjects.DLQ).stream().map(s -> s.packet().jobResult()).toList();
  }

  /**
   * Moves the clock to {@code t} and runs one timer pass. The background work of what the test did
   * before (heartbeat handlers, early wake-ups on the executor) finishes first, at the old time:
   * work still running when the clock moves reads the new time, and a job it defers then gets a
   * timer later than the pass that should fire it (on Redis and NATS, where that work is slow
   * enough to overlap the test, such a job waited for a tick that never came).
   */
  void tickAt(Instant t) {
    settle();
    quiesce();
    clock.set(t);
    tick();
  }

  /**
   * One timer pass, after any background work (early wake-ups of waiting jobs triggered by
   * heartbeats or results) has finished, so the pass and the wake-up never race for a job.
   */
  void tick() {
    settle();
    quiesce();
    schedulers.get(0).tick();
    settle();
    quiesce();
  }

  /**
   * Waits until no task of the executor is due or running: every task not done yet waits for a
   * later time. A task that is running, or that a pool thread has taken from the queue but not yet
   * started, still has its due time in the past, so it is counted too (the pool's active count and
   * queue miss a task between the two).
   */
  private void quiesce() {
    poll()
        .until(
            () -> {
              tasks.removeIf(Future::isDone);
              return tasks.stream().allMatch(f -> f.getDelay(TimeUnit.NANOSECONDS) > 0);
            });
  }

  double counter(String name, String... tags) {
    var c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    schedulers.forEach(Scheduler::close);
    watcher.close();
    registry.close();
    executor.shutdownNow();
    stores.close();
  }

  static BusMessage message(String subject, BusPacket p) {
    return new BusMessage(subject, p, 1);
  }
}
