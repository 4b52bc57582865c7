package io.cordum.core;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.bus.Bus;
import io.cordum.api.config.ConfigService;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.EffectiveConfigProvider;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterService;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyBundleService;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.policy.SafetyGate;
import io.cordum.api.schema.SchemaRegistry;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.trace.JobTracer;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.api.workflow.WorkflowEngine;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.internal.TerminalWatcher;
import io.cordum.core.internal.config.DefaultConfigService;
import io.cordum.core.internal.config.SchedulerConfigSync;
import io.cordum.core.internal.dlq.DefaultDeadLetterService;
import io.cordum.core.internal.job.DefaultJobClient;
import io.cordum.core.internal.policy.AllowAllSafetyGate;
import io.cordum.core.internal.policy.CircuitBreakerSafetyGate;
import io.cordum.core.internal.policy.DefaultPolicyBundleService;
import io.cordum.core.internal.policy.DefaultSafetyKernel;
import io.cordum.core.internal.scheduler.LeastLoadedStrategy;
import io.cordum.core.internal.scheduler.RoutingStrategy;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.internal.scheduler.SchedulerMetrics;
import io.cordum.core.internal.schema.DefaultSchemaRegistry;
import io.cordum.core.internal.workflow.DefaultWorkflowEngine;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.core.workflow.EngineConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The Guice module of Cordum's engines. Every backend and option is bound with {@link
 * OptionalBinder#setDefault()}: in-memory stores and bus, the system clock, an allow-all safety
 * gate (the safety kernel behind a circuit breaker when a {@link SafetyKernelConfig} is bound), an
 * in-memory {@link PolicyBundleStore}, default scheduler settings, default artifact settings
 * ({@link ArtifactConfig}), DLQ retention ({@link DeadLetterRetention}), the in-memory {@link
 * WorkflowStore} and the workflow engine's {@link EngineConfig}. Override any of them with {@code
 * OptionalBinder.newOptionalBinder(binder(), X.class).setBinding()...} in your own module (as
 * {@code RedisStoresModule} and {@code NatsBusModule} do), or use {@link Cordum#builder()}.
 *
 * <p>The config and schema stores default to in-memory ones too; {@link ConfigService} and {@link
 * SchemaRegistry} are singletons over them, and the {@link EffectiveConfigProvider} defaults to the
 * {@link ConfigService} (so each job's env gets its effective config). Optional binding without a
 * default: Micrometer's {@link MeterRegistry} (no registry, no metrics cost). The executor is bound
 * as {@code @Named("cordum") ScheduledExecutorService}.
 */
public final class CordumModule extends AbstractModule {
  /** The name of the executor binding. */
  public static final String EXECUTOR = "cordum";

  /**
   * The name of the {@code Duration} binding: how often each replica re-reads pools and timeouts
   * from the config service (default 30 s; zero turns the sync off).
   */
  public static final String CONFIG_RELOAD_INTERVAL = "cordum.configReloadInterval";

  @Override
  protected void configure() {
    for (StoreSlots.Slot<?> slot : StoreSlots.ALL) {
      bindDefault(slot);
    }
    OptionalBinder.newOptionalBinder(binder(), InstantSource.class)
        .setDefault()
        .toInstance(InstantSource.system());
    OptionalBinder.newOptionalBinder(
            binder(), Key.get(ScheduledExecutorService.class, Names.named(EXECUTOR)))
        .setDefault()
        .toProvider(ExecutorProvider.class)
        .in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), SafetyGate.class)
        .setDefault()
        .toProvider(SafetyGateProvider.class)
        .in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), SafetyKernelConfig.class);
    OptionalBinder.newOptionalBinder(binder(), SchedulerConfig.class)
        .setDefault()
        .toInstance(SchedulerConfig.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), EffectiveConfigProvider.class)
        .setDefault()
        .to(DefaultConfigService.class);
    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class);
    OptionalBinder.newOptionalBinder(binder(), JobTracer.class)
        .setDefault()
        .toInstance(JobTracer.NOOP);
    OptionalBinder.newOptionalBinder(binder(), ArtifactConfig.class)
        .setDefault()
        .toInstance(ArtifactConfig.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), DeadLetterRetention.class)
        .setDefault()
        .toInstance(DeadLetterRetention.DEFAULT);
    OptionalBinder.newOptionalBinder(binder(), EngineConfig.class)
        .setDefault()
        .toInstance(EngineConfig.DEFAULT);
    bind(WorkflowEngine.class).to(DefaultWorkflowEngine.class);
    bind(ConfigService.class).to(DefaultConfigService.class);
    bind(SchemaRegistry.class).to(DefaultSchemaRegistry.class);
    bind(DeadLetterService.class).to(DefaultDeadLetterService.class);
    bind(PolicyBundleService.class).to(DefaultPolicyBundleService.class);
    OptionalBinder.newOptionalBinder(
            binder(), Key.get(Duration.class, Names.named(CONFIG_RELOAD_INTERVAL)))
        .setDefault()
        .toInstance(SchedulerConfigSync.DEFAULT_INTERVAL);
  }

  private <T> void bindDefault(StoreSlots.Slot<T> slot) {
    OptionalBinder.newOptionalBinder(binder(), slot.type())
        .setDefault()
        .toProvider(new InMemoryDefault<>(slot))
        .in(Singleton.class);
  }

  /** Makes a slot's in-memory default, with what it needs from the injector. */
  private static final class InMemoryDefault<T> implements Provider<T> {
    private final StoreSlots.Slot<T> slot;
    private @Nullable Injector injector;

    InMemoryDefault(StoreSlots.Slot<T> slot) {
      this.slot = slot;
    }

    @Inject
    void injector(Injector injector) {
      this.injector = injector;
    }

    @Override
    public T get() {
      return slot.inMemory().apply(new StoreSlots.Defaults(Objects.requireNonNull(injector)));
    }
  }

  @Provides
  @Singleton
  SchedulerConfigSync configSync(
      DefaultConfigService config,
      Scheduler scheduler,
      Bus bus,
      InstantSource clock,
      @Named(CONFIG_RELOAD_INTERVAL) Duration interval) {
    return new SchedulerConfigSync(config, scheduler, bus, clock, interval);
  }

  @Provides
  @Singleton
  DefaultWorkflowEngine workflowEngine(
      WorkflowStore store,
      JobClient jobs,
      Bus bus,
      InstantSource clock,
      @Named(EXECUTOR) ScheduledExecutorService executor,
      EngineConfig config,
      DefaultSchemaRegistry schemas,
      EffectiveConfigProvider effectiveConfig,
      JobTracer tracer) {
    DefaultWorkflowEngine engine =
        new DefaultWorkflowEngine(
            store, jobs, bus, clock, executor, config, schemas, effectiveConfig);
    engine.tracer(tracer);
    return engine;
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
  TerminalWatcher watcher(
      JobStore store, Bus bus, @Named(EXECUTOR) ScheduledExecutorService executor) {
    TerminalWatcher w = new TerminalWatcher(store, executor, Duration.ofMillis(50));
    w.listen(bus);
    return w;
  }

  @Provides
  @Singleton
  Scheduler scheduler(
      Bus bus,
      JobStore store,
      WorkerRegistry registry,
      LeaseStore leases,
      SafetyGate gate,
      RoutingStrategy strategy,
      SchedulerConfig config,
      InstantSource clock,
      @Named(EXECUTOR) ScheduledExecutorService executor,
      SchedulerMetrics metrics,
      Optional<EffectiveConfigProvider> effectiveConfig,
      TerminalWatcher watcher,
      DeadLetterStore deadLetters,
      JobTracer tracer) {
    Scheduler scheduler =
        new Scheduler(
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
            effectiveConfig.orElse(null),
            watcher,
            deadLetters);
    scheduler.tracer(tracer);
    return scheduler;
  }

  @Provides
  @Singleton
  SafetyKernelHolder safetyKernel(
      Optional<SafetyKernelConfig> config,
      PolicyBundleStore bundles,
      InstantSource clock,
      @Named(EXECUTOR) ScheduledExecutorService executor) {
    if (config.isEmpty()) {
      return new SafetyKernelHolder(null);
    }
    DefaultSafetyKernel kernel = new DefaultSafetyKernel(config.get(), bundles, clock);
    kernel.start(executor);
    return new SafetyKernelHolder(kernel);
  }

  @Provides
  @Singleton
  DefaultPolicyBundleService policyBundles(
      PolicyBundleStore store, InstantSource clock, Provider<SafetyKernelHolder> kernel) {
    return new DefaultPolicyBundleService(
        store, clock, () -> kernel.get().kernel().ifPresent(DefaultSafetyKernel::reload));
  }

  @Provides
  @Singleton
  DefaultConfigService configService(ConfigStore store) {
    return new DefaultConfigService(store);
  }

  @Provides
  @Singleton
  DefaultSchemaRegistry schemaRegistry(SchemaStore store) {
    return new DefaultSchemaRegistry(store);
  }

  @Provides
  @Singleton
  JobClient jobClient(
      Bus bus,
      JobStore store,
      PointerStore pointers,
      Scheduler scheduler,
      TerminalWatcher watcher,
      InstantSource clock,
      LeaseStore leases) {
    return new DefaultJobClient(bus, store, pointers, scheduler, watcher, clock, leases);
  }

  @Provides
  @Singleton
  DefaultDeadLetterService deadLetterService(
      DeadLetterStore store, JobClient jobs, JobStore jobStore, PointerStore pointers) {
    return new DefaultDeadLetterService(store, jobs, jobStore, pointers);
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
      return holder
          .kernel()
          .<SafetyGate>map(k -> new CircuitBreakerSafetyGate(k, clock, k.config().circuitBreaker()))
          .orElseGet(AllowAllSafetyGate::new);
    }
  }
}
