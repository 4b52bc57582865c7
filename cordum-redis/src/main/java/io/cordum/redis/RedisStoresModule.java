package io.cordum.redis;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.workflow.WorkflowStore;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A Guice module that puts {@link JobStore}, {@link PointerStore}, {@link LeaseStore},
 * {@link LockStore}, {@link ArtifactStore}, {@link DeadLetterStore},
 * {@link PolicyBundleStore}, {@link ConfigStore}, {@link SchemaStore} and {@link WorkflowStore}
 * on Redis.
 * It overrides the in-memory defaults of Cordum's {@code CordumModule} with
 * {@link OptionalBinder#setBinding()}:
 *
 * <pre>{@code
 * Cordum cordum = Cordum.builder()
 *     .modules(new RedisStoresModule(RedisConfig.fromEnvironment()))
 *     .build();
 * }</pre>
 *
 * <p>The stores take the time from the injector's {@link InstantSource} (which
 * {@code CordumModule} binds), or the system clock if there is none; the artifact store its
 * {@link ArtifactConfig} and the DLQ its {@link DeadLetterRetention} from the injector too, or
 * the defaults.
 *
 * <p><b>The client.</b> The module owns one {@link RedisConnections}, made on first use and bound
 * as a singleton. It is closed when the last of the stores the module made is closed (a
 * {@code Cordum} closes its stores when it is closed), when the module is {@link #close()}d, or
 * when the host closes the bound {@link RedisConnections} itself, whichever comes first.
 */
public final class RedisStoresModule extends AbstractModule implements AutoCloseable {
  private final RedisConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable RedisConnections connections;
  private int openStores;

  /** A module for the given server and settings. */
  public RedisStoresModule(RedisConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The settings the module was made with. */
  public RedisConfig config() {
    return config;
  }

  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), InstantSource.class); // CordumModule sets it
    OptionalBinder.newOptionalBinder(binder(), JobStore.class).setBinding()
        .to(RedisJobStore.class);
    OptionalBinder.newOptionalBinder(binder(), PointerStore.class).setBinding()
        .to(RedisPointerStore.class);
    OptionalBinder.newOptionalBinder(binder(), LeaseStore.class).setBinding()
        .to(RedisLeaseStore.class);
    OptionalBinder.newOptionalBinder(binder(), ArtifactConfig.class); // CordumModule sets them
    OptionalBinder.newOptionalBinder(binder(), DeadLetterRetention.class);
    OptionalBinder.newOptionalBinder(binder(), LockStore.class).setBinding()
        .to(RedisLockStore.class);
    OptionalBinder.newOptionalBinder(binder(), ArtifactStore.class).setBinding()
        .to(RedisArtifactStore.class);
    OptionalBinder.newOptionalBinder(binder(), DeadLetterStore.class).setBinding()
        .to(RedisDeadLetterStore.class);
    OptionalBinder.newOptionalBinder(binder(), PolicyBundleStore.class).setBinding()
        .to(RedisPolicyBundleStore.class);
    OptionalBinder.newOptionalBinder(binder(), ConfigStore.class).setBinding()
        .to(RedisConfigStore.class);
    OptionalBinder.newOptionalBinder(binder(), SchemaStore.class).setBinding()
        .to(RedisSchemaStore.class);
    OptionalBinder.newOptionalBinder(binder(), WorkflowStore.class).setBinding()
        .to(RedisWorkflowStore.class);
  }

  @Provides
  @Singleton
  RedisConnections connections() {
    lock.lock();
    try {
      if (connections == null) {
        connections = RedisConnections.create(config);
      }
      return connections;
    } finally {
      lock.unlock();
    }
  }

  @Provides
  @Singleton
  RedisJobStore jobStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisJobStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisPointerStore pointerStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisPointerStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisLeaseStore leaseStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisLeaseStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisLockStore lockStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisLockStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisConfigStore configStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisConfigStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisArtifactStore artifactStore(RedisConnections c, Optional<InstantSource> clock,
      Optional<ArtifactConfig> config) {
    return new RedisArtifactStore(c, clock.orElse(InstantSource.system()),
        config.orElse(ArtifactConfig.DEFAULTS), retain());
  }

  @Provides
  @Singleton
  RedisDeadLetterStore deadLetterStore(RedisConnections c, Optional<InstantSource> clock,
      Optional<DeadLetterRetention> retention) {
    return new RedisDeadLetterStore(c, clock.orElse(InstantSource.system()),
        retention.orElse(DeadLetterRetention.DEFAULT), retain());
  }

  @Provides
  @Singleton
  RedisPolicyBundleStore policyBundleStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisPolicyBundleStore(c, clock.orElse(InstantSource.system()),
        RedisPolicyBundleStore.DEFAULT_SNAPSHOTS, RedisPolicyBundleStore.DEFAULT_AUDIT,
        retain());
  }

  @Provides
  @Singleton
  RedisSchemaStore schemaStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisSchemaStore(c, clock.orElse(InstantSource.system()), retain());
  }

  @Provides
  @Singleton
  RedisWorkflowStore workflowStore(RedisConnections c, Optional<InstantSource> clock) {
    return new RedisWorkflowStore(c, clock.orElse(InstantSource.system()),
        RedisWorkflowStore.DEFAULT_TIMELINE_LIMIT, retain());
  }

  /** Closes the connections the module made, if any. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (connections != null) {
        connections.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Counts one more open store; the returned action (run at most once) counts it closed. */
  private Runnable retain() {
    lock.lock();
    try {
      openStores++;
    } finally {
      lock.unlock();
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      lock.lock();
      try {
        openStores--;
        if (openStores == 0 && connections != null) {
          connections.close();
        }
      } finally {
        lock.unlock();
      }
    };
  }
}
