package io.cordum.core.internal.scheduler;

import io.cordum.api.NotFoundException;
import io.cordum.api.RetryLaterException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.trace.JobTracer;
import io.cordum.api.trace.TraceSpan;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.core.internal.OutageLog;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.Tracing;
import io.cordum.core.internal.job.SavedSubmit;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scheduler engine. Subscribes to {@code sys.heartbeat} (every replica), and to {@code
 * sys.job.submit}, {@code sys.job.result} and {@code sys.job.cancel} in the queue group {@code
 * cordum-scheduler}, and runs the timer loop. All state is in the stores: any number of replicas
 * may run against the same bus and stores, and any replica picks up any job.
 *
 * <p>Messages are dispatched by payload type, not by subject, as in Cordum. Usually created by
 * {@code Cordum.builder()}; {@link #start()} and {@link #close()} bound its life.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final SchedulerContext ctx;
  private final SubmitProcessor submits;
  private final ResultProcessor results;
  private final TimerLoop timers;
  private final JobOutcomes outcomes;
  private final RunningRecorder runningRecorder;
  private final ApprovalService approvals;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private @Nullable ScheduledFuture<?> ticker;
  private volatile boolean running;
  private volatile PoolConfig pools;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final OutageLog tickOutage;
  private final java.util.Set<String> refusedIds =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Creates a scheduler; nothing happens until {@link #start()}.
   *
   * @param bus the bus
   * @param store the job store
   * @param registry the worker registry (fed by this scheduler's heartbeat subscription)
   * @param leases leases for per-job serialisation across replicas
   * @param gate the safety gate asked before every dispatch
   * @param strategy the routing strategy
   * @param config settings
   * @param clock the time source
   * @param executor runs the timer loop and delayed retries; owned by the caller
   * @param metrics counters
   * @param effectiveConfig the effective-config hook, or {@code null}
   * @param watcher notified of terminal transitions, or {@code null}
   */
  public Scheduler(
      Bus bus,
      JobStore store,
      WorkerRegistry registry,
      LeaseStore leases,
      SafetyGate gate,
      RoutingStrategy strategy,
      SchedulerConfig config,
      InstantSource clock,
      ScheduledExecutorService executor,
      SchedulerMetrics metrics,
      @Nullable EffectiveConfigProvider effectiveConfig,
      @Nullable TerminalWatcher watcher) {
    this(
        bus,
        store,
        registry,
        leases,
        gate,
        strategy,
        config,
        clock,
        executor,
        metrics,
        effectiveConfig,
        watcher,
        null);
  }

  /**
   * Creates a scheduler that also records every dead-lettered job in {@code deadLetters} (with its
   * full request, for retries), besides publishing it on {@code sys.job.dlq}.
   *
   * @param deadLetters the dead-letter queue, or {@code null} to only publish
   */
  public Scheduler(
      Bus bus,
      JobStore store,
      WorkerRegistry registry,
      LeaseStore leases,
      SafetyGate gate,
      RoutingStrategy strategy,
      SchedulerConfig config,
      InstantSource clock,
      ScheduledExecutorService executor,
      SchedulerMetrics metrics,
      @Nullable EffectiveConfigProvider effectiveConfig,
      @Nullable TerminalWatcher watcher,
      @Nullable DeadLetterStore deadLetters) {
    this.ctx =
        new SchedulerContext(
            bus,
            store,
            registry,
            leases,
            gate,
            strategy,
            config,
            clock,
            metrics,
            watcher,
            effectiveConfig,
            new InflightTracker(clock, Duration.ofSeconds(1)),
            executor,
            deadLetters,
            new java.util.concurrent.atomic.AtomicReference<>(config.timeouts()),
            new WorkerLiveness(config.workerTimeout(), config.resultGrace(), clock.instant()),
            new Tracing());
    this.pools = config.pools();
    this.outcomes = new JobOutcomes(ctx);
    JobLease lease = new JobLease(ctx);
    this.runningRecorder = new RunningRecorder(ctx);
    this.submits = new SubmitProcessor(ctx, outcomes, runningRecorder);
    this.results = new ResultProcessor(ctx, outcomes, runningRecorder);
    this.timers = new TimerLoop(ctx, outcomes, lease, submits);
    this.timers.guard(this::enter, inFlight::decrementAndGet);
    this.approvals = new ApprovalService(ctx, outcomes);
    this.tickOutage =
        new OutageLog(log, "the scheduler's timer loop", clock, Duration.ofMinutes(1));
  }

  /** Where the spans of submits, safety decisions, dispatches and results go. */
  public void tracer(JobTracer tracer) {
    ctx.tracing().set(tracer);
  }

  /** Approve, reject or re-evaluate jobs waiting in APPROVAL_REQUIRED. */
  public io.cordum.api.policy.Approvals approvals() {
    return approvals;
  }

  /** Subscribes and starts the timer loop. Idempotent. */
  public void start() {
    lifecycle.lock();
    try {
      if (running) {
        return;
      }
      running = true;
      subscriptions.add(ctx.bus().subscribe(Subjects.HEARTBEAT, null, this::handle));
      for (int i = 0; i < ctx.config().submitConcurrency(); i++) {
        subscriptions.add(
            ctx.bus().subscribe(Subjects.SUBMIT, Subjects.SCHEDULER_QUEUE, this::handle));
      }
      for (int i = 0; i < ctx.config().resultConcurrency(); i++) {
        subscriptions.add(
            ctx.bus().subscribe(Subjects.RESULT, Subjects.SCHEDULER_QUEUE, this::handle));
      }
      subscriptions.add(
          ctx.bus().subscribe(Subjects.CANCEL, Subjects.SCHEDULER_QUEUE, this::handle));
      // Every result, including those another replica handles: without them this replica's
      // view of worker load keeps jobs that finished elsewhere until the next heartbeat.
      subscriptions.add(ctx.bus().observe(Subjects.RESULT, this::observeResult));
      long ms = ctx.config().tickInterval().toMillis();
      // The first tick at once: jobs submitted before the start wait with due timers.
      ticker = ctx.executor().scheduleWithFixedDelay(this::safeTick, 0, ms, TimeUnit.MILLISECONDS);
      log.info("scheduler started (topics {})", ctx.config().pools().topics().keySet());
    } catch (RuntimeException e) {
      stopLocked();
      throw e;
    } finally {
      lifecycle.unlock();
    }
  }

  /** Whether the scheduler is started. */
  public boolean isRunning() {
    return running;
  }

  /** Counts work in flight if the scheduler runs (see {@link #stopLocked()}); false if not. */
  private boolean enter() {
    inFlight.incrementAndGet();
    if (running) {
      return true;
    }
    inFlight.decrementAndGet();
    return false;
  }

  /** Handles one bus message (package-visible for tests that drive the engine directly). */
  void handle(BusMessage message) {
    if (!running) {
      // Stopping: hand the message back (JetStream redelivers it to another replica or to
      // this one after a restart) instead of acknowledging work that was never done.
      throw new RetryLaterException(java.time.Duration.ofSeconds(1), "scheduler stopping");
    }
    inFlight.incrementAndGet();
    try {
      dispatch(message);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A result seen by the observer (every replica sees every result here). */
  private void observeResult(BusMessage message) {
    if (running && message.packet().payload() instanceof JobResult res) {
      ctx.inflight().resultSeen(res.jobId().trim(), res.workerId(), message.packet().createdAt());
      if (JobState.fromTerminalStatus(res.status()) != null) {
        runningRecorder.resultSeen(res.jobId().trim());
      }
      timers.capacityFreed();
    }
  }

  private void dispatch(BusMessage message) {
    BusPacket packet = message.packet();
    if (packet.payload() == null) {
      return;
    }
    try {
      MDC.put("trace_id", packet.traceId());
      Object payload = packet.payload();
      if (payload instanceof Heartbeat hb && !Subjects.isToken(hb.workerId())) {
        refuseWorkerId(hb);
      } else if (payload instanceof Heartbeat hb && hb.stopping()) {
        // The worker is closing: send it nothing more (its registry entry would live 30 s).
        ctx.registry().remove(hb.workerId());
        // Still alive while it drains: the jobs it lists are not lost.
        ctx.liveness().heartbeat(hb, ctx.now());
        log.info("worker {} is stopping; no more jobs go to it", hb.workerId());
      } else if (payload instanceof Heartbeat hb) {
        ctx.registry().update(hb);
        ctx.liveness().heartbeat(hb, ctx.now());
        ctx.inflight().heartbeat(hb.workerId(), packet.createdAt());
        timers.capacityFreed();
      } else if (payload instanceof JobRequest req) {
        MDC.put("job_id", req.jobId());
        if (ctx.tracing().on()) {
          traced(
              TraceSpan.Kind.SUBMIT,
              packet.traceId(),
              req.jobId(),
              Map.of("topic", req.topic(), "tenant", req.tenantId()),
              () -> submits.onSubmit(req, packet.traceId(), SavedSubmit.in(packet)));
        } else {
          submits.onSubmit(req, packet.traceId(), SavedSubmit.in(packet));
        }
      } else if (payload instanceof JobResult res) {
        MDC.put("job_id", res.jobId());
        if (ctx.tracing().on()) {
          traced(
              TraceSpan.Kind.RESULT,
              packet.traceId(),
              res.jobId(),
              Map.of("status", String.valueOf(res.status()), "worker_id", res.workerId()),
              () -> results.onResult(res));
        } else {
          results.onResult(res);
        }
      } else if (payload instanceof JobCancel c
          && !SchedulerContext.SENDER.equals(packet.senderId())) {
        // The scheduler's own cancels are for workers (a timed-out attempt may be retried).
        MDC.put("job_id", c.jobId());
        cancelFromBus(c);
      }
      // Progress and alerts are not the scheduler's business.
    } finally {
      MDC.remove("job_id");
      MDC.remove("trace_id");
    }
  }

  /** Runs a step and records its span (an exception marks it failed and goes on up). */
  private void traced(
      TraceSpan.Kind kind,
      String traceId,
      String jobId,
      Map<String, String> attributes,
      Runnable step) {
    Instant start = ctx.now();
    boolean error = true;
    try {
      step.run();
      error = false;
    } finally {
      ctx.tracing().record(kind, traceId, jobId, "", "", start, ctx.now(), error, attributes);
    }
  }

  /**
   * A worker whose id is no subject token ({@code w1.prod}, or empty) can never get direct dispatch
   * on {@code worker.<id>.jobs}. Counted as live, it would also keep its pool off the topic
   * fallback, so its pool's jobs would wait and fail: it is left out of the registry, with one
   * warning per id.
   */
  private void refuseWorkerId(Heartbeat hb) {
    if (refusedIds.size() < 1000 && refusedIds.add(hb.workerId())) {
      log.warn(
          "heartbeat of worker \"{}\" (pool {}) ignored: a worker id must be a subject token"
              + " (no '.', '*', '>' or whitespace, not empty) to get jobs on worker.<id>.jobs;"
              + " its pool's jobs go to the pool topic while no other worker heartbeats",
          hb.workerId(),
          hb.pool());
    }
  }

  private void cancelFromBus(JobCancel c) {
    if (c.jobId().isBlank()) {
      return;
    }
    try {
      JobRecord rec =
          ctx.store()
              .cancel(
                  c.jobId().trim(),
                  c.reason().isBlank() ? "cancelled by " + c.requestedBy() : c.reason());
      if (ctx.watcher() != null) {
        ctx.watcher().terminal(rec);
      }
    } catch (NotFoundException e) {
      log.debug("cancel for unknown job {} ignored", c.jobId());
    }
  }

  /**
   * Cancels a job and tells workers on {@code sys.job.cancel}. Any non-terminal state becomes
   * CANCELLED; a terminal job is returned unchanged and nothing is published.
   *
   * @throws NotFoundException if the job does not exist
   */
  public JobRecord cancel(String jobId, String reason) {
    JobRecord before =
        ctx.store().get(jobId).orElseThrow(() -> new NotFoundException("job " + jobId));
    JobRecord after = ctx.store().cancel(jobId, reason);
    if (!before.isTerminal() && after.state() == io.cordum.api.job.JobState.CANCELLED) {
      outcomes.finished(after);
      outcomes.cancelOnWorkers(jobId, reason.isBlank() ? "cancelled by request" : reason);
    }
    return after;
  }

  /**
   * Replaces the pool configuration (hot reload): jobs routed from now on use it; jobs already
   * dispatched are not moved.
   */
  public void updatePools(PoolConfig pools) {
    ctx.strategy().updatePools(java.util.Objects.requireNonNull(pools, "pools"));
    this.pools = pools;
    log.info("pools updated (topics {})", pools.topics().keySet());
  }

  /**
   * Replaces the timeouts (hot reload): dispatch and running timeouts apply to attempts that start
   * from now on (an attempt's timer is set when it starts), per-topic retries and the replay
   * interval at once.
   */
  public void updateTimeouts(TimeoutConfig timeouts) {
    ctx.liveTimeouts().set(java.util.Objects.requireNonNull(timeouts, "timeouts"));
    log.info(
        "timeouts updated (dispatch {}s, running {}s)",
        timeouts.dispatchTimeout().toSeconds(),
        timeouts.runningTimeout().toSeconds());
  }

  /** The pool configuration in force. */
  public PoolConfig pools() {
    return pools;
  }

  /** The timeouts in force. */
  public TimeoutConfig timeouts() {
    return ctx.timeouts();
  }

  /**
   * Runs one pass of the timer loop now: due retries and deferrals, dispatch and running timeouts,
   * expired deadlines, and (when due) the pending replay. The background loop calls it every tick
   * interval; tests with a manual clock may call it directly.
   */
  public void tick() {
    timers.tick();
  }

  private void safeTick() {
    if (!enter()) {
      return;
    }
    try {
      timers.tick();
      tickOutage.succeeded();
    } catch (RuntimeException e) {
      tickOutage.failed(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** How many dispatched jobs still wait for their RUNNING write (for tests). */
  int pendingRunningWrites() {
    return runningRecorder.pendingCount();
  }

  /** Unsubscribes and stops the timer loop. Idempotent. */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      stopLocked();
    } finally {
      lifecycle.unlock();
    }
  }

  private void stopLocked() {
    running = false;
    if (ticker != null) {
      ticker.cancel(false);
      ticker = null;
    }
    // Let handlers that already started finish (bounded), so no job is left half-dispatched.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    // Jobs dispatched moments ago are recorded RUNNING now rather than left to their dispatch
    // timer, which would publish them again after a restart while their workers run them.
    runningRecorder.flush();
    for (Subscription s : subscriptions) {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.debug("unsubscribe failed: {}", e.toString());
      }
    }
    subscriptions.clear();
  }
}
