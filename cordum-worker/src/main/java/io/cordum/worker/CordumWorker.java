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
import java.util.UUID;
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
 * <p>It queue-subscribes to each topic (queue group = the topic, as CAP SDK workers do, so Java
 * and SDK workers on one topic share the work), subscribes to its direct subject
 * {@code worker.<id>.jobs} (where the scheduler's least-loaded routing sends jobs), and to
 * {@code sys.job.cancel}. It heartbeats at start and every interval. Jobs run on up to
 * {@code maxParallel} threads; more jobs wait in a local queue and count as active in heartbeats,
 * so the scheduler sees the load. A job id already running or queued here is not started twice.
 */
public final class CordumWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CordumWorker.class);
  private static final AtomicInteger POOL_SEQ = new AtomicInteger();

  private final Options o;
  private final ExecutorService executor;
  private final boolean ownsJobs;
  // At most maxParallel jobs on the executor at once, whether it is ours or the host's.
  private final BoundedExecutor jobs;
  private final ScheduledExecutorService timers;
  private final boolean ownsTimers;
  private final Map<String, RunningJob> active = new ConcurrentHashMap<>();
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final ReentrantLock idleLock = new ReentrantLock();
  private final Condition idle = idleLock.newCondition();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private @Nullable ScheduledFuture<?> heartbeats;
  private volatile boolean started;
  private volatile boolean closed;

  private CordumWorker(Options o) {
    this.o = o;
    if (o.executor != null) {
      this.executor = o.executor;
      this.ownsJobs = false;
    } else {
      this.executor = Executors.newFixedThreadPool(o.maxParallel, daemon("cordum-worker-"
          + o.workerId + "-"));
      this.ownsJobs = true;
    }
    this.jobs = new BoundedExecutor(executor, o.maxParallel);
    if (o.scheduler != null) {
      this.timers = o.scheduler;
      this.ownsTimers = false;
    } else {
      this.timers = Executors.newSingleThreadScheduledExecutor(daemon("cordum-worker-timer-"));
      this.ownsTimers = true;
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The worker id (also the last-but-one token of its direct subject). */
  public String workerId() {
    return o.workerId;
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
        throw new IllegalStateException("worker " + o.workerId + " was already started");
      }
      started = true;
      for (String topic : o.topics) {
        subscriptions.add(o.bus.subscribe(topic, o.queueGroup == null ? topic : o.queueGroup,
            this::onJob));
      }
      subscriptions.add(o.bus.subscribe(Subjects.direct(o.workerId), null, this::onJob));
      subscriptions.add(o.bus.subscribe(Subjects.CANCEL, null, this::onCancel));
      heartbeat();
      long ms = o.heartbeatInterval.toMillis();
      heartbeats = timers.scheduleAtFixedRate(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
      log.info("worker {} started: pool {}, topics {}, max parallel {}", o.workerId, o.pool,
          o.topics, o.maxParallel);
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
    if (req.budget() != null && req.budget().deadlineMs() > 0) {
      deadline = now().plusMillis(req.budget().deadlineMs());
    } else if (o.defaultTimeout != null) {
      deadline = now().plus(o.defaultTimeout);
    }
    String trace = m.packet().traceId().isEmpty() ? id : m.packet().traceId();
    RunningJob job = new RunningJob(this, req, trace, deadline);
    if (active.putIfAbsent(id, job) != null) {
      log.debug("job {} is already running here; duplicate ignored", id);
      return;
    }
    try {
      jobs.execute(() -> run(job));
    } catch (RuntimeException e) {
      log.warn("job {} rejected by the executor: {}", id, e.toString());
      try {
        report(job, JobResult.builder().status(JobStatus.FAILED).errorCode("worker_rejected")
            .errorMessage("worker " + o.workerId + " could not accept the job: " + e), 0);
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
            watchdog = timers.schedule(() -> job.cancel("deadline exceeded", true), ms,
                TimeUnit.MILLISECONDS);
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

  private void finished(RunningJob job) {
    active.remove(job.jobId(), job);
    idleLock.lock();
    try {
      idle.signalAll();
    } finally {
      idleLock.unlock();
    }
  }

  /** Waits until no job is running or queued here; false if the time ran out first. */
  private boolean awaitIdle(Duration wait) throws InterruptedException {
    long nanos = wait.isNegative() ? 0 : saturatedNanos(wait);
    idleLock.lock();
    try {
      while (!active.isEmpty()) {
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
      JobOutput out = o.handler.handle(job);
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
      return JobResult.builder().status(JobStatus.FAILED).errorCode(e.code())
          .errorMessage(Objects.toString(e.getMessage(), e.code()));
    } catch (TimeoutException e) {
      return JobResult.builder().status(JobStatus.TIMEOUT).errorCode("handler_timeout")
          .errorMessage(Objects.toString(e.getMessage(), "handler timed out"));
    } catch (InterruptedException | JobCancelledException e) {
      if (job.isCancelled()) {
        return cancelled(job);
      }
      return JobResult.builder().status(JobStatus.FAILED).errorCode(e.getClass().getSimpleName())
          .errorMessage("handler interrupted");
    } catch (Exception | Error e) { // a handler's StackOverflowError must still report FAILED
      if (job.isCancelled()) {
        return cancelled(job);
      }
      log.warn("job {} failed in its handler", job.jobId(), e);
      return JobResult.builder().status(JobStatus.FAILED).errorCode(e.getClass().getSimpleName())
          .errorMessage(Objects.toString(e.getMessage(), e.getClass().getName()));
    }
  }

  private static JobResult.Builder cancelled(RunningJob job) {
    if (job.timedOut()) {
      return JobResult.builder().status(JobStatus.TIMEOUT).errorCode("handler_timeout")
          .errorMessage("job exceeded its deadline " + job.deadline().orElse(null));
    }
    return JobResult.builder().status(JobStatus.CANCELLED).errorCode("cancelled")
        .errorMessage(Objects.toString(job.cancelReason(), "cancelled"));
  }

  private String writeOutput(String jobId, byte[] data) {
    if (o.pointers == null) {
      throw new IllegalStateException("the handler returned output but worker " + o.workerId
          + " has no pointer store to keep it; set CordumWorker.builder().pointers(...)");
    }
    PointerStore pointers = o.pointers;
    return o.storeRetry.call("writing the output", jobId, () -> pointers.putResult(jobId, data));
  }

  Optional<byte[]> readInput(JobRequest req) {
    if (req.contextPtr().isBlank()) {
      return Optional.empty();
    }
    if (o.pointers == null) {
      throw new IllegalStateException("job " + req.jobId() + " has input at " + req.contextPtr()
          + " but worker " + o.workerId + " has no pointer store to read it");
    }
    PointerStore pointers = o.pointers;
    return o.storeRetry.call("reading the input", req.jobId(),
        () -> pointers.get(req.contextPtr()));
  }

  private void report(RunningJob job, JobResult.Builder result, long executionMs) {
    JobResult r = result.jobId(job.jobId()).workerId(o.workerId).executionMs(executionMs).build();
    try {
      publish(Subjects.RESULT, BusPacket.of(job.traceId(), o.workerId, now(), r));
    } catch (RuntimeException e) {
      log.warn("could not publish the {} result of job {}: {}", r.status(), job.jobId(),
          e.toString());
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
    if (o.onCancel != null) {
      try {
        o.onCancel.accept(c.jobId(), reason);
      } catch (RuntimeException e) {
        log.warn("onCancel callback failed for job {}: {}", c.jobId(), e.toString());
      }
    }
  }

  private void heartbeat() {
    try {
      Heartbeat hb = Heartbeat.builder().workerId(o.workerId).region(o.region).type(o.type)
          .cpuLoad(o.cpuLoad.percent()).activeJobs(active.size())
          .capabilities(o.capabilities).pool(o.pool).maxParallelJobs(o.maxParallel)
          .labels(o.labels).build();
      publish(Subjects.HEARTBEAT, BusPacket.of(o.workerId, o.workerId, now(), hb));
    } catch (RuntimeException e) {
      log.warn("heartbeat of worker {} failed: {}", o.workerId, e.toString());
    }
  }

  void publish(String subject, BusPacket packet) {
    o.bus.publish(subject, packet);
  }

  Instant now() {
    return o.clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Stops taking jobs, waits up to the shutdown timeout for running jobs, then interrupts them.
   * Jobs cut short report CANCELLED. Idempotent.
   */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      closeLocked(o.shutdownTimeout);
    } finally {
      lifecycle.unlock();
    }
  }

  private void closeLocked(Duration wait) {
    if (closed) {
      return;
    }
    closed = true;
    subscriptions.forEach(s -> {
      try {
        s.close();
      } catch (RuntimeException e) {
        log.debug("unsubscribe failed: {}", e.toString());
      }
    });
    subscriptions.clear();
    if (heartbeats != null) {
      heartbeats.cancel(false);
    }
    // Running and queued jobs may finish within the wait (on our threads or the host's); the
    // rest are cancelled: running ones are interrupted, queued ones report CANCELLED unrun.
    boolean quiet;
    try {
      quiet = awaitIdle(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      quiet = false;
    }
    if (!quiet) {
      // Queued jobs first: interrupting a running job frees its thread for the next queued
      // one, which must already find itself cancelled instead of running its handler.
      active.values().stream().filter(j -> !j.started())
          .forEach(j -> j.cancel("worker shutting down", false));
      active.values().forEach(j -> j.cancel("worker shutting down", false));
      try {
        if (!awaitIdle(Duration.ofSeconds(5))) {
          log.warn("worker {} closed with {} job(s) still running after an interrupt",
              o.workerId, active.size());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
    log.info("worker {} stopped", o.workerId);
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

  /** The settled options (fields set once by the builder). */
  private static final class Options {
    String workerId;
    String pool;
    List<String> topics;
    @Nullable String queueGroup;
    List<String> capabilities;
    Map<String, String> labels;
    String region;
    String type;
    int maxParallel;
    Duration heartbeatInterval;
    @Nullable Duration defaultTimeout;
    Duration shutdownTimeout;
    StoreRetry storeRetry;
    Bus bus;
    @Nullable PointerStore pointers;
    JobHandler handler;
    @Nullable ExecutorService executor;
    @Nullable ScheduledExecutorService scheduler;
    CpuLoad cpuLoad;
    InstantSource clock;
    @Nullable BiConsumer<String, String> onCancel;
  }

  /** Builds {@link CordumWorker}s. Required: bus, pool, at least one topic, handler. */
  public static final class Builder {
    private String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private String pool = "";
    private final List<String> topics = new ArrayList<>();
    private @Nullable String queueGroup;
    private List<String> capabilities = List.of();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String region = "";
    private String type = "java";
    private int maxParallel = 1;
    private Duration heartbeatInterval = Duration.ofSeconds(10);
    private @Nullable Duration defaultTimeout;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private Duration storeRetryTimeout = Duration.ofSeconds(30);
    private @Nullable Bus bus;
    private @Nullable PointerStore pointers;
    private @Nullable JobHandler handler;
    private @Nullable ExecutorService executor;
    private @Nullable ScheduledExecutorService scheduler;
    private CpuLoad cpuLoad = CpuLoad.system();
    private InstantSource clock = InstantSource.system();
    private @Nullable BiConsumer<String, String> onCancel;

    private Builder() {}

    /** The worker id; must be a subject token (no dots, wildcards or spaces). Default: random. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /** The pool name this worker serves (as in the pool config). Required. */
    public Builder pool(String v) {
      this.pool = v;
      return this;
    }

    /** The pool topics to take jobs from, such as {@code job.default}. At least one. */
    public Builder topics(String... v) {
      this.topics.addAll(List.of(v));
      return this;
    }

    /** The queue group for the topics; default: each topic's own name (the CAP convention). */
    public Builder queueGroup(String v) {
      this.queueGroup = v;
      return this;
    }

    /** Capabilities reported in heartbeats. */
    public Builder capabilities(String... v) {
      this.capabilities = List.of(v);
      return this;
    }

    /** A label reported in heartbeats; jobs' placement labels must match the worker's labels. */
    public Builder label(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** The region reported in heartbeats. */
    public Builder region(String v) {
      this.region = v;
      return this;
    }

    /** The worker type reported in heartbeats (default {@code java}). */
    public Builder type(String v) {
      this.type = v;
      return this;
    }

    /** How many jobs run at once (default 1). */
    public Builder maxParallel(int v) {
      this.maxParallel = v;
      return this;
    }

    /** How often to heartbeat (default 10 s; the scheduler forgets a worker after 30 s). */
    public Builder heartbeatInterval(Duration v) {
      this.heartbeatInterval = v;
      return this;
    }

    /** The timeout of a job that has no budget deadline (default: none). */
    public Builder defaultTimeout(Duration v) {
      this.defaultTimeout = v;
      return this;
    }

    /**
     * How long reading a job's input or writing its output is retried while the pointer store
     * is unreachable (default 30 s; zero: not retried). Only {@link
     * io.cordum.api.BackendException}s are retried; when the time runs out the job reports
     * FAILED with the store's error.
     */
    public Builder storeRetryTimeout(Duration v) {
      this.storeRetryTimeout = v;
      return this;
    }

    /** How long {@link CordumWorker#close()} waits for running jobs (default 10 s). */
    public Builder shutdownTimeout(Duration v) {
      this.shutdownTimeout = v;
      return this;
    }

    /** The bus. Required. */
    public Builder bus(Bus v) {
      this.bus = v;
      return this;
    }

    /** Where inputs are read from and outputs written to. */
    public Builder pointers(PointerStore v) {
      this.pointers = v;
      return this;
    }

    /** The job handler. Required. */
    public Builder handler(JobHandler v) {
      this.handler = v;
      return this;
    }

    /**
     * The executor that runs jobs (not shut down by the worker); the worker still hands it at
     * most {@code maxParallel} jobs at once. Default: own threads.
     */
    public Builder executor(ExecutorService v) {
      this.executor = v;
      return this;
    }

    /** The executor for heartbeats and deadlines (not shut down by the worker). */
    public Builder scheduler(ScheduledExecutorService v) {
      this.scheduler = v;
      return this;
    }

    /** Where heartbeats take the CPU load from (default: the machine's). */
    public Builder cpuLoad(CpuLoad v) {
      this.cpuLoad = v;
      return this;
    }

    /** The time source. */
    public Builder clock(InstantSource v) {
      this.clock = v;
      return this;
    }

    /** Called for every cancel request seen, whether or not the job runs here. */
    public Builder onCancel(BiConsumer<String, String> v) {
      this.onCancel = v;
      return this;
    }

    /**
     * Builds the worker (not started).
     *
     * @throws IllegalArgumentException naming the first missing or invalid option
     */
    public CordumWorker build() {
      if (bus == null) {
        throw new IllegalArgumentException("bus: required");
      }
      if (handler == null) {
        throw new IllegalArgumentException("handler: required");
      }
      if (pool.isBlank()) {
        throw new IllegalArgumentException("pool: required (the pool name of the pool config)");
      }
      if (topics.isEmpty()) {
        throw new IllegalArgumentException("topics: at least one topic is required");
      }
      for (String t : topics) {
        if (!Subjects.isValidPattern(t)) {
          throw new IllegalArgumentException("topics: not a valid subject: \"" + t + "\"");
        }
      }
      if (!Subjects.isToken(workerId)) {
        throw new IllegalArgumentException("workerId: must be a subject token without '.', '*',"
            + " '>' or whitespace: \"" + workerId + "\"");
      }
      if (maxParallel < 1) {
        throw new IllegalArgumentException("maxParallel: must be >= 1, was " + maxParallel);
      }
      if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
        throw new IllegalArgumentException("heartbeatInterval: must be positive");
      }
      if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
        throw new IllegalArgumentException("defaultTimeout: must be positive, was "
            + defaultTimeout);
      }
      if (storeRetryTimeout.isNegative()) {
        throw new IllegalArgumentException("storeRetryTimeout: must not be negative, was "
            + storeRetryTimeout);
      }
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout: must not be negative, was "
            + shutdownTimeout);
      }
      Options o = new Options();
      o.workerId = workerId;
      o.pool = pool;
      o.topics = List.copyOf(topics);
      o.queueGroup = queueGroup;
      o.capabilities = capabilities;
      o.labels = Map.copyOf(labels);
      o.region = region;
      o.type = type;
      o.maxParallel = maxParallel;
      o.heartbeatInterval = heartbeatInterval;
      o.defaultTimeout = defaultTimeout;
      o.shutdownTimeout = shutdownTimeout;
      o.storeRetry = new StoreRetry(storeRetryTimeout);
      o.bus = bus;
      o.pointers = pointers;
      o.handler = handler;
      o.executor = executor;
      o.scheduler = scheduler;
      o.cpuLoad = cpuLoad;
      o.clock = clock;
      o.onCancel = onCancel;
      return new CordumWorker(o);
    }
  }
}
