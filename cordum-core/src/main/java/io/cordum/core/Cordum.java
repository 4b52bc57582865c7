package io.cordum.core;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.backend.Backend;
import io.cordum.api.backend.BackendContext;
import io.cordum.api.backend.PreparedBackend;
import io.cordum.api.bus.Bus;
import io.cordum.api.config.ConfigService;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.config.Settings;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterService;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.health.Health;
import io.cordum.api.health.HealthCheck;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.Approvals;
import io.cordum.api.policy.PolicyBundleService;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.api.schema.SchemaRegistry;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.trace.JobTracer;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.api.workflow.WorkflowEngine;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.config.SchedulerConfigSync;
import io.cordum.core.internal.job.DefaultJobClient;
import io.cordum.core.internal.policy.DefaultSafetyKernel;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.internal.workflow.DefaultWorkflowEngine;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.core.workflow.EngineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Cordum control plane: the scheduler with its stores and bus, in the host's JVM.
 *
 * <pre>{@code
 * try (Cordum cordum = Cordum.builder()
 *     .pools(PoolConfig.builder().topic("job.default", "default").pool("default").build())
 *     .build()
 *     .start()) {
 *   SubmittedJob job = cordum.jobs().submit(
 *       JobSubmission.builder().topic("job.default").input("{\"prompt\":\"hi\"}").build());
 *   JobRecord done = cordum.jobs().awaitTerminal(job.jobId()).join();
 * }
 * }</pre>
 *
 * <p>Every accessor returns a public API type ({@code io.cordum.api}); the engines behind them are
 * internal. Workers in the same JVM use {@link #bus()} and {@link #pointers()}. Backends default to
 * in-memory; pass instances or a Redis/NATS module to the builder to switch. Closing stops the
 * engines and releases what Cordum created itself (not the instances the host passed in).
 *
 * <p><b>Hosts that use Guice</b> create their own injector with {@link CordumModule} (and backend
 * modules such as {@code RedisStoresModule} or {@code NatsBusModule}), take what they need from it,
 * and wrap it with {@link #fromInjector(Injector)} for the lifecycle and this facade. The facade
 * itself does not hand out its injector or the engines' stores.
 */
public final class Cordum implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cordum.class);

  private final Injector injector;
  private final Set<Object> hostOwned;
  private final List<Backend> backends;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private boolean closed;
  private java.util.concurrent.@Nullable ScheduledFuture<?> syncTicker;
  private volatile @Nullable JobClient jobClient;

  private Cordum(Injector injector, Set<Object> hostOwned, List<Backend> backends) {
    this.injector = injector;
    this.hostOwned = hostOwned;
    this.backends = backends;
  }

  /** A builder with in-memory backends and default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Wraps an injector built by the host with {@link CordumModule} (and backend modules). The
   * accessors of the result read from that injector; closing it releases every closeable backend
   * and Cordum's own executor.
   *
   * @throws CordumException if the engines cannot be assembled (such as a bad policy file), with
   *     the library's own exception rather than Guice's
   */
  public static Cordum fromInjector(Injector injector) {
    return new Cordum(injector, Set.of(), List.of()).assembled();
  }

  /**
   * Makes the engines now, so that a configuration error (a bad policy file, a backend that cannot
   * be reached) surfaces from the build, as the library's own exception, rather than later from
   * {@link #start()} wrapped in Guice's {@code ProvisionException}.
   */
  private Cordum assembled() {
    try {
      injector.getInstance(SafetyKernelHolder.class);
      injector.getInstance(Scheduler.class);
      jobs();
      injector.getInstance(DefaultWorkflowEngine.class);
      return this;
    } catch (RuntimeException e) {
      RuntimeException failure = GuiceErrors.unwrap(e);
      try {
        close();
      } catch (RuntimeException c) {
        failure.addSuppressed(c);
      }
      throw failure;
    }
  }

  /**
   * Starts the scheduler, the sync of its pools and timeouts with the config service, the workflow
   * engine's timer loop and the policy reload. Returns this instance.
   */
  public Cordum start() {
    injector.getInstance(Scheduler.class).start();
    SchedulerConfigSync sync = injector.getInstance(SchedulerConfigSync.class);
    sync.start();
    lifecycle.lock();
    try {
      if (syncTicker == null && !closed) {
        syncTicker =
            injector
                .getInstance(
                    Key.get(ScheduledExecutorService.class, Names.named(CordumModule.EXECUTOR)))
                .scheduleWithFixedDelay(sync::tick, 1, 1, TimeUnit.SECONDS);
      }
    } finally {
      lifecycle.unlock();
    }
    injector.getInstance(DefaultWorkflowEngine.class).start();
    return this;
  }

  /**
   * Does at once, on the calling thread, what the background loops do periodically at the clock's
   * current time: the scheduler fires its due job timers (retries, deferrals, dispatch and run
   * timeouts, deadlines), the workflow engine its due run timers (delays, backoffs, approval
   * expiries, step and run timeouts, job checks), and the safety kernel reloads its policy if the
   * reload interval has passed. Tests that drive a manual clock call it after moving the clock, so
   * that nothing waits for a loop period; other callers never need it.
   */
  public void tick() {
    injector.getInstance(Scheduler.class).tick();
    injector.getInstance(DefaultWorkflowEngine.class).tick();
    injector.getInstance(SafetyKernelHolder.class).kernel().ifPresent(DefaultSafetyKernel::tick);
  }

  /** The workflow engine: save definitions, start, approve, cancel and rerun runs. */
  public WorkflowEngine workflows() {
    return injector.getInstance(WorkflowEngine.class);
  }

  /** Submit, list, inspect, cancel and await jobs. */
  public JobClient jobs() {
    // Cached: callers often ask for it per job, and an injector lookup allocates on every call.
    JobClient client = jobClient;
    if (client == null) {
      client = injector.getInstance(JobClient.class);
      jobClient = client;
    }
    return client;
  }

  /** The bus (for workers and taps in the same JVM, and to observe results). */
  public Bus bus() {
    return injector.getInstance(Bus.class);
  }

  /** The pointer store (job inputs and results; for workers in the same JVM). */
  public PointerStore pointers() {
    return injector.getInstance(PointerStore.class);
  }

  /** Approve, reject or re-evaluate jobs that policy parked in APPROVAL_REQUIRED. */
  public Approvals approvals() {
    return injector.getInstance(Scheduler.class).approvals();
  }

  /** The safety kernel, if a policy was configured ({@link Builder#policy(Path)} and others). */
  public Optional<SafetyKernel> safetyKernel() {
    return injector.getInstance(SafetyKernelHolder.class).kernel().map(k -> k);
  }

  /** Policy bundles: edit, publish, roll back, snapshots and audit. */
  public PolicyBundleService policyBundles() {
    return injector.getInstance(PolicyBundleService.class);
  }

  /** The live workers, as seen by this replica's scheduler. */
  public WorkerRegistry workers() {
    return injector.getInstance(WorkerRegistry.class);
  }

  /** The dead-letter queue: list, inspect, delete and retry jobs that ended without success. */
  public DeadLetterService deadLetters() {
    return injector.getInstance(DeadLetterService.class);
  }

  /** Named shared/exclusive locks with per-owner leases and fencing tokens. */
  public LockStore locks() {
    return injector.getInstance(LockStore.class);
  }

  /** The artifact store. */
  public ArtifactStore artifacts() {
    return injector.getInstance(ArtifactStore.class);
  }

  /**
   * The hierarchical config service: documents per scope (system, org, team, workflow, step) and
   * the effective config that each job gets in its env.
   */
  public ConfigService config() {
    return injector.getInstance(ConfigService.class);
  }

  /**
   * The API key store: multi-tenant keys for the gateway's key-store auth provider (in-memory by
   * default; Redis with {@code RedisStoresModule} or {@code REDIS_URL}).
   */
  public ApiKeyStore apiKeys() {
    return injector.getInstance(ApiKeyStore.class);
  }

  /**
   * The audit store: the gateway's trail of authentication failures, denials and changes, shared by
   * every replica on Redis (in-memory by default).
   */
  public AuditStore audit() {
    return injector.getInstance(AuditStore.class);
  }

  /** The JSON-schema registry. */
  public SchemaRegistry schemas() {
    return injector.getInstance(SchemaRegistry.class);
  }

  /**
   * The health of the backends: one entry per distinct backend among the bus and the stores that
   * can check themselves ({@link HealthCheck}: NATS, Redis); an in-memory deployment has a single
   * {@code memory} entry, always up. Never throws; each check is bounded by its backend's timeouts.
   */
  public List<Health> health() {
    List<Health> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (StoreSlots.Slot<?> slot : StoreSlots.ALL) {
      Class<?> type = slot.type();
      if (injector.getInstance(type) instanceof HealthCheck check) {
        Health h;
        try {
          h = check.health();
        } catch (RuntimeException e) {
          h = Health.down(type.getSimpleName(), "ERROR", "", "health check failed");
        }
        if (seen.add(h.backend() + "|" + h.target())) {
          out.add(h);
        }
      }
    }
    if (out.isEmpty()) {
      out.add(Health.up("memory", "UP", "in-process"));
    }
    return out;
  }

  /** A binding of the injector, for this package's tests; not part of the API. */
  <T> T instance(Class<T> type) {
    return injector.getInstance(type);
  }

  /** Stops the scheduler and releases what Cordum created. Idempotent. */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (syncTicker != null) {
        syncTicker.cancel(false);
      }
      quietly("the config sync", () -> injector.getInstance(SchedulerConfigSync.class).close());
      // First refuse new submits and let those in progress finish, while the scheduler still
      // runs; then every waiting future is completed (with ClosedException if its job is not
      // done) when the terminal watcher closes.
      quietly(
          "the job client",
          () -> {
            if (jobs() instanceof DefaultJobClient client) {
              client.close(java.time.Duration.ofSeconds(10));
            }
          });
      quietly(
          "the workflow engine", () -> injector.getInstance(DefaultWorkflowEngine.class).close());
      quietly("the scheduler", () -> injector.getInstance(Scheduler.class).close());
      quietly("the terminal watcher", () -> injector.getInstance(TerminalWatcher.class).close());
      quietly("the safety kernel", () -> injector.getInstance(SafetyKernelHolder.class).close());
      StoreSlots.ALL.forEach(slot -> closeUnlessHostOwned(slot.type()));
      // Backends opened from settings own shared resources (connection pools): closed last.
      backends.forEach(b -> quietly("the " + b.name() + " backend", b::close));
      quietly(
          "the executor",
          () -> {
            ScheduledExecutorService ex =
                injector.getInstance(
                    Key.get(ScheduledExecutorService.class, Names.named(CordumModule.EXECUTOR)));
            if (ex instanceof CordumThreadPool) {
              ex.shutdownNow();
              try {
                ex.awaitTermination(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
    } finally {
      lifecycle.unlock();
    }
  }

  private void closeUnlessHostOwned(Class<?> type) {
    quietly(
        type.getSimpleName(),
        () -> {
          Object o = injector.getInstance(type);
          if (o instanceof AutoCloseable c && !hostOwned.contains(o)) {
            try {
              c.close();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
  }

  /** Runs one closing step; a failure is logged and the next step still runs. */
  private static void quietly(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.warn("closing {} failed: {}", what, e.toString());
    }
  }

  /** Builds {@link Cordum} instances. Every setting is optional. */
  public static final class Builder {
    private final Map<Class<?>, Object> instances = new java.util.LinkedHashMap<>();
    private @Nullable ScheduledExecutorService executor;
    private SchedulerConfig.Builder scheduler = SchedulerConfig.builder();
    private final List<Module> modules = new ArrayList<>();
    private java.time.@Nullable Duration configReloadInterval;
    private final List<PreparedBackend> settingsBackends = new ArrayList<>();

    private Builder() {}

    /** The bus (default: in-memory). Not closed by Cordum. */
    public Builder bus(Bus v) {
      instances.put(Bus.class, v);
      return this;
    }

    /** The job store (default: in-memory). Not closed by Cordum. */
    public Builder jobStore(JobStore v) {
      instances.put(JobStore.class, v);
      return this;
    }

    /** The pointer store (default: in-memory). Not closed by Cordum. */
    public Builder pointerStore(PointerStore v) {
      instances.put(PointerStore.class, v);
      return this;
    }

    /** The lease store (default: in-memory). */
    public Builder leaseStore(LeaseStore v) {
      instances.put(LeaseStore.class, v);
      return this;
    }

    /** The lock store (default: in-memory). Not closed by Cordum. */
    public Builder lockStore(LockStore v) {
      instances.put(LockStore.class, v);
      return this;
    }

    /** The artifact store (default: in-memory, {@link #artifactConfig}). Not closed by Cordum. */
    public Builder artifactStore(ArtifactStore v) {
      instances.put(ArtifactStore.class, v);
      return this;
    }

    /** The dead-letter store (default: in-memory). Not closed by Cordum. */
    public Builder deadLetterStore(DeadLetterStore v) {
      instances.put(DeadLetterStore.class, v);
      return this;
    }

    /** The workflow store (default: in-memory). Not closed by Cordum. */
    public Builder workflowStore(WorkflowStore v) {
      instances.put(WorkflowStore.class, v);
      return this;
    }

    /** Workflow engine settings (default: {@link EngineConfig#DEFAULT}). */
    public Builder workflowConfig(EngineConfig v) {
      instances.put(EngineConfig.class, v);
      return this;
    }

    /** Artifact retention times and size limit (default: {@link ArtifactConfig#DEFAULT}). */
    public Builder artifactConfig(ArtifactConfig v) {
      instances.put(ArtifactConfig.class, v);
      return this;
    }

    /** How long dead letters are kept (default: {@link DeadLetterRetention#DEFAULT}). */
    public Builder deadLetterRetention(DeadLetterRetention v) {
      instances.put(DeadLetterRetention.class, v);
      return this;
    }

    /**
     * The worker registry (default: in-memory, forgetting a worker after the scheduler's worker
     * timeout, 15 s). Not closed by Cordum.
     */
    public Builder workerRegistry(WorkerRegistry v) {
      instances.put(WorkerRegistry.class, v);
      return this;
    }

    /** The safety gate (default: allow all, recorded as "no policy configured"). */
    public Builder safetyGate(SafetyGate v) {
      instances.put(SafetyGate.class, v);
      return this;
    }

    /**
     * Turns on the safety kernel with the given settings (replacing the allow-all gate): the
     * scheduler asks it, behind a circuit breaker, before every dispatch.
     */
    public Builder safetyKernel(SafetyKernelConfig v) {
      instances.put(SafetyKernelConfig.class, v);
      return this;
    }

    /** Turns on the safety kernel with a policy file (YAML or JSON) and default settings. */
    public Builder policy(Path policyFile) {
      return safetyKernel(SafetyKernelConfig.builder().policyFile(policyFile).build());
    }

    /** The policy bundle store (default: in-memory). Not closed by Cordum. */
    public Builder policyBundleStore(PolicyBundleStore v) {
      instances.put(PolicyBundleStore.class, v);
      return this;
    }

    /** The config store (default: in-memory). Not closed by Cordum. */
    public Builder configStore(ConfigStore v) {
      instances.put(ConfigStore.class, v);
      return this;
    }

    /** The audit store (default: in-memory). Not closed by Cordum. */
    public Builder auditStore(AuditStore v) {
      instances.put(AuditStore.class, v);
      return this;
    }

    /** The API key store (default: in-memory). Not closed by Cordum. */
    public Builder apiKeyStore(ApiKeyStore v) {
      instances.put(ApiKeyStore.class, v);
      return this;
    }

    /** The schema store (default: in-memory). Not closed by Cordum. */
    public Builder schemaStore(SchemaStore v) {
      instances.put(SchemaStore.class, v);
      return this;
    }

    /** The effective-config hook (default: the {@link ConfigService}). */
    public Builder effectiveConfig(EffectiveConfigProvider v) {
      instances.put(EffectiveConfigProvider.class, v);
      return this;
    }

    /** The time source (default: the system clock). */
    public Builder clock(InstantSource v) {
      instances.put(InstantSource.class, v);
      return this;
    }

    /** Micrometer registry for metrics (default: none, no cost). */
    public Builder meterRegistry(MeterRegistry v) {
      instances.put(MeterRegistry.class, v);
      return this;
    }

    /**
     * Where spans of submits, safety decisions, dispatches, results and workflow steps go (default:
     * {@link JobTracer#NOOP}, which costs nothing).
     */
    public Builder tracer(JobTracer v) {
      instances.put(JobTracer.class, v);
      return this;
    }

    /** The executor for timers and background work (not shut down by Cordum). */
    public Builder executor(ScheduledExecutorService v) {
      this.executor = v;
      return this;
    }

    /** Which pools serve which topics (default: job.default served by pool default). */
    public Builder pools(PoolConfig v) {
      scheduler.pools(v);
      return this;
    }

    /** Timeouts (default: 300 s dispatch, 9000 s running). */
    public Builder timeouts(TimeoutConfig v) {
      scheduler.timeouts(v);
      return this;
    }

    /**
     * How often this replica re-reads pools and timeouts from the config service (default 30 s,
     * {@code SCHEDULER_CONFIG_RELOAD_INTERVAL}); writes through this replica or announced by
     * another apply at once. Zero turns the sync off: the scheduler keeps the pools and timeouts it
     * was built with and never writes them to the config service.
     */
    public Builder configReloadInterval(java.time.Duration v) {
      configReloadInterval = v;
      return this;
    }

    /** Retries of failed attempts (default: none). */
    public Builder retryPolicy(RetryPolicy v) {
      scheduler.retryPolicy(v);
      return this;
    }

    /** Adjusts any scheduler setting. */
    public Builder scheduler(Function<SchedulerConfig.Builder, SchedulerConfig.Builder> edit) {
      scheduler = edit.apply(scheduler);
      return this;
    }

    /**
     * Reads Cordum's environment variables, as {@link #fromSettings(Settings.Reader)} does.
     *
     * @throws ValidationException listing every variable that is invalid or has no effect
     */
    public Builder fromEnvironment() {
      return fromSettings(Settings.environment().reader());
    }

    /** Like {@link #fromEnvironment()}, from the given variables. */
    public Builder fromEnvironment(Map<String, String> env) {
      return fromSettings(Settings.of("the environment", env).reader());
    }

    /**
     * Reads the control plane's settings from any source (environment, file, flags; see {@link
     * Settings}), and then validates every setting read with {@code settings} so far, including the
     * caller's own, in one {@link ValidationException}.
     *
     * <ul>
     *   <li>{@code REDIS_URL} puts every store on Redis, {@code NATS_URL} the bus on NATS (with
     *       their other variables: {@code NATS_USE_JETSTREAM}, {@code NATS_JS_*}, {@code
     *       NATS_TLS_*}, {@code REDIS_TLS_*}, {@code JOB_META_TTL}, ...). The backends are found on
     *       the class path ({@code cordum-redis}, {@code cordum-nats}); a variable whose artifact
     *       is missing is an error naming the artifact, and a backend variable without its URL is
     *       an error too. Nothing runs in memory by accident.
     *   <li>{@code POOL_CONFIG_PATH} (pools.yaml) and {@code TIMEOUT_CONFIG_PATH} (timeouts.yaml),
     *       read and validated now, with every problem of the file.
     *   <li>{@code ARTIFACT_TTL_SHORT}, {@code ARTIFACT_TTL_STANDARD}, {@code ARTIFACT_TTL_AUDIT},
     *       {@code ARTIFACT_MAX_BYTES}.
     *   <li>{@code SAFETY_POLICY_PATH} or {@code SAFETY_POLICY_URL} turn the safety kernel on (see
     *       {@link SafetyKernelConfig.Builder#fromEnvironment}); its other variables without a
     *       policy are an error.
     * </ul>
     *
     * <p>Booleans are {@code 1, true, yes, y, on} or {@code 0, false, no, n, off}; durations are Go
     * durations ({@code 30s}, {@code 1h30m}); anything else is an error naming the variable and
     * where it came from. A builder setting made after this call wins.
     *
     * @param settings the settings; the names read are recorded in it, so that a caller can find
     *     names nobody read
     * @throws ValidationException listing every problem recorded in {@code settings}
     */
    public Builder fromSettings(Settings.Reader settings) {
      EnvironmentSettings.Result r =
          EnvironmentSettings.read(settings, Thread.currentThread().getContextClassLoader());
      settings.validate();
      if (r.pools() != null) {
        scheduler.pools(r.pools());
      }
      if (r.timeouts() != null) {
        scheduler.timeouts(r.timeouts());
      }
      if (r.artifacts() != null) {
        artifactConfig(r.artifacts());
      }
      if (r.safetyKernel() != null) {
        safetyKernel(r.safetyKernel());
      }
      settingsBackends.clear();
      settingsBackends.addAll(r.backends());
      return this;
    }

    /** Extra Guice modules, such as a Redis or NATS backend module. */
    public Builder modules(Module... v) {
      modules.addAll(List.of(v));
      return this;
    }

    /**
     * Assembles the control plane (not started): opens the backends the settings selected and makes
     * the engines, so that configuration errors surface here.
     *
     * @throws CordumException (often a {@link ValidationException} listing every problem) if the
     *     control plane cannot be assembled; nothing opened is left open
     */
    public Cordum build() {
      SchedulerConfig config = scheduler.build();
      Set<Object> hostOwned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      hostOwned.addAll(instances.values());
      List<Backend> opened = new ArrayList<>();
      Map<Class<?>, Object> bound = new java.util.LinkedHashMap<>(instances);
      try {
        BackendContext context =
            new BackendContext(
                (InstantSource) instances.getOrDefault(InstantSource.class, InstantSource.system()),
                (ArtifactConfig)
                    instances.getOrDefault(ArtifactConfig.class, ArtifactConfig.DEFAULT),
                (DeadLetterRetention)
                    instances.getOrDefault(DeadLetterRetention.class, DeadLetterRetention.DEFAULT));
        for (PreparedBackend p : settingsBackends) {
          log.info("opening {}", p.description());
          Backend b = p.open(context);
          opened.add(b);
          for (Class<?> type : b.types()) {
            // A store the host passed explicitly wins over one the settings selected.
            bound.putIfAbsent(type, b.get(type).orElseThrow());
          }
        }
      } catch (RuntimeException e) {
        opened.forEach(b -> quietly("the " + b.name() + " backend", b::close));
        throw e;
      }
      Module overrides =
          new AbstractModule() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
              bound.forEach(
                  (type, value) ->
                      OptionalBinder.newOptionalBinder(binder(), (Class) type)
                          .setBinding()
                          .toInstance(value));
              OptionalBinder.newOptionalBinder(binder(), SchedulerConfig.class)
                  .setBinding()
                  .toInstance(config);
              if (configReloadInterval != null) {
                OptionalBinder.newOptionalBinder(
                        binder(),
                        Key.get(
                            java.time.Duration.class,
                            Names.named(CordumModule.CONFIG_RELOAD_INTERVAL)))
                    .setBinding()
                    .toInstance(configReloadInterval);
              }
              if (executor != null) {
                OptionalBinder.newOptionalBinder(
                        binder(),
                        Key.get(ScheduledExecutorService.class, Names.named(CordumModule.EXECUTOR)))
                    .setBinding()
                    .toInstance(executor);
              }
            }
          };
      List<Module> all = new ArrayList<>();
      all.add(new CordumModule());
      all.addAll(modules);
      all.add(overrides);
      Injector injector;
      try {
        injector = Guice.createInjector(all);
      } catch (RuntimeException e) {
        opened.forEach(b -> quietly("the " + b.name() + " backend", b::close));
        throw GuiceErrors.unwrap(e);
      }
      return new Cordum(injector, hostOwned, List.copyOf(opened)).assembled();
    }
  }
}
