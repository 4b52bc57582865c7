package io.cordum.test;

import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.WorkflowEngine;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.testkit.ManualClock;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An in-memory {@link Cordum} on a {@link ManualClock}, for a host's tests: time moves only when
 * the test says so ({@link #advance(Duration)}), and every timer that falls due fires at once, so
 * retries, backoff, timeouts, delays and approval expiries are tested in milliseconds. Workers are
 * lambdas ({@link #worker(String, JobHandler)}); waits fail with the job's state and reason.
 * Closing it closes its workers and the control plane.
 *
 * <pre>{@code
 * try (TestCordum t = TestCordum.builder().retryPolicy(RetryPolicy.builder().maxRetries(1).build()).start()) {
 *   t.worker("job.default", job -> JobOutput.of("ok"));
 *   String id = t.submit("job.default", "hi").jobId();
 *   t.awaitState(id, JobState.SUCCEEDED);
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link CordumExtension} makes one per test and closes it afterwards.
 *
 * <p>Because the clock stands still while workers heartbeat in real time, the control plane is
 * built with a worker timeout of a year (a jump of the clock must not make a live worker look dead)
 * and a scheduling wait of a day; override them with {@link Builder#configure}.
 */
public final class TestCordum implements AutoCloseable {
  /** How long the waits without a timeout wait, in real time. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private static final AtomicInteger WORKER_IDS = new AtomicInteger();

  private final Cordum cordum;
  private final ManualClock clock;
  private final PoolConfig pools;
  private final List<CordumWorker> workers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private TestCordum(Cordum cordum, ManualClock clock, PoolConfig pools) {
    this.cordum = cordum;
    this.clock = clock;
    this.pools = pools;
  }

  /** A builder with the defaults: pool {@code default} serves {@code job.default}, no retries. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts one with the defaults. */
  public static TestCordum start() {
    return builder().start();
  }

  /** The control plane (every service: jobs, workflows, approvals, DLQ, config, ...). */
  public Cordum cordum() {
    return cordum;
  }

  /** The jobs API. */
  public JobClient jobs() {
    return cordum.jobs();
  }

  /** The workflow engine. */
  public WorkflowEngine workflows() {
    return cordum.workflows();
  }

  /** The clock every component reads; prefer {@link #advance(Duration)} to move it. */
  public ManualClock clock() {
    return clock;
  }

  /** The current time of the clock. */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves the clock forward and fires, on this thread, every job and run timer that is due (retries
   * after their backoff, dispatch and running timeouts, deadlines, workflow delays and approval
   * expiries). What the timers start (a dispatch, a worker's run) is asynchronous: follow with
   * {@link #awaitState}.
   *
   * @return the new time
   */
  public Instant advance(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isNegative()) {
      throw new IllegalArgumentException("d must not be negative; was " + d);
    }
    Instant now = clock.advance(d);
    cordum.tick();
    return now;
  }

  /** Fires every timer due at the current time (see {@link #advance(Duration)}). */
  public void tick() {
    cordum.tick();
  }

  /**
   * Starts a worker for a topic that runs {@code handler} for each job: its pool is the first pool
   * the topic maps to, it runs up to four jobs at once, and it is closed with this instance (jobs
   * still running then get half a second, then are interrupted).
   *
   * @throws IllegalArgumentException if no pool serves the topic (map it with {@link
   *     Builder#topics} or {@link Builder#pools})
   */
  public CordumWorker worker(String topic, JobHandler handler) {
    return worker(topic, handler, UnaryOperator.identity());
  }

  /**
   * As {@link #worker(String, JobHandler)}, with any further worker option (capabilities, labels,
   * max parallel, its own id, ...).
   */
  public CordumWorker worker(
      String topic, JobHandler handler, UnaryOperator<CordumWorker.Builder> options) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
    List<String> served = pools.topics().get(topic);
    if (served == null || served.isEmpty()) {
      throw new IllegalArgumentException(
          "no pool serves topic \""
              + topic
              + "\"; the pools map "
              + pools.topics().keySet()
              + " (add it with TestCordum.builder().topics(\""
              + topic
              + "\"))");
    }
    CordumWorker.Builder b =
        CordumWorker.builder()
            .bus(cordum.bus())
            .pointers(cordum.pointers())
            .clock(clock)
            .pool(served.get(0))
            .topics(topic)
            .workerId("test-worker-" + WORKER_IDS.incrementAndGet())
            .maxParallel(4)
            .shutdownTimeout(Duration.ofMillis(500)) // a test's leftover jobs are interrupted
            .handler(handler);
    CordumWorker w = options.apply(b).build().start();
    workers.add(w);
    return w;
  }

  /** Submits a job with a UTF-8 input. */
  public SubmittedJob submit(String topic, String input) {
    return jobs().submit(JobSubmission.builder().topic(topic).input(input).build());
  }

  /** Submits a job. */
  public SubmittedJob submit(JobSubmission submission) {
    return jobs().submit(submission);
  }

  /** {@link #awaitState(String, JobState, Duration)} with {@link #DEFAULT_WAIT}. */
  public JobRecord awaitState(String jobId, JobState state) {
    return awaitState(jobId, state, DEFAULT_WAIT);
  }

  /**
   * Waits (real time, the clock does not move) until the job is in {@code state}.
   *
   * @return the job's record in that state
   * @throws AssertionError at once when the job ends in another terminal state, or after {@code
   *     timeout}; the message gives the job's state, reason and next timer
   */
  public JobRecord awaitState(String jobId, JobState state, Duration timeout) {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(state, "state");
    return poll(
        timeout,
        () -> {
          Optional<JobRecord> rec = jobs().get(jobId);
          if (rec.isPresent() && rec.get().state() == state) {
            return rec;
          }
          if (rec.isPresent() && rec.get().state().isTerminal()) {
            throw new AssertionError(
                "job " + jobId + " ended " + describe(rec.get()) + ", not " + state);
          }
          return Optional.empty();
        },
        () ->
            "job "
                + jobId
                + " did not reach "
                + state
                + " within "
                + timeout
                + "; it is "
                + jobs().get(jobId).map(this::describe).orElse("not stored"));
  }

  /**
   * Waits (real time) until the job's record satisfies {@code condition}, such as {@code r ->
   * r.attempts() == 2}, and returns that record.
   *
   * @param what the condition in words, for the failure message
   * @throws AssertionError after {@code timeout}, with the job's state and reason
   */
  public JobRecord awaitJob(
      String jobId, Predicate<JobRecord> condition, String what, Duration timeout) {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(condition, "condition");
    return poll(
        timeout,
        () -> jobs().get(jobId).filter(condition),
        () ->
            "job "
                + jobId
                + " did not satisfy \""
                + what
                + "\" within "
                + timeout
                + "; it is "
                + jobs().get(jobId).map(this::describe).orElse("not stored"));
  }

  /** {@link #awaitTerminal(String, Duration)} with {@link #DEFAULT_WAIT}. */
  public JobRecord awaitTerminal(String jobId) {
    return awaitTerminal(jobId, DEFAULT_WAIT);
  }

  /** Waits (real time) until the job is in any terminal state, and returns its record. */
  public JobRecord awaitTerminal(String jobId, Duration timeout) {
    Objects.requireNonNull(jobId, "jobId");
    return poll(
        timeout,
        () -> jobs().get(jobId).filter(r -> r.state().isTerminal()),
        () ->
            "job "
                + jobId
                + " did not end within "
                + timeout
                + "; it is "
                + jobs().get(jobId).map(this::describe).orElse("not stored"));
  }

  /**
   * Waits until the job SUCCEEDED and reads its result as {@code type} (see {@link
   * JobClient#result(String, Class)}).
   *
   * @throws AssertionError if it ends otherwise, does not end in time, or has no result
   */
  public <T> T awaitResult(String jobId, Class<T> type) {
    awaitState(jobId, JobState.SUCCEEDED);
    return jobs()
        .result(jobId, type)
        .orElseThrow(() -> new AssertionError("job " + jobId + " SUCCEEDED without a result"));
  }

  /**
   * Waits (real time) until the workflow run is in {@code status}.
   *
   * @throws AssertionError at once when the run ends in another terminal status, or after {@code
   *     timeout}
   */
  public WorkflowRun awaitRun(String runId, RunStatus status, Duration timeout) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    return poll(
        timeout,
        () -> {
          Optional<WorkflowRun> run = workflows().run(runId);
          if (run.isPresent() && run.get().status() == status) {
            return run;
          }
          if (run.isPresent() && run.get().status().isTerminal()) {
            throw new AssertionError(
                "run "
                    + runId
                    + " ended "
                    + run.get().status()
                    + ", not "
                    + status
                    + ": "
                    + run.get());
          }
          return Optional.empty();
        },
        () ->
            "run "
                + runId
                + " did not reach "
                + status
                + " within "
                + timeout
                + "; it is "
                + workflows().run(runId).map(r -> r.status().toString()).orElse("not stored"));
  }

  /**
   * Waits (real time) until the run satisfies {@code condition}, such as a step that waits for its
   * delay: {@code r -> r.steps().containsKey("wait") && r.steps().get("wait").nextAttemptAt() !=
   * null}.
   *
   * @param what the condition in words, for the failure message
   */
  public WorkflowRun awaitRun(
      String runId, Predicate<WorkflowRun> condition, String what, Duration timeout) {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(condition, "condition");
    return poll(
        timeout,
        () -> workflows().run(runId).filter(condition),
        () ->
            "run "
                + runId
                + " did not satisfy \""
                + what
                + "\" within "
                + timeout
                + "; it is "
                + workflows().run(runId).map(WorkflowRun::toString).orElse("not stored"));
  }

  /** {@link #awaitRun(String, RunStatus, Duration)} with {@link #DEFAULT_WAIT}. */
  public WorkflowRun awaitRun(String runId, RunStatus status) {
    return awaitRun(runId, status, DEFAULT_WAIT);
  }

  private String describe(JobRecord r) {
    StringBuilder b = new StringBuilder(r.state().name());
    if (!r.reasonCode().isEmpty()) {
      b.append(" (").append(r.reasonCode());
      if (!r.reason().isEmpty()) {
        b.append(": ").append(r.reason());
      }
      b.append(')');
    }
    b.append(", attempts ").append(r.attempts());
    if (r.deadline() != null && !r.state().isTerminal()) {
      b.append(", deadline ").append(r.deadline());
    }
    if (r.wakeAt() != null && !r.state().isTerminal()) {
      b.append(", next timer at ")
          .append(r.wakeAt())
          .append(" (the clock is at ")
          .append(clock.instant())
          .append("; advance it to fire the timer)");
    }
    return b.toString();
  }

  private static <T> T poll(
      Duration timeout, Supplier<Optional<T>> check, Supplier<String> failure) {
    Objects.requireNonNull(timeout, "timeout");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> v = check.get();
      if (v.isPresent()) {
        return v.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(failure.get());
      }
      // The state changes on other threads (the bus, the worker); a short park between reads
      // keeps the wait cheap without a listener per call.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  /** Closes the workers, then the control plane. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<RuntimeException> errors = new ArrayList<>();
    for (CordumWorker w : workers) {
      try {
        w.close();
      } catch (RuntimeException e) {
        errors.add(e);
      }
    }
    cordum.close();
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }

  /** Options of a {@link TestCordum}; reusable (each {@link #start()} gives a new instance). */
  public static final class Builder {
    private final PoolConfig.Builder pools = PoolConfig.builder();
    private boolean poolsNamed;
    private PoolConfig poolConfig = PoolConfig.DEFAULT;
    private RetryPolicy retryPolicy = RetryPolicy.builder().build();
    private Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private UnaryOperator<Cordum.Builder> configure = UnaryOperator.identity();

    private Builder() {}

    /**
     * Topics the test uses, each served by a pool of the same name (replaces the default {@code
     * job.default}).
     */
    public Builder topics(String... topics) {
      for (String t : Objects.requireNonNull(topics, "topics")) {
        pools.topic(Objects.requireNonNull(t, "topic"), t).pool(t);
      }
      poolsNamed = true;
      return this;
    }

    /** The pool config (replaces {@link #topics}). */
    public Builder pools(PoolConfig v) {
      this.poolConfig = Objects.requireNonNull(v, "pools");
      poolsNamed = false;
      return this;
    }

    /** The retry policy; none by default. */
    public Builder retryPolicy(RetryPolicy v) {
      this.retryPolicy = Objects.requireNonNull(v, "retryPolicy");
      return this;
    }

    /** The clock's start time; 2026-01-01T00:00:00Z by default. */
    public Builder startAt(Instant v) {
      this.start = Objects.requireNonNull(v, "startAt");
      return this;
    }

    /**
     * Any other option of the control plane (timeouts, policy, schemas, scheduler settings),
     * applied after the test kit's own (so it can override them, except the clock).
     */
    public Builder configure(UnaryOperator<Cordum.Builder> v) {
      this.configure = Objects.requireNonNull(v, "configure");
      return this;
    }

    /** Builds and starts a new instance. */
    public TestCordum start() {
      ManualClock clock = new ManualClock(start);
      PoolConfig p = poolsNamed ? pools.build() : poolConfig;
      Cordum.Builder b =
          Cordum.builder()
              .pools(p)
              .retryPolicy(retryPolicy)
              .scheduler(
                  s -> s.workerTimeout(Duration.ofDays(365)).maxSchedulingWait(Duration.ofDays(1)));
      b = configure.apply(b).clock(clock);
      return new TestCordum(b.build().start(), clock, p);
    }
  }
}
