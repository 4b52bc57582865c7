package io.cordum.core.scheduler;

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
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.core.internal.TerminalWatcher;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The scheduler engine. Subscribes to {@code sys.heartbeat} (every replica), and to
 * {@code sys.job.submit}, {@code sys.job.result} and {@code sys.job.cancel} in the queue group
 * {@code cordum-scheduler}, and runs the timer loop. All state is in the stores: any number of
 * replicas may run against the same bus and stores, and any replica picks up any job.
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
  private final ApprovalService approvals;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private @Nullable ScheduledFuture<?> ticker;
  private volatile boolean running;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

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
  public Scheduler(Bus bus, JobStore store, WorkerRegistry registry, LeaseStore leases,
      SafetyGate gate, RoutingStrategy strategy, SchedulerConfig config, InstantSource clock,
      ScheduledExecutorService executor, SchedulerMetrics metrics,
      @Nullable EffectiveConfigProvider effectiveConfig, @Nullable TerminalWatcher watcher) {
    this(bus, store, registry, leases, gate, strategy, config, clock, executor, metrics,
        effectiveConfig, watcher, null);
  }

  /**
   * Creates a scheduler that also records every dead-lettered job in {@code deadLetters} (with
   * its full request, for retries), besides publishing it on {@code sys.job.dlq}.
   *
   * @param deadLetters the dead-letter queue, or {@code null} to only publish
   */
  public Scheduler(Bus bus, JobStore store, WorkerRegistry registry, LeaseStore leases,
      SafetyGate gate, RoutingStrategy strategy, SchedulerConfig config, InstantSource clock,
      ScheduledExecutorService executor, SchedulerMetrics metrics,
      @Nullable EffectiveConfigProvider effectiveConfig, @Nullable TerminalWatcher watcher,
      @Nullable DeadLetterStore deadLetters) {
    this.ctx = new SchedulerContext(bus, store, registry, leases, gate, strategy, config, clock,
        metrics, watcher, effectiveConfig, new InflightTracker(clock, Duration.ofSeconds(1)), executor,
        deadLetters);
    this.outcomes = new JobOutcomes(ctx);
    JobLease lease = new JobLease(ctx);
    this.submits = new SubmitProcessor(ctx, outcomes);
    this.results = new ResultProcessor(ctx, outcomes);
    this.timers = new TimerLoop(ctx, outcomes, lease, submits);
    this.approvals = new ApprovalService(ctx, outcomes);
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
        subscriptions.add(ctx.bus().subscribe(Subjects.SUBMIT, Subjects.SCHEDULER_QUEUE,
            this::handle));
      }
      for (int i = 0; i < ctx.config().resultConcurrency(); i++) {
        subscriptions.add(ctx.bus().subscribe(Subjects.RESULT, Subjects.SCHEDULER_QUEUE,
            this::handle));
      }
      subscriptions.add(ctx.bus().subscribe(Subjects.CANCEL, Subjects.SCHEDULER_QUEUE,
          this::handle));
      // Every result, including those another replica handles: without them this replica's
      // view of worker load keeps jobs that finished elsewhere until the next heartbeat.
      subscriptions.add(ctx.bus().observe(Subjects.RESULT, this::observeResult));
      long ms = ctx.config().tickInterval().toMillis();
      ticker = ctx.executor().scheduleWithFixedDelay(this::safeTick, ms, ms,
          TimeUnit.MILLISECONDS);
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
      if (payload instanceof Heartbeat hb) {
        ctx.registry().update(hb);
        ctx.inflight().heartbeat(hb.workerId(), packet.createdAt());
        timers.capacityFreed();
      } else if (payload instanceof JobRequest req) {
        MDC.put("job_id", req.jobId());
        submits.onSubmit(req, packet.traceId());
      } else if (payload instanceof JobResult res) {
        MDC.put("job_id", res.jobId());
        results.onResult(res);
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

  private void cancelFromBus(JobCancel c) {
    if (c.jobId().isBlank()) {
      return;
    }
    try {
      JobRecord rec = ctx.store().cancel(c.jobId().trim(),
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
    JobRecord before = ctx.store().get(jobId)
        .orElseThrow(() -> new NotFoundException("job " + jobId));
    JobRecord after = ctx.store().cancel(jobId, reason);
    if (!before.isTerminal() && after.state() == io.cordum.api.job.JobState.CANCELLED) {
      outcomes.finished(after);
      outcomes.cancelOnWorkers(jobId, reason.isBlank() ? "cancelled by request" : reason);
    }
    return after;
  }

  /** Replaces the pool configuration (hot reload). */
  public void updatePools(PoolConfig pools) {
    ctx.strategy().updatePools(pools);
  }

  /**
   * Runs one pass of the timer loop now: due retries and deferrals, dispatch and running timeouts,
   * expired deadlines, and (when due) the pending replay. The background loop calls it every
   * tick interval; tests with a manual clock may call it directly.
   */
  public void tick() {
    timers.tick();
  }

  private void safeTick() {
    if (!running) {
      return;
    }
    try {
      timers.tick();
    } catch (RuntimeException e) {
      log.warn("timer tick failed: {}", e.toString());
    }
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
