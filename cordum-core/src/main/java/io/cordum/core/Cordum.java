package io.cordum.core;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;
import io.cordum.api.bus.Bus;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.Approvals;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.config.ConfigService;
import io.cordum.core.dlq.DeadLetterService;
import io.cordum.core.policy.PolicyBundleService;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.policy.SafetyKernelHolder;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.Scheduler;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.core.schema.SchemaRegistry;
import io.cordum.core.workflow.EngineConfig;
import io.cordum.core.workflow.WorkflowEngine;
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
import java.util.function.Function;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Workers in the same JVM use {@link #bus()} and {@link #pointers()}. Backends default to
 * in-memory; pass a Redis/NATS module (or instances) to the builder to switch. Closing stops the
 * scheduler and releases what Cordum created itself (not the instances the host passed in).
 */
public final class Cordum implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cordum.class);

  private final Injector injector;
  private final Set<Object> hostOwned;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private boolean closed;

  private Cordum(Injector injector, Set<Object> hostOwned) {
    this.injector = injector;
    this.hostOwned = hostOwned;
  }

  /** A builder with in-memory backends and default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Wraps an injector built by the host with {@link CordumModule} (and backend modules). Closing
   * the result releases every closeable backend and Cordum's own executor.
   */
  public static Cordum fromInjector(Injector injector) {
    return new Cordum(injector, Set.of());
  }

  /** Starts the scheduler and the workflow engine's timer loop. Returns this instance. */
  public Cordum start() {
    scheduler().start();
    workflows().start();
    return this;
  }

  /** The workflow engine: save definitions, start, approve, cancel and rerun runs. */
  public WorkflowEngine workflows() {
    return injector.getInstance(WorkflowEngine.class);
  }

  /** Submit, inspect, cancel and await jobs. */
  public JobClient jobs() {
    return injector.getInstance(JobClient.class);
  }

  /** The scheduler engine. */
  public Scheduler scheduler() {
    return injector.getInstance(Scheduler.class);
  }

  /** The bus (for workers and taps in the same JVM). */
  public Bus bus() {
    return injector.getInstance(Bus.class);
  }

  /** The pointer store (for workers in the same JVM). */
  public PointerStore pointers() {
    return injector.getInstance(PointerStore.class);
  }

  /** The job store. */
  public JobStore jobStore() {
    return injector.getInstance(JobStore.class);
  }

  /** Approve, reject or re-evaluate jobs that policy parked in APPROVAL_REQUIRED. */
  public Approvals approvals() {
    return scheduler().approvals();
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
   * The hierarchical config service: documents per scope (system, org, team, workflow, step)
   * and the effective config that each job gets in its env.
   */
  public ConfigService config() {
    return injector.getInstance(ConfigService.class);
  }

  /** The JSON-schema registry. */
  public SchemaRegistry schemas() {
    return injector.getInstance(SchemaRegistry.class);
  }

  /** The Guice injector, for hosts that want other bindings. */
  public Injector injector() {
    return injector;
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
      workflows().close();
      scheduler().close();
      injector.getInstance(TerminalWatcher.class).close();
      closeUnlessHostOwned(ConfigStore.class);
      closeUnlessHostOwned(SchemaStore.class);
      closeUnlessHostOwned(WorkerRegistry.class);
      closeUnlessHostOwned(Bus.class);
      closeUnlessHostOwned(JobStore.class);
      closeUnlessHostOwned(PointerStore.class);
      closeUnlessHostOwned(LeaseStore.class);
      closeUnlessHostOwned(LockStore.class);
      closeUnlessHostOwned(ArtifactStore.class);
      closeUnlessHostOwned(DeadLetterStore.class);
      closeUnlessHostOwned(PolicyBundleStore.class);
      injector.getInstance(SafetyKernelHolder.class).close();
      closeUnlessHostOwned(WorkflowStore.class);
      ScheduledExecutorService ex = injector.getInstance(
          Key.get(ScheduledExecutorService.class, Names.named(CordumModule.EXECUTOR)));
      if (ex instanceof CordumThreadPool) {
        ex.shutdownNow();
        try {
          ex.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void closeUnlessHostOwned(Class<?> type) {
    Object o = injector.getInstance(type);
    if (o instanceof AutoCloseable c && !hostOwned.contains(o)) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", type.getSimpleName(), e.toString());
      }
    }
  }

  /** Builds {@link Cordum} instances. Every setting is optional. */
  public static final class Builder {
    private final Map<Class<?>, Object> instances = new java.util.LinkedHashMap<>();
    private @Nullable ScheduledExecutorService executor;
    private SchedulerConfig.Builder scheduler = SchedulerConfig.builder();
    private final List<Module> modules = new ArrayList<>();

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

    /** Artifact retention times and size limit (default: {@link ArtifactConfig#DEFAULTS}). */
    public Builder artifactConfig(ArtifactConfig v) {
      instances.put(ArtifactConfig.class, v);
      return this;
    }

    /** How long dead letters are kept (default: {@link DeadLetterRetention#DEFAULT}). */
    public Builder deadLetterRetention(DeadLetterRetention v) {
      instances.put(DeadLetterRetention.class, v);
      return this;
    }

    /** The worker registry (default: in-memory, 30 s TTL). Not closed by Cordum. */
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
     * Reads Cordum's environment variables: {@code POOL_CONFIG_PATH} (pools.yaml) and
     * {@code TIMEOUT_CONFIG_PATH} (timeouts.yaml), each only when set, and turns on the safety
     * kernel when {@code SAFETY_POLICY_PATH} or {@code SAFETY_POLICY_URL} is set (see
     * {@link SafetyKernelConfig.Builder#fromEnvironment}).
     */
    public Builder fromEnvironment() {
      return fromEnvironment(System.getenv());
    }

    /** Like {@link #fromEnvironment()}, from the given variables. */
    public Builder fromEnvironment(Map<String, String> env) {
      String pools = env.get("POOL_CONFIG_PATH");
      if (pools != null && !pools.isBlank()) {
        scheduler.pools(PoolConfig.load(Path.of(pools.trim())));
      }
      String timeouts = env.get("TIMEOUT_CONFIG_PATH");
      if (timeouts != null && !timeouts.isBlank()) {
        scheduler.timeouts(TimeoutConfig.load(Path.of(timeouts.trim())));
      }
      if (!env.getOrDefault("SAFETY_POLICY_PATH", "").isBlank()
          || !env.getOrDefault("SAFETY_POLICY_URL", "").isBlank()) {
        safetyKernel(SafetyKernelConfig.builder().fromEnvironment(env).build());
      }
      return this;
    }

    /** Extra Guice modules, such as a Redis or NATS backend module. */
    public Builder modules(Module... v) {
      modules.addAll(List.of(v));
      return this;
    }

    /** Assembles the control plane (not started). */
    public Cordum build() {
      SchedulerConfig config = scheduler.build();
      Set<Object> hostOwned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      hostOwned.addAll(instances.values());
      Module overrides = new AbstractModule() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected void configure() {
          instances.forEach((type, value) ->
              OptionalBinder.newOptionalBinder(binder(), (Class) type).setBinding()
                  .toInstance(value));
          OptionalBinder.newOptionalBinder(binder(), SchedulerConfig.class).setBinding()
              .toInstance(config);
          if (executor != null) {
            OptionalBinder.newOptionalBinder(binder(),
                Key.get(ScheduledExecutorService.class, Names.named(CordumModule.EXECUTOR)))
                .setBinding().toInstance(executor);
          }
        }
      };
      List<Module> all = new ArrayList<>();
      all.add(new CordumModule());
      all.addAll(modules);
      all.add(overrides);
      return new Cordum(Guice.createInjector(all), hostOwned);
    }
  }
}
