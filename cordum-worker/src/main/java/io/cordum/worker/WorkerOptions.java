package io.cordum.worker;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.bus.Bus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobStore;
import io.cordum.api.pointer.PointerStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link CordumWorker} is made of: its identity in heartbeats, the topics it serves,
 * its limits and timeouts, and the bus, stores, handler and threads it uses. Build one with {@link
 * #builder()} and start a worker with {@link CordumWorker#create(WorkerOptions)}, or set the same
 * options on {@link CordumWorker#builder()}.
 *
 * <pre>{@code
 * WorkerOptions options = WorkerOptions.builder()
 *     .bus(bus).pointers(pointerStore)
 *     .pool("default").topics("job.default")
 *     .maxParallel(4)
 *     .handler(job -> JobOutput.of("ok"))
 *     .build();
 * try (CordumWorker worker = CordumWorker.create(options).start()) { ... }
 * }</pre>
 *
 * <p>The options are checked as a whole: a {@link ValidationException} lists every missing or
 * invalid option at once ({@link ValidationException#violations()}), each naming the option and the
 * rule it breaks.
 *
 * @param workerId the worker id, a subject token (no {@code .}, {@code *}, {@code >} or
 *     whitespace): the last-but-one token of its direct subject {@code worker.<id>.jobs}
 * @param pool the pool this worker serves, as named in the pool config (required)
 * @param topics the pool topics to take jobs from, such as {@code job.default}: at least one, each
 *     a valid subject (wildcards allowed)
 * @param queueGroup the queue group of the topic subscriptions, or {@code null} for each topic's
 *     own name (the CAP convention, so Java and SDK workers on one topic share the work)
 * @param capabilities capabilities reported in heartbeats
 * @param labels labels reported in heartbeats; a job's placement labels must match them
 * @param region the region reported in heartbeats
 * @param type the worker type reported in heartbeats
 * @param maxParallel how many jobs run at once (at least 1); more wait in a local queue
 * @param heartbeatInterval how often to heartbeat (positive); keep it well below the scheduler's
 *     worker timeout (15 s by default), after which a silent worker's jobs run elsewhere
 * @param defaultTimeout the timeout of a job without a budget deadline (positive), or {@code null}
 *     for none
 * @param shutdownTimeout how long {@link CordumWorker#close()} waits for running jobs (not
 *     negative)
 * @param storeRetryTimeout how long reading a job's input or writing its output is retried while
 *     the pointer store is unreachable (not negative; zero: not retried)
 * @param bus the bus (required)
 * @param pointers where inputs are read from and outputs written to, or {@code null} for handlers
 *     that take no input and return no data
 * @param jobStore the control plane's job store, read (never written) before each job so that a
 *     request delivered again for an attempt that already ended is not run twice, or {@code null}
 * @param handler the job handler (required)
 * @param executor the executor that runs jobs (the worker never shuts it down and hands it at most
 *     {@code maxParallel} jobs at once), or {@code null} for the worker's own threads
 * @param scheduler the executor for heartbeats and deadlines (never shut down by the worker), or
 *     {@code null} for the worker's own thread
 * @param cpuLoad where heartbeats take the CPU load from
 * @param clock the time source
 * @param onCancel called with the job id and reason of every cancel request seen, whether or not
 *     the job runs here, or {@code null}
 */
public record WorkerOptions(
    String workerId,
    String pool,
    List<String> topics,
    @Nullable String queueGroup,
    List<String> capabilities,
    Map<String, String> labels,
    String region,
    String type,
    int maxParallel,
    Duration heartbeatInterval,
    @Nullable Duration defaultTimeout,
    Duration shutdownTimeout,
    Duration storeRetryTimeout,
    Bus bus,
    @Nullable PointerStore pointers,
    @Nullable JobStore jobStore,
    JobHandler handler,
    @Nullable ExecutorService executor,
    @Nullable ScheduledExecutorService scheduler,
    CpuLoad cpuLoad,
    InstantSource clock,
    @Nullable BiConsumer<String, String> onCancel) {

  /** The worker type a builder starts with. */
  public static final String DEFAULT_TYPE = "java";

  /** The heartbeat interval a builder starts with. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  /** The shutdown timeout a builder starts with. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The store retry timeout a builder starts with. */
  public static final Duration DEFAULT_STORE_RETRY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Checks every option and copies the collections.
   *
   * @throws ValidationException listing every missing or invalid option, each with its rule
   */
  public WorkerOptions {
    // A missing component is reported with the other violations, not as the first NPE: the
    // caller fixes all of them at once.
    List<Violation> bad = new ArrayList<>();
    if (workerId == null) {
      bad.add(new Violation("workerId", "required"));
    } else if (!Subjects.isToken(workerId)) {
      bad.add(
          new Violation(
              "workerId",
              "must be a subject token without '.', '*', '>' or whitespace, was \""
                  + workerId
                  + "\""));
    }
    if (pool == null || pool.isBlank()) {
      bad.add(new Violation("pool", "required (the pool name of the pool config)"));
    }
    topics = copy(topics, "topics", bad);
    if (topics.isEmpty() && !mentions(bad, "topics")) {
      bad.add(new Violation("topics", "at least one topic is required"));
    }
    for (String t : topics) {
      if (!Subjects.isValidPattern(t)) {
        bad.add(new Violation("topics", "not a valid subject: \"" + t + "\""));
      }
    }
    capabilities = copy(capabilities, "capabilities", bad);
    labels = copy(labels, bad);
    required(region, "region", bad);
    required(type, "type", bad);
    if (maxParallel < 1) {
      bad.add(new Violation("maxParallel", "must be >= 1, was " + maxParallel));
    }
    if (required(heartbeatInterval, "heartbeatInterval", bad)
        && (heartbeatInterval.isNegative() || heartbeatInterval.isZero())) {
      bad.add(new Violation("heartbeatInterval", "must be positive, was " + heartbeatInterval));
    }
    if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
      bad.add(new Violation("defaultTimeout", "must be positive, was " + defaultTimeout));
    }
    if (required(storeRetryTimeout, "storeRetryTimeout", bad) && storeRetryTimeout.isNegative()) {
      bad.add(new Violation("storeRetryTimeout", "must not be negative, was " + storeRetryTimeout));
    }
    if (required(shutdownTimeout, "shutdownTimeout", bad) && shutdownTimeout.isNegative()) {
      bad.add(new Violation("shutdownTimeout", "must not be negative, was " + shutdownTimeout));
    }
    required(bus, "bus", bad);
    required(handler, "handler", bad);
    required(cpuLoad, "cpuLoad", bad);
    required(clock, "clock", bad);
    if (!bad.isEmpty()) {
      throw new ValidationException(bad);
    }
  }

  /** A builder with the defaults: a random worker id, type {@code java}, one job at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .workerId(workerId)
            .pool(pool)
            .topics(topics.toArray(String[]::new))
            .queueGroup(queueGroup)
            .capabilities(capabilities.toArray(String[]::new))
            .region(region)
            .type(type)
            .maxParallel(maxParallel)
            .heartbeatInterval(heartbeatInterval)
            .defaultTimeout(defaultTimeout)
            .shutdownTimeout(shutdownTimeout)
            .storeRetryTimeout(storeRetryTimeout)
            .bus(bus)
            .pointers(pointers)
            .jobStore(jobStore)
            .handler(handler)
            .executor(executor)
            .scheduler(scheduler)
            .cpuLoad(cpuLoad)
            .clock(clock)
            .onCancel(onCancel);
    labels.forEach(b::label);
    return b;
  }

  private static boolean mentions(List<Violation> bad, String field) {
    return bad.stream().anyMatch(v -> v.field().equals(field));
  }

  /** Whether {@code v} is present; if not, records the violation. */
  private static boolean required(@Nullable Object v, String field, List<Violation> bad) {
    if (v == null) {
      bad.add(new Violation(field, "required"));
      return false;
    }
    return true;
  }

  private static List<String> copy(
      @Nullable List<String> values, String field, List<Violation> bad) {
    if (values == null) {
      bad.add(new Violation(field, "required"));
      return List.of();
    }
    for (String v : values) {
      if (v == null) {
        bad.add(new Violation(field, "must not contain null"));
        return List.of();
      }
    }
    return List.copyOf(values);
  }

  private static Map<String, String> copy(
      @Nullable Map<String, String> values, List<Violation> bad) {
    if (values == null) {
      bad.add(new Violation("labels", "required"));
      return Map.of();
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        bad.add(new Violation("labels", "keys and values must not be null"));
        return Map.of();
      }
    }
    // Heartbeats list the labels in the order they were set.
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * Builds {@link WorkerOptions}. Required: {@link #bus}, {@link #pool}, at least one of {@link
   * #topics}, {@link #handler}; the rest have defaults.
   */
  public static final class Builder {
    private String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private String pool = "";
    private final List<String> topics = new ArrayList<>();
    private @Nullable String queueGroup;
    private List<String> capabilities = List.of();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String region = "";
    private String type = DEFAULT_TYPE;
    private int maxParallel = 1;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private @Nullable Duration defaultTimeout;
    private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
    private Duration storeRetryTimeout = DEFAULT_STORE_RETRY_TIMEOUT;
    private @Nullable Bus bus;
    private @Nullable PointerStore pointers;
    private @Nullable JobStore jobStore;
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

    /** Adds pool topics to take jobs from, such as {@code job.default}. At least one. */
    public Builder topics(String... v) {
      this.topics.addAll(List.of(v));
      return this;
    }

    /** The queue group for the topics; default ({@code null}): each topic's own name. */
    public Builder queueGroup(@Nullable String v) {
      this.queueGroup = v;
      return this;
    }

    /** Capabilities reported in heartbeats (replaces any set before). */
    public Builder capabilities(String... v) {
      this.capabilities = List.of(v);
      return this;
    }

    /** A label reported in heartbeats; jobs' placement labels must match the worker's labels. */
    public Builder label(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** The region reported in heartbeats (default: empty). */
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

    /**
     * How often to heartbeat (default 5 s). The scheduler counts a worker dead after its worker
     * timeout (15 s by default) without a heartbeat and runs its jobs elsewhere: keep this well
     * below that.
     */
    public Builder heartbeatInterval(Duration v) {
      this.heartbeatInterval = v;
      return this;
    }

    /** The timeout of a job that has no budget deadline (default {@code null}: none). */
    public Builder defaultTimeout(@Nullable Duration v) {
      this.defaultTimeout = v;
      return this;
    }

    /**
     * How long reading a job's input or writing its output is retried while the pointer store is
     * unreachable (default 30 s; zero: not retried). Only {@link io.cordum.api.BackendException}s
     * are retried; when the time runs out the job reports FAILED with the store's error.
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

    /** Where inputs are read from and outputs written to (default: none). */
    public Builder pointers(@Nullable PointerStore v) {
      this.pointers = v;
      return this;
    }

    /**
     * The control plane's job store, read (never written) before each job runs, so that a request
     * the bus delivers again for an attempt that already ended, or that a later attempt replaced,
     * is not run a second time. Recommended whenever the worker can reach the store (Redis); see
     * {@code docs/operations.md}. Default: none (every request runs).
     */
    public Builder jobStore(@Nullable JobStore v) {
      this.jobStore = v;
      return this;
    }

    /** The job handler. Required. */
    public Builder handler(JobHandler v) {
      this.handler = v;
      return this;
    }

    /**
     * The executor that runs jobs (not shut down by the worker); the worker still hands it at most
     * {@code maxParallel} jobs at once. Default: own threads.
     */
    public Builder executor(@Nullable ExecutorService v) {
      this.executor = v;
      return this;
    }

    /** The executor for heartbeats and deadlines (not shut down by the worker). */
    public Builder scheduler(@Nullable ScheduledExecutorService v) {
      this.scheduler = v;
      return this;
    }

    /** Where heartbeats take the CPU load from (default: the machine's). */
    public Builder cpuLoad(CpuLoad v) {
      this.cpuLoad = v;
      return this;
    }

    /** The time source (default: the system clock). */
    public Builder clock(InstantSource v) {
      this.clock = v;
      return this;
    }

    /** Called for every cancel request seen, whether or not the job runs here. */
    public Builder onCancel(@Nullable BiConsumer<String, String> v) {
      this.onCancel = v;
      return this;
    }

    /**
     * The options.
     *
     * @throws ValidationException listing every missing or invalid option, each with its rule
     */
    // A missing bus or handler reaches the constructor as null on purpose: it is reported there
    // together with every other violation.
    @SuppressWarnings("NullAway")
    public WorkerOptions build() {
      return new WorkerOptions(
          workerId,
          pool,
          topics,
          queueGroup,
          capabilities,
          labels,
          region,
          type,
          maxParallel,
          heartbeatInterval,
          defaultTimeout,
          shutdownTimeout,
          storeRetryTimeout,
          bus,
          pointers,
          jobStore,
          handler,
          executor,
          scheduler,
          cpuLoad,
          clock,
          onCancel);
    }
  }
}
