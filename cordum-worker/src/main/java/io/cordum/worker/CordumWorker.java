package io.cordum.worker;

import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStore;
import io.cordum.api.pointer.PointerStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A CAP worker in the host's JVM.
 *
 * <pre>{@code
 * try (CordumWorker worker = CordumWorker.builder()
 *     .bus(bus).pointers(pointerStore)
 *     .pool("default").topics("job.default")
 *     .maxParallel(4)
 *     .handler(job -> JobOutput.of("echo: " + job.inputAsString().orElse("")))
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>It queue-subscribes to each topic (queue group = the topic, as CAP SDK workers do, so Java and
 * SDK workers on one topic share the work), subscribes to its direct subject {@code
 * worker.<id>.jobs} (where the scheduler's least-loaded routing sends jobs), and to {@code
 * sys.job.cancel}. It heartbeats at start and every interval. Jobs run on up to {@code maxParallel}
 * threads; more jobs wait in a local queue and count as active in heartbeats, so the scheduler sees
 * the load. A job id already running or queued here is not started twice.
 */
public final class CordumWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CordumWorker.class);
  private static final AtomicInteger POOL_SEQ = new AtomicInteger();
  private static final long FIRST_RESULT_RETRY_MS = 100;

  /** The cancel reason of jobs cut short by {@link #close()}. */
  private static final String SHUTTING_DOWN = "worker shutting down";

  /** Beyond this a heartbeat lists no jobs (it would grow past a few hundred KB). */
  private static final int MAX_HELD_IN_HEARTBEAT = 5_000;

  private static final long MAX_RESULT_RETRY_MS = 5_000;

  /** The label carrying the scheduler's per-attempt message id, {@code <job_id>@<attempt>}. */
  static final String BUS_MSG_ID_LABEL = "cordum.bus_msg_id";

  private final WorkerOptions o;
  private final StoreRetry storeRetry;
  private final ExecutorService executor;
  private final boolean ownsJobs;
  // At most maxParallel jobs on the executor at once, whether it is ours or the host's.
  private final BoundedExecutor jobs;
  private final ScheduledExecutorService timers;
  private final boolean ownsTimers;
  private final Map<String, RunningJob> active = new ConcurrentHashMap<>();
  // Results the bus refused (it was down), by job id, in the order they were made; published
  // again until it takes them (issue 12, defect 4).
  private final Map<String, BusPacket> unreported =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private final ReentrantLock flushLock = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicBoolean flushScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile long flushDelayMs = FIRST_RESULT_RETRY_MS;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Condition idle = idleLock.newCondition();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private @Nullable ScheduledFuture<?> heartbeats;
  private volatile boolean started;
  private int heartbeatFailures; // only the heartbeat timer thread touches it
  private volatile boolean closed;

  private CordumWorker(WorkerOptions o) {
    this.o = o;
    this.storeRetry = new StoreRetry(o.storeRetryTimeout());
    ExecutorService given = o.executor();
    if (given != null) {
      this.executor = given;
      this.ownsJobs = false;
    } else {
      this.executor =
          Executors.newFixedThreadPool(
              o.maxParallel(), daemon("cordum-worker-" + o.workerId() + "-"));
      this.ownsJobs = true;
    }
    this.jobs = new BoundedExecutor(executor, o.maxParallel());
    ScheduledExecutorService scheduler = o.scheduler();
    if (scheduler != null) {
      this.timers = scheduler;
      this.ownsTimers = false;
    } else {
      this.timers = Executors.newSingleThreadScheduledExecutor(daemon("cordum-worker-timer-"));
      this.ownsTimers = true;
    }
  }

  /** A worker with these options (not started); the same as setting them on {@link #builder()}. */
  public static CordumWorker create(WorkerOptions options) {
    return new CordumWorker(Objects.requireNonNull(options, "options"));
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The options this worker was made with. */
  public WorkerOptions options() {
    return o;
  }

  /** The worker id (also the last-but-one token of its direct subject). */
  public String workerId() {
    return o.workerId();
  }

  /** Jobs running or waiting for a thread on this worker. */
  public int activeJobs() {
    return active.size();
  }

  /**
   * Subscribes and sends the first heartbeat. Returns this worker.
   *
   * @throws IllegalStateException if already started or closed
   */
  public CordumWorker start() {
    lifecycle.lock();
    try {
      if (started || closed) {
        throw new IllegalStateException("worker " + o.workerId() + " was already started");
      }
      started = true;
      String queueGroup = o.queueGroup();
      for (String topic : o.topics()) {
        subscriptions.add(
            o.bus().subscribe(topic, queueGroup == null ? topic : queueGroup, this::onJob));
      }
      subscriptions.add(o.bus().subscribe(Subjects.direct(o.workerId()), null, this::onJob));
      subscriptions.add(o.bus().subscribe(Subjects.CANCEL, null, this::onCancel));
      heartbeat();
      long ms = o.heartbeatInterval().toMillis();
      heartbeats = timers.scheduleAtFixedRate(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
      log.info(
          "worker {} started: pool {}, topics {}, max parallel {}",
          o.workerId(),
          o.pool(),
          o.topics(),
          o.maxParallel());
      return this;
    } catch (RuntimeException e) {
      closeLocked(Duration.ZERO);
      throw e;
    } finally {
      lifecycle.unlock();
    }
  }

  private void onJob(BusMessage m) {
    if (!(m.packet().payload() instanceof JobRequest req) || closed) {
      return;
    }
    String id = req.jobId();
    if (id.isBlank()) {
      log.warn("job request without job_id ignored on {}", m.subject());
      return;
    }
    Instant deadline = null;
    Duration defaultTimeout = o.defaultTimeout();
    if (req.budget() != null && req.budget().deadlineMs() > 0) {
      deadline = now().plusMillis(req.budget().deadlineMs());
    } else if (defaultTimeout != null) {
      deadline = now().plus(defaultTimeout);
    }
    String trace = m.packet().traceId().isEmpty() ? id : m.packet().traceId();
    RunningJob job = new RunningJob(this, req, trace, deadline);
    String ended = endedAttempt(req, m.messageId());
    if (ended != null) {
      // No result either: the job store already has this attempt's outcome.
      log.info("job {} not run: {}", id, ended);
      return;
    }
    if (unreported.containsKey(id)) {
      log.debug("job {} already ran here and its result waits for the bus; duplicate ignored", id);
      return;
    }
    if (active.putIfAbsent(id, job) != null) {
      log.debug("job {} is already running here; duplicate ignored", id);
      return;
    }
    try {
      jobs.execute(() -> run(job));
    } catch (RuntimeException e) {
      log.warn("job {} rejected by the executor: {}", id, e.toString());
      try {
        report(
            job,
            JobResult.builder()
                .status(JobStatus.FAILED)
                .errorCode(WorkerErrorCodes.WORKER_REJECTED)
                .errorMessage("worker " + o.workerId() + " could not accept the job: " + e),
            0);
      } finally {
        finished(job);
      }
    }
  }

  private void run(RunningJob job) {
    long start = System.nanoTime();
    ScheduledFuture<?> watchdog = null;
    JobResult.Builder result;
    MDC.put("job_id", job.jobId());
    MDC.put("trace_id", job.traceId());
    try {
      try {
        // Set the thread before checking: a cancel from here on interrupts it.
        job.runningOn(Thread.currentThread());
        if (job.isCancelled()) {
          result = cancelled(job);
        } else {
          if (job.deadline().isPresent()) {
            long ms = Math.max(0, Duration.between(now(), job.deadline().get()).toMillis());
            watchdog =
                timers.schedule(
                    () -> job.cancel("deadline exceeded", true), ms, TimeUnit.MILLISECONDS);
          }
          result = execute(job);
        }
      } finally {
        job.runningOn(null);
        Thread.interrupted(); // clear a late interrupt before the thread is reused
        if (watchdog != null) {
          watchdog.cancel(false);
        }
      }
      report(job, result, (System.nanoTime() - start) / 1_000_000);
    } finally {
      finished(job); // after the report, so close() returns once results are out
      MDC.remove("job_id");
      MDC.remove("trace_id");
    }
  }

  /**
   * Why this request must not run, or {@code null} to run it: the job store (when the worker has
   * one) says the job already ended, or the attempt this request carries ended or was replaced by a
   * later one. A bus that redelivers old requests (a durable consumer restored at an old ack
   * position after a NATS crash, a core-NATS duplicate) then runs nothing twice. A job the store
   * does not know, or a store that stays unreachable, runs (at least once beats never).
   */
  private @Nullable String endedAttempt(JobRequest req, String messageId) {
    JobStore store = o.jobStore();
    if (store == null) {
      return null;
    }
    Optional<JobRecord> found;
    try {
      // One read, on the delivery thread, before the job takes a place here: a stale request
      // must not block a current one for the same job. Not retried: a store that is down
      // delays the job's input read anyway, and running it is the safe side.
      found = store.get(req.jobId());
    } catch (RuntimeException e) {
      log.warn("job {}: its state could not be read ({}); running it", req.jobId(), e.toString());
      return null;
    }
    if (found.isEmpty()) {
      return null;
    }
    JobRecord rec = found.get();
    if (rec.isTerminal()) {
      return "it already ended " + rec.state();
    }
    int attempt = attemptOf(messageId, req);
    if (attempt > 0 && rec.attempts() > attempt) {
      return "attempt " + attempt + " was replaced by attempt " + rec.attempts();
    }
    if (attempt > 0 && rec.attempts() == attempt && !rec.state().holdsWorkerSlot()) {
      return "attempt " + attempt + " already ended (the job is " + rec.state() + ")";
    }
    return null;
  }

  /**
   * The attempt a request carries, {@code <job_id>@<attempt>}: in its message id (this project's
   * scheduler), else in the {@code cordum.bus_msg_id} label (Cordum's Go components); -1 when it
   * carries none.
   */
  static int attemptOf(String messageId, JobRequest req) {
    String v = messageId.isBlank() ? req.labels().getOrDefault(BUS_MSG_ID_LABEL, "") : messageId;
    int at = v.lastIndexOf('@');
    if (at < 0 || !v.substring(0, at).equals(req.jobId())) {
      return -1;
    }
    try {
      return Integer.parseInt(v.substring(at + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void finished(RunningJob job) {
    active.remove(job.jobId(), job);
    signalIdle();
  }

  /**
   * Waits until no job is running or queued here (and, with {@code results}, no result waits for
   * the bus); false if the time ran out first.
   */
  private boolean awaitIdle(Duration wait, boolean results) throws InterruptedException {
    long nanos = wait.isNegative() ? 0 : saturatedNanos(wait);
    idleLock.lock();
    try {
      while (!active.isEmpty() || (results && !unreported.isEmpty())) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      idleLock.unlock();
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private JobResult.Builder execute(RunningJob job) {
    try {
      JobOutput out = o.handler().handle(job);
      if (job.isCancelled()) {
        return cancelled(job);
      }
      JobResult.Builder ok = JobResult.builder().status(JobStatus.SUCCEEDED);
      if (out != null) {
        if (out.hasData()) {
          ok.resultPtr(writeOutput(job.jobId(), out.data()));
        }
        ok.artifactPtrs(out.artifactPtrs());
      }
      return ok;
    } catch (JobFailedException e) {
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(e.code())
          .errorMessage(Objects.toString(e.getMessage(), e.code()));
    } catch (WorkerConfigException e) {
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(WorkerErrorCodes.WORKER_MISCONFIGURED)
          .errorMessage(Objects.toString(e.getMessage(), ""));
    } catch (InputUnavailableException e) {
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(WorkerErrorCodes.INPUT_UNAVAILABLE)
          .errorMessage(Objects.toString(e.getMessage(), ""));
    } catch (TimeoutException e) {
      return JobResult.builder()
          .status(JobStatus.TIMEOUT)
          .errorCode(WorkerErrorCodes.HANDLER_TIMEOUT)
          .errorMessage(Objects.toString(e.getMessage(), "handler timed out"));
    } catch (InterruptedException | JobCancelledException e) {
      if (job.isCancelled()) {
        return cancelled(job);
      }
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(WorkerErrorCodes.HANDLER_INTERRUPTED)
          .errorMessage("handler interrupted");
    } catch (Exception | Error e) { // a handler's StackOverflowError must still report FAILED
      if (job.isCancelled()) {
        return cancelled(job);
      }
      log.warn("job {} failed in its handler", job.jobId(), e);
      // A code from the catalog (or a CordumException's stable type), never a class name: CAP
      // workers, dashboards and retry policies in other languages read it.
      String code =
          e instanceof io.cordum.api.CordumException c ? c.type() : WorkerErrorCodes.HANDLER_FAILED;
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(code)
          .errorMessage(
              e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static JobResult.Builder cancelled(RunningJob job) {
    if (job.timedOut()) {
      return JobResult.builder()
          .status(JobStatus.TIMEOUT)
          .errorCode(WorkerErrorCodes.HANDLER_TIMEOUT)
          .errorMessage("job exceeded its deadline " + job.deadline().orElse(null));
    }
    if (SHUTTING_DOWN.equals(job.cancelReason())) {
      // Not the user's cancel: the job is cut short by this worker's shutdown and must run
      // elsewhere (the scheduler runs a worker_stopped attempt again, as for a lost worker).
      return JobResult.builder()
          .status(JobStatus.FAILED)
          .errorCode(WorkerErrorCodes.WORKER_STOPPED)
          .errorMessage("worker shut down before the job finished");
    }
    return JobResult.builder()
        .status(JobStatus.CANCELLED)
        .errorCode(WorkerErrorCodes.CANCELLED)
        .errorMessage(Objects.toString(job.cancelReason(), "cancelled"));
  }

  private String writeOutput(String jobId, byte[] data) {
    PointerStore pointers = o.pointers();
    if (pointers == null) {
      throw new WorkerConfigException(
          "the handler returned output but worker "
              + o.workerId()
              + " has no pointer store to keep it; set CordumWorker.builder().pointers(...)");
    }
    return storeRetry.call("writing the output", jobId, () -> pointers.putResult(jobId, data));
  }

  Optional<byte[]> readInput(JobRequest req) {
    if (req.contextPtr().isBlank()) {
      return Optional.empty();
    }
    PointerStore pointers = o.pointers();
    if (pointers == null) {
      throw new WorkerConfigException(
          "job "
              + req.jobId()
              + " has input at "
              + req.contextPtr()
              + " but worker "
              + o.workerId()
              + " has no pointer store to read it");
    }
    return storeRetry.call("reading the input", req.jobId(), () -> pointers.get(req.contextPtr()));
  }

  private void report(RunningJob job, JobResult.Builder result, long executionMs) {
    JobResult r = result.jobId(job.jobId()).workerId(o.workerId()).executionMs(executionMs).build();
    BusPacket packet = BusPacket.of(job.traceId(), o.workerId(), now(), r);
    try {
      publish(Subjects.RESULT, packet);
    } catch (RuntimeException e) {
      log.warn(
          "could not publish the {} result of job {}, will retry until the bus takes it:" + " {}",
          r.status(),
          job.jobId(),
          e.toString());
      unreported.put(job.jobId(), packet);
      scheduleFlush(FIRST_RESULT_RETRY_MS);
    }
  }

  private void scheduleFlush(long delayMs) {
    if (flushScheduled.compareAndSet(false, true)) {
      try {
        var unused = timers.schedule(this::flushUnreported, delayMs, TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) {
        flushScheduled.set(false); // the timers are shut down: close() flushes what is left
      }
    }
  }

  /**
   * Publishes the results the bus refused, oldest first; those it refuses again are tried again
   * later (100 ms, doubling to 5 s). Results are never given up while the worker runs: the job
   * succeeded or failed, and the scheduler must learn it.
   */
  private void flushUnreported() {
    flushScheduled.set(false);
    if (!flushOnce()) {
      flushDelayMs = Math.min(MAX_RESULT_RETRY_MS, flushDelayMs * 2);
      scheduleFlush(flushDelayMs);
    } else {
      flushDelayMs = FIRST_RESULT_RETRY_MS;
    }
  }

  /** One pass over the waiting results; whether none is left. */
  private boolean flushOnce() {
    flushLock.lock();
    try {
      List<Map.Entry<String, BusPacket>> waiting;
      synchronized (unreported) {
        waiting = List.copyOf(unreported.entrySet());
      }
      for (Map.Entry<String, BusPacket> e : waiting) {
        try {
          publish(Subjects.RESULT, e.getValue());
        } catch (RuntimeException failed) {
          log.debug("result of job {} still waits for the bus: {}", e.getKey(), failed.toString());
          continue;
        }
        unreported.remove(e.getKey(), e.getValue());
        log.info("result of job {} published after the bus took it again", e.getKey());
        signalIdle();
      }
      return unreported.isEmpty();
    } finally {
      flushLock.unlock();
    }
  }

  private void signalIdle() {
    idleLock.lock();
    try {
      idle.signalAll();
    } finally {
      idleLock.unlock();
    }
  }

  private void onCancel(BusMessage m) {
    if (!(m.packet().payload() instanceof JobCancel c)) {
      return;
    }
    RunningJob job = active.get(c.jobId());
    String reason = c.reason().isBlank() ? "cancelled" : c.reason();
    if (job != null && job.cancel(reason, false)) {
      log.info("job {} cancelled: {}", c.jobId(), reason);
    }
    BiConsumer<String, String> onCancel = o.onCancel();
    if (onCancel != null) {
      try {
        onCancel.accept(c.jobId(), reason);
      } catch (RuntimeException e) {
        log.warn("onCancel callback failed for job {}: {}", c.jobId(), e.toString());
      }
    }
  }

  private void heartbeat() {
    try {
      Heartbeat.Builder b =
          Heartbeat.builder()
              .workerId(o.workerId())
              .region(o.region())
              .type(o.type())
              .cpuLoad(o.cpuLoad().percent())
              .activeJobs(active.size())
              .capabilities(o.capabilities())
              .pool(o.pool())
              .maxParallelJobs(o.maxParallel())
              .labels(o.labels());
      if (closed) {
        // Draining: say so (no new job comes here, every slot reads busy) while still listing
        // the jobs held, so the scheduler neither counts this worker dead nor runs them again.
        Map<String, String> labels = new LinkedHashMap<>(o.labels());
        labels.put(Heartbeat.STOPPING_LABEL, "true");
        b.labels(labels).activeJobs(o.maxParallel());
      }
      // The jobs held here, so the scheduler can tell a job this worker lost (a restart under
      // the same id, a request or result the bus dropped) from one still running.
      List<String> held = heldJobIds();
      if (held != null) {
        b.heldJobIds(held);
      }
      Heartbeat hb = b.build();
      publish(Subjects.HEARTBEAT, BusPacket.of(o.workerId(), o.workerId(), now(), hb));
      if (heartbeatFailures > 0) {
        log.info(
            "heartbeats of worker {} go out again after {} failed",
            o.workerId(),
            heartbeatFailures);
        heartbeatFailures = 0;
      }
    } catch (RuntimeException e) {
      // Once per outage, not on every interval for as long as the bus is down.
      if (heartbeatFailures++ == 0) {
        log.warn(
            "heartbeat of worker {} failed: {} (retried every {}; logged again when it" + " works)",
            o.workerId(),
            e.toString(),
            o.heartbeatInterval());
      } else {
        log.debug("heartbeat of worker {} failed again: {}", o.workerId(), e.toString());
      }
    }
  }

  /**
   * Tells schedulers this worker takes no new job: heartbeats labelled {@link
   * Heartbeat#STOPPING_LABEL} with every slot busy, sent at once and then on the usual interval
   * while running jobs and unpublished results drain (they list the jobs still held). Without it, a
   * closed worker kept receiving direct dispatches until its registry entry expired (30 s), and
   * those jobs waited for their running timeout.
   */
  private void announceStop() {
    if (started) {
      heartbeat(); // closed is set: the stopping form
    }
  }

  /** Running, queued and unreported jobs; {@code null} when too many to list in a heartbeat. */
  private @Nullable List<String> heldJobIds() {
    List<String> ids = new ArrayList<>(active.keySet());
    synchronized (unreported) {
      ids.addAll(unreported.keySet());
    }
    return ids.size() > MAX_HELD_IN_HEARTBEAT ? null : ids;
  }

  void publish(String subject, BusPacket packet) {
    o.bus().publish(subject, packet);
  }

  Instant now() {
    return o.clock().instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Stops taking jobs, waits up to the shutdown timeout for running jobs (heartbeating as a
   * stopping worker meanwhile), then interrupts them. Jobs cut short report FAILED with {@link
   * WorkerErrorCodes#WORKER_STOPPED}, which the scheduler runs again elsewhere. Idempotent.
   */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      closeLocked(o.shutdownTimeout());
    } finally {
      lifecycle.unlock();
    }
  }

  private void closeLocked(Duration wait) {
    if (closed) {
      return;
    }
    closed = true;
    subscriptions.forEach(
        s -> {
          try {
            s.close();
          } catch (RuntimeException e) {
            log.debug("unsubscribe failed: {}", e.toString());
          }
        });
    subscriptions.clear();
    announceStop();
    // Running and queued jobs may finish within the wait (on our threads or the host's); the
    // rest are cancelled: running ones are interrupted, queued ones report CANCELLED unrun.
    boolean quiet;
    try {
      quiet = awaitIdle(wait, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      quiet = false;
    }
    if (!quiet) {
      // Queued jobs first: interrupting a running job frees its thread for the next queued
      // one, which must already find itself cancelled instead of running its handler.
      active.values().stream()
          .filter(j -> !j.started())
          .forEach(j -> j.cancel(SHUTTING_DOWN, false));
      active.values().forEach(j -> j.cancel(SHUTTING_DOWN, false));
      try {
        if (!awaitIdle(Duration.ofSeconds(5), false)) {
          log.warn(
              "worker {} closed with {} job(s) still running after an interrupt",
              o.workerId(),
              active.size());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    if (!unreported.isEmpty()) {
      // The scheduler sees this worker's heartbeats stop and runs these jobs again elsewhere.
      log.warn(
          "worker {} closed with {} result(s) the bus never took: {}",
          o.workerId(),
          unreported.size(),
          List.copyOf(unreported.keySet()));
    }
    if (ownsJobs) {
      if (quiet) {
        executor.shutdown();
      } else {
        executor.shutdownNow();
      }
    }
    if (ownsTimers) {
      timers.shutdownNow();
    }
    log.info("worker {} stopped", o.workerId());
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    int pool = POOL_SEQ.incrementAndGet();
    return r -> {
      Thread t = new Thread(r, prefix + pool + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Builds {@link CordumWorker}s. Required: bus, pool, at least one topic, handler. Each option is
   * the {@link WorkerOptions} component of the same name.
   */
  public static final class Builder {
    private final WorkerOptions.Builder options = WorkerOptions.builder();

    private Builder() {}

    /** The worker id; must be a subject token (no dots, wildcards or spaces). Default: random. */
    public Builder workerId(String v) {
      options.workerId(v);
      return this;
    }

    /** The pool name this worker serves (as in the pool config). Required. */
    public Builder pool(String v) {
      options.pool(v);
      return this;
    }

    /** The pool topics to take jobs from, such as {@code job.default}. At least one. */
    public Builder topics(String... v) {
      options.topics(v);
      return this;
    }

    /** The queue group for the topics; default: each topic's own name (the CAP convention). */
    public Builder queueGroup(String v) {
      options.queueGroup(v);
      return this;
    }

    /** Capabilities reported in heartbeats. */
    public Builder capabilities(String... v) {
      options.capabilities(v);
      return this;
    }

    /** A label reported in heartbeats; jobs' placement labels must match the worker's labels. */
    public Builder label(String key, String value) {
      options.label(key, value);
      return this;
    }

    /** The region reported in heartbeats. */
    public Builder region(String v) {
      options.region(v);
      return this;
    }

    /** The worker type reported in heartbeats (default {@code java}). */
    public Builder type(String v) {
      options.type(v);
      return this;
    }

    /** How many jobs run at once (default 1). */
    public Builder maxParallel(int v) {
      options.maxParallel(v);
      return this;
    }

    /**
     * How often to heartbeat (default 5 s). The scheduler counts a worker dead after its worker
     * timeout (15 s by default) without a heartbeat and runs its jobs elsewhere: keep this well
     * below that.
     */
    public Builder heartbeatInterval(Duration v) {
      options.heartbeatInterval(v);
      return this;
    }

    /** The timeout of a job that has no budget deadline (default: none). */
    public Builder defaultTimeout(Duration v) {
      options.defaultTimeout(v);
      return this;
    }

    /**
     * How long reading a job's input or writing its output is retried while the pointer store is
     * unreachable (default 30 s; zero: not retried). Only {@link io.cordum.api.BackendException}s
     * are retried; when the time runs out the job reports FAILED with the store's error.
     */
    public Builder storeRetryTimeout(Duration v) {
      options.storeRetryTimeout(v);
      return this;
    }

    /** How long {@link CordumWorker#close()} waits for running jobs (default 10 s). */
    public Builder shutdownTimeout(Duration v) {
      options.shutdownTimeout(v);
      return this;
    }

    /** The bus. Required. */
    public Builder bus(Bus v) {
      options.bus(v);
      return this;
    }

    /** Where inputs are read from and outputs written to. */
    public Builder pointers(PointerStore v) {
      options.pointers(v);
      return this;
    }

    /**
     * The control plane's job store, read (never written) before each job runs, so that a request
     * the bus delivers again for an attempt that already ended, or that a later attempt replaced,
     * is not run a second time. Recommended whenever the worker can reach the store (Redis); see
     * {@code docs/operations.md}. Default: none (every request runs).
     */
    public Builder jobStore(JobStore v) {
      options.jobStore(v);
      return this;
    }

    /** The job handler. Required. */
    public Builder handler(JobHandler v) {
      options.handler(v);
      return this;
    }

    /**
     * The executor that runs jobs (not shut down by the worker); the worker still hands it at most
     * {@code maxParallel} jobs at once. Default: own threads.
     */
    public Builder executor(ExecutorService v) {
      options.executor(v);
      return this;
    }

    /** The executor for heartbeats and deadlines (not shut down by the worker). */
    public Builder scheduler(ScheduledExecutorService v) {
      options.scheduler(v);
      return this;
    }

    /** Where heartbeats take the CPU load from (default: the machine's). */
    public Builder cpuLoad(CpuLoad v) {
      options.cpuLoad(v);
      return this;
    }

    /** The time source. */
    public Builder clock(InstantSource v) {
      options.clock(v);
      return this;
    }

    /** Called for every cancel request seen, whether or not the job runs here. */
    public Builder onCancel(BiConsumer<String, String> v) {
      options.onCancel(v);
      return this;
    }

    /**
     * Builds the worker (not started).
     *
     * @throws io.cordum.api.ValidationException listing every missing or invalid option, each with
     *     the rule it breaks
     */
    public CordumWorker build() {
      return new CordumWorker(options.build());
    }
  }
}
