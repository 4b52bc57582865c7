package io.cordum.core;

import com.google.inject.Injector;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.bus.Bus;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.core.scheduler.SchedulerConfig;
import io.cordum.memory.InMemoryApiKeyStore;
import io.cordum.memory.InMemoryArtifactStore;
import io.cordum.memory.InMemoryAuditStore;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.memory.InMemoryDeadLetterStore;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.memory.InMemoryLeaseStore;
import io.cordum.memory.InMemoryLockStore;
import io.cordum.memory.InMemoryPointerStore;
import io.cordum.memory.InMemoryPolicyBundleStore;
import io.cordum.memory.InMemorySchemaStore;
import io.cordum.memory.InMemoryWorkerRegistry;
import io.cordum.memory.InMemoryWorkflowStore;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Function;

/**
 * The one list of the control plane's pluggable backends (the bus, the stores, the worker
 * registry): each slot's SPI type and its in-memory default. {@link CordumModule} binds every
 * default from it, {@link Cordum#close()} closes the slots in this order (the bus before the stores
 * its handlers write to) and {@link Cordum#health()} asks each of them. Adding a store is one entry
 * here, a setter in {@link Cordum.Builder} ({@code StoreSlotsTest} fails without it), and its Redis
 * entry (see docs/architecture.md, "Adding a store").
 */
final class StoreSlots {
  private StoreSlots() {}

  /** One slot: the SPI type and how to make the in-memory default. */
  record Slot<T>(Class<T> type, Function<Defaults, T> inMemory) {}

  /** Every slot, in close order. */
  static final List<Slot<?>> ALL =
      List.of(
          slot(ApiKeyStore.class, d -> new InMemoryApiKeyStore()),
          slot(AuditStore.class, d -> new InMemoryAuditStore()),
          slot(ConfigStore.class, d -> new InMemoryConfigStore(d.clock())),
          slot(SchemaStore.class, d -> new InMemorySchemaStore(d.clock())),
          // A worker is forgotten when the scheduler counts it dead (the worker timeout, 15 s).
          slot(
              WorkerRegistry.class,
              d -> new InMemoryWorkerRegistry(d.clock(), d.scheduler().workerTimeout())),
          slot(Bus.class, d -> InMemoryBus.builder().build()),
          slot(JobStore.class, d -> new InMemoryJobStore(d.clock())),
          slot(PointerStore.class, d -> new InMemoryPointerStore(d.clock())),
          slot(LeaseStore.class, d -> new InMemoryLeaseStore(d.clock())),
          slot(LockStore.class, d -> new InMemoryLockStore(d.clock())),
          slot(ArtifactStore.class, d -> new InMemoryArtifactStore(d.clock(), d.artifacts())),
          slot(
              DeadLetterStore.class,
              d -> new InMemoryDeadLetterStore(d.clock(), d.deadLetterRetention())),
          slot(PolicyBundleStore.class, d -> new InMemoryPolicyBundleStore(d.clock())),
          slot(WorkflowStore.class, d -> new InMemoryWorkflowStore(d.clock())));

  private static <T> Slot<T> slot(Class<T> type, Function<Defaults, T> inMemory) {
    return new Slot<>(type, inMemory);
  }

  /** What a default takes from the injector, read when the default is made. */
  static final class Defaults {
    private final Injector injector;

    Defaults(Injector injector) {
      this.injector = injector;
    }

    InstantSource clock() {
      return injector.getInstance(InstantSource.class);
    }

    ArtifactConfig artifacts() {
      return injector.getInstance(ArtifactConfig.class);
    }

    DeadLetterRetention deadLetterRetention() {
      return injector.getInstance(DeadLetterRetention.class);
    }

    SchedulerConfig scheduler() {
      return injector.getInstance(SchedulerConfig.class);
    }
  }
}
