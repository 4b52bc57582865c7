package io.cordum.core;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
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
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.config.ConfigService;
import io.cordum.core.dlq.DeadLetterService;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.job.DefaultJobClient;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.core.policy.AllowAllSafetyGate;
import io.cordum.core.policy.CircuitBreakerSafetyGate;
import io.cordum.core.policy.DefaultSafetyKernel;
import io.cordum.core.policy.PolicyBundleService;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.policy.SafetyKernelHolder;
import io.cordum.core.scheduler.LeastLoadedStrategy;
import io.cordum.core.scheduler.RoutingStrategy;
import io.cordum.core.scheduler.Scheduler;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.scheduler.SchedulerMetrics;
import io.cordum.core.schema.SchemaRegistry;
import io.cordum.core.workflow.EngineConfig;
import io.cordum.core.workflow.WorkflowEngine;
import io.cordum.memory.InMemoryArtifactStore;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.memory.InMemoryDeadLetterStore;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.memory.InMemoryLeaseStore;
import io.cordum.memory.InMemoryLockStore;
import io.cordum.memory.InMemoryPolicyBundleStore;
import io.cordum.memory.InMemoryPointerStore;
import io.cordum.memory.InMemorySchemaStore;
import io.cordum.memory.InMemoryWorkerRegistry;
import io.cordum.memory.InMemoryWorkflowStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Guice module of Cordum's engines. Every backend and option is bound with
 * {@link OptionalBinder#setDefault()}: in-memory stores and bus, the system clock, an allow-all
 * safety gate (the safety kernel behind a circuit breaker when a {@link SafetyKernelConfig} is
 * bound), an in-memory {@link PolicyBundleStore}, default scheduler settings, default artifact
 * settings ({@link ArtifactConfig}), DLQ retention ({@link DeadLetterRetention}), the in-memory
 * {@link WorkflowStore} and the workflow engine's {@link EngineConfig}. Override any of them with
 * {@code OptionalBinder.newOptionalBinder(binder(), X.class).setBinding()...} in your own module
 * (as {@code RedisStoresModule} and {@code NatsBusModule} do), or use {@link Cordum#builder()}.
 *
 * <p>The config and schema stores default to in-memory ones too; {@link ConfigService} and
 * {@link SchemaRegistry} are singletons over them, and the {@link EffectiveConfigProvider} defaults
 * to the {@link ConfigService} (so each job's env gets its effective config). Optional binding
 * without a default: Micrometer's {@link MeterRegistry} (no registry, no metrics cost). The
 * executor is bound as {@code @Named("cordum") ScheduledExecutorService}.
 */
public final class CordumModule extends AbstractModule {
  /** The name of the executor binding. */
  public static final String EXECUTOR = "cordum";

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), InstantSource.class).setDefault()
        .toInstance(InstantSource.system());
    OptionalBinder.newOptionalBinder(binder(),
        Key.get(ScheduledExecutorService.class, Names.named(EXECUTOR))).setDefault()
        .toProvider(ExecutorProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), Bus.class).setDefault()
        .toProvider(BusProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), JobStore.class).setDefault()
        .toProvider(JobStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), PointerStore.class).setDefault()
        .toProvider(PointerStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), LeaseStore.class).setDefault()
        .toProvider(LeaseStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), WorkerRegistry.class).setDefault()
        .toProvider(RegistryProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), SafetyGate.class).setDefault()
        .toProvider(SafetyGateProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), PolicyBundleStore.class).setDefault()
        .toProvider(BundleStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), SafetyKernelConfig.class);
    OptionalBinder.newOptionalBinder(binder(), SchedulerConfig.class).setDefault()
        .toInstance(SchedulerConfig.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), ConfigStore.class).setDefault()
        .toProvider(ConfigStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), SchemaStore.class).setDefault()
        .toProvider(SchemaStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), EffectiveConfigProvider.class).setDefault()
        .to(ConfigService.class);
    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    OptionalBinder.newOptionalBinder(binder(), ArtifactConfig.class).setDefault()
        .toInstance(ArtifactConfig.DEFAULTS);
    OptionalBinder.newOptionalBinder(binder(), DeadLetterRetention.class).setDefault()
        .toInstance(DeadLetterRetention.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), LockStore.class).setDefault()
        .toProvider(LockStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), ArtifactStore.class).setDefault()
        .toProvider(ArtifactStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), DeadLetterStore.class).setDefault()
        .toProvider(DeadLetterStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), WorkflowStore.class).setDefault()
        .toProvider(WorkflowStoreProvider.class).in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), EngineConfig.class).setDefault()
        .toInstance(EngineConfig.DEFAULT);
  }

  @Provides
  @Singleton
  WorkflowEngine workflowEngine(WorkflowStore store, JobClient jobs, Bus bus, InstantSource clock,
      @Named(EXECUTOR) ScheduledExecutorService executor, EngineConfig config,
      SchemaRegistry schemas) {
    return new WorkflowEngine(store, jobs, bus, clock, executor, config, schemas);
  }

  static final class WorkflowStoreProvider implements Provider<WorkflowStore> {
    private final InstantSource clock;

    @Inject
    WorkflowStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public WorkflowStore get() {
      return new InMemoryWorkflowStore(clock);
    }
  }

  @Provides
  @Singleton
  RoutingStrategy routing(SchedulerConfig config) {
    return new LeastLoadedStrategy(config.pools(), config.topicFallback());
  }

  @Provides
  @Singleton
  SchedulerMetrics metrics(Optional<MeterRegistry> registry) {
    return registry.map(SchedulerMetrics::micrometer).orElse(SchedulerMetrics.NOOP);
  }

  @Provides
  @Singleton
  TerminalWatcher watcher(JobStore store, Bus bus,
      @Named(EXECUTOR) ScheduledExecutorService executor) {
    TerminalWatcher w = new TerminalWatcher(store, executor, Duration.ofMillis(50));
    w.listen(bus);
    return w;
  }

  @Provides
  @Singleton
  Scheduler scheduler(Bus bus, JobStore store, WorkerRegistry registry, LeaseStore leases,
      SafetyGate gate, RoutingStrategy strategy, SchedulerConfig config, InstantSource clock,
      @Named(EXECUTOR) ScheduledExecutorService executor, SchedulerMetrics metrics,
      Optional<EffectiveConfigProvider> effectiveConfig, TerminalWatcher watcher,
      DeadLetterStore deadLetters) {
    return new Scheduler(bus, store, registry, leases, gate, strategy, config, clock, executor,
        metrics, effectiveConfig.orElse(null), watcher, deadLetters);
  }

  @Provides
  @Singleton
  SafetyKernelHolder safetyKernel(Optional<SafetyKernelConfig> config, PolicyBundleStore bundles,
      InstantSource clock, @Named(EXECUTOR) ScheduledExecutorService executor) {
    if (config.isEmpty()) {
      return new SafetyKernelHolder(null);
    }
    DefaultSafetyKernel kernel = new DefaultSafetyKernel(config.get(), bundles, clock);
    kernel.start(executor);
    return new SafetyKernelHolder(kernel);
  }

  @Provides
  @Singleton
  PolicyBundleService policyBundles(PolicyBundleStore store, InstantSource clock,
      Provider<SafetyKernelHolder> kernel) {
    return new PolicyBundleService(store, clock,
        () -> kernel.get().kernel().ifPresent(DefaultSafetyKernel::reload));
  }

  @Provides
  @Singleton
  ConfigService configService(ConfigStore store) {
    return new ConfigService(store);
  }

  @Provides
  @Singleton
  SchemaRegistry schemaRegistry(SchemaStore store) {
    return new SchemaRegistry(store);
  }

  @Provides
  @Singleton
  JobClient jobClient(Bus bus, JobStore store, PointerStore pointers, Scheduler scheduler,
      TerminalWatcher watcher, InstantSource clock) {
    return new DefaultJobClient(bus, store, pointers, scheduler, watcher, clock);
  }

  @Provides
  @Singleton
  DeadLetterService deadLetterService(DeadLetterStore store, JobClient jobs, JobStore jobStore,
      PointerStore pointers) {
    return new DeadLetterService(store, jobs, jobStore, pointers);
  }

  static final class LockStoreProvider implements Provider<LockStore> {
    private final InstantSource clock;

    @Inject
    LockStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public LockStore get() {
      return new InMemoryLockStore(clock);
    }
  }

  static final class ArtifactStoreProvider implements Provider<ArtifactStore> {
    private final InstantSource clock;
    private final ArtifactConfig config;

    @Inject
    ArtifactStoreProvider(InstantSource clock, ArtifactConfig config) {
      this.clock = clock;
      this.config = config;
    }

    @Override
    public ArtifactStore get() {
      return new InMemoryArtifactStore(clock, config);
    }
  }

  static final class DeadLetterStoreProvider implements Provider<DeadLetterStore> {
    private final InstantSource clock;
    private final DeadLetterRetention retention;

    @Inject
    DeadLetterStoreProvider(InstantSource clock, DeadLetterRetention retention) {
      this.clock = clock;
      this.retention = retention;
    }

    @Override
    public DeadLetterStore get() {
      return new InMemoryDeadLetterStore(clock, retention);
    }
  }

  static final class ExecutorProvider implements Provider<ScheduledExecutorService> {
    @Override
    public ScheduledExecutorService get() {
      return new CordumThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** The kernel behind a circuit breaker when a policy is configured, else allow-all. */
  static final class SafetyGateProvider implements Provider<SafetyGate> {
    private final SafetyKernelHolder holder;
    private final InstantSource clock;

    @Inject
    SafetyGateProvider(SafetyKernelHolder holder, InstantSource clock) {
      this.holder = holder;
      this.clock = clock;
    }

    @Override
    public SafetyGate get() {
      return holder.kernel().<SafetyGate>map(k -> new CircuitBreakerSafetyGate(k, clock,
          k.config().circuitBreaker())).orElseGet(AllowAllSafetyGate::new);
    }
  }

  static final class BundleStoreProvider implements Provider<PolicyBundleStore> {
    private final InstantSource clock;

    @Inject
    BundleStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public PolicyBundleStore get() {
      return new InMemoryPolicyBundleStore(clock);
    }
  }

  static final class BusProvider implements Provider<Bus> {
    @Override
    public Bus get() {
      return InMemoryBus.builder().build();
    }
  }

  static final class JobStoreProvider implements Provider<JobStore> {
    private final InstantSource clock;

    @Inject
    JobStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public JobStore get() {
      return new InMemoryJobStore(clock);
    }
  }

  static final class PointerStoreProvider implements Provider<PointerStore> {
    private final InstantSource clock;

    @Inject
    PointerStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public PointerStore get() {
      return new InMemoryPointerStore(clock);
    }
  }

  static final class LeaseStoreProvider implements Provider<LeaseStore> {
    private final InstantSource clock;

    @Inject
    LeaseStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public LeaseStore get() {
      return new InMemoryLeaseStore(clock);
    }
  }

  static final class ConfigStoreProvider implements Provider<ConfigStore> {
    private final InstantSource clock;

    @Inject
    ConfigStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public ConfigStore get() {
      return new InMemoryConfigStore(clock);
    }
  }

  static final class SchemaStoreProvider implements Provider<SchemaStore> {
    private final InstantSource clock;

    @Inject
    SchemaStoreProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public SchemaStore get() {
      return new InMemorySchemaStore(clock);
    }
  }

  static final class RegistryProvider implements Provider<WorkerRegistry> {
    private final InstantSource clock;

    @Inject
    RegistryProvider(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    public WorkerRegistry get() {
      return new InMemoryWorkerRegistry(clock, Duration.ofSeconds(30));
    }
  }
}
