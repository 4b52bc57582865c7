package io.cordum.redis;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.backend.BackendContext;
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
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A Guice module that puts {@link JobStore}, {@link PointerStore}, {@link LeaseStore}, {@link
 * LockStore}, {@link ArtifactStore}, {@link DeadLetterStore}, {@link PolicyBundleStore}, {@link
 * ConfigStore}, {@link SchemaStore}, {@link WorkflowStore}, {@code ApiKeyStore} and {@code
 * AuditStore} on Redis. It overrides the in-memory defaults of Cordum's {@code CordumModule} with
 * {@link OptionalBinder#setBinding()}:
 *
 * <pre>{@code
 * Cordum cordum = Cordum.builder()
 *     .modules(new RedisStoresModule(RedisConfig.fromEnvironment()))
 *     .build();
 * }</pre>
 *
 * <p>The stores are those of one internal list (the same ones the {@code REDIS_URL} setting
 * selects). They take the time from the injector's {@link InstantSource} (which {@code
 * CordumModule} binds), or the system clock if there is none; the artifact store its {@link
 * ArtifactConfig} and the DLQ its {@link DeadLetterRetention} from the injector too, or the
 * defaults.
 *
 * <p><b>The client.</b> The module owns one {@link RedisConnections}, made on first use and bound
 * as a singleton. It is closed when the last of the stores the module made is closed (a {@code
 * Cordum} closes its stores when it is closed), when the module is {@link #close()}d, or when the
 * host closes the bound {@link RedisConnections} itself, whichever comes first.
 */
public final class RedisStoresModule extends AbstractModule implements AutoCloseable {
  private static final String CONTEXT = "cordum.redis.stores";
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
    // CordumModule sets these; without it the stores use the system clock and the defaults.
    OptionalBinder.newOptionalBinder(binder(), InstantSource.class);
    OptionalBinder.newOptionalBinder(binder(), ArtifactConfig.class);
    OptionalBinder.newOptionalBinder(binder(), DeadLetterRetention.class);
    for (RedisStoreList.Entry<?> entry : RedisStoreList.ALL) {
      bindStore(entry);
    }
  }

  private <T> void bindStore(RedisStoreList.Entry<T> entry) {
    OptionalBinder.newOptionalBinder(binder(), entry.type())
        .setBinding()
        .toProvider(new StoreProvider<>(entry))
        .in(Singleton.class);
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

  /** What every store takes from the injector, with the defaults applied once. */
  @Provides
  @Singleton
  @Named(CONTEXT)
  BackendContext context(
      Optional<InstantSource> clock,
      Optional<ArtifactConfig> artifacts,
      Optional<DeadLetterRetention> retention) {
    return new BackendContext(
        clock.orElse(InstantSource.system()),
        artifacts.orElse(ArtifactConfig.DEFAULT),
        retention.orElse(DeadLetterRetention.DEFAULT));
  }

  /** Makes one store of the list on the module's connections, counted by {@link #retain()}. */
  private final class StoreProvider<T> implements Provider<T> {
    private final RedisStoreList.Entry<T> entry;
    private @Nullable Injector injector;

    StoreProvider(RedisStoreList.Entry<T> entry) {
      this.entry = entry;
    }

    @Inject
    void injector(Injector injector) {
      this.injector = injector;
    }

    @Override
    public T get() {
      Injector i = Objects.requireNonNull(injector);
      return entry
          .factory()
          .make(
              i.getInstance(RedisConnections.class),
              i.getInstance(Key.get(BackendContext.class, Names.named(CONTEXT))),
              retain());
    }
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
