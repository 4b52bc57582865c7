package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.api.BackendException;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockStore;
import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.servers.RedisServer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Guice module overrides defaults set the way CordumModule sets them, and owns its client. */
class RedisStoresModuleTest {
  private static RedisServer server;

  @BeforeAll
  static void startServer() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Stands in for CordumModule: in-memory-style defaults and the clock. */
  private static final class Defaults extends AbstractModule {
    private final ManualClock clock;

    Defaults(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    protected void configure() {
      OptionalBinder.newOptionalBinder(binder(), InstantSource.class)
          .setDefault()
          .toInstance(clock);
      OptionalBinder.newOptionalBinder(binder(), JobStore.class)
          .setDefault()
          .toInstance(dummy(JobStore.class));
      OptionalBinder.newOptionalBinder(binder(), PointerStore.class)
          .setDefault()
          .toInstance(dummy(PointerStore.class));
      OptionalBinder.newOptionalBinder(binder(), LeaseStore.class)
          .setDefault()
          .toInstance(dummy(LeaseStore.class));
    }

    private static <T> T dummy(Class<T> type) {
      return type.cast(
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (p, m, a) -> {
                throw new UnsupportedOperationException("default " + type.getSimpleName());
              }));
    }
  }

  @Test
  void bindsTheRedisStoresOverTheDefaultsWithTheInjectedClock() {
    ManualClock clock = new ManualClock();
    RedisStoresModule module =
        new RedisStoresModule(
            TestRedis.config(server).toBuilder().keyPrefix("module-test:").build());
    Injector injector = Guice.createInjector(new Defaults(clock), module);

    JobStore jobs = injector.getInstance(JobStore.class);
    PointerStore pointers = injector.getInstance(PointerStore.class);
    LeaseStore leases = injector.getInstance(LeaseStore.class);

    assertThat(jobs)
        .isInstanceOf(RedisJobStore.class)
        .isSameAs(injector.getInstance(JobStore.class));
    assertThat(pointers).isInstanceOf(RedisPointerStore.class);
    assertThat(leases).isInstanceOf(RedisLeaseStore.class);
    assertThat(jobs.save(JobRequest.builder().jobId("m-1").topic("t").build(), null).createdAt())
        .isEqualTo(clock.instant());
    assertThat(leases.tryAcquire("k", Duration.ofSeconds(5))).isPresent();
    module.close();
  }

  @Test
  void bindsTheLockArtifactAndDeadLetterStoresWithTheInjectedSettings() {
    ManualClock clock = new ManualClock();
    RedisStoresModule module =
        new RedisStoresModule(
            TestRedis.config(server).toBuilder().keyPrefix("module-test-3:").build());
    Injector injector =
        Guice.createInjector(
            new Defaults(clock),
            module,
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), ArtifactConfig.class)
                    .setDefault()
                    .toInstance(ArtifactConfig.builder().maxBytes(3).build());
              }
            });
    try {
      LockStore locks = injector.getInstance(LockStore.class);
      ArtifactStore artifacts = injector.getInstance(ArtifactStore.class);
      DeadLetterStore dlq = injector.getInstance(DeadLetterStore.class);

      assertThat(locks).isInstanceOf(RedisLockStore.class);
      assertThat(artifacts).isInstanceOf(RedisArtifactStore.class);
      assertThat(dlq).isInstanceOf(RedisDeadLetterStore.class);
      assertThat(
              locks
                  .tryAcquire("r", "A", LockMode.EXCLUSIVE, Duration.ofSeconds(5))
                  .orElseThrow()
                  .updatedAt())
          .isEqualTo(clock.instant());
      assertThatThrownBy(() -> artifacts.put(ArtifactUpload.builder("four").build()))
          .isInstanceOf(ArtifactTooLargeException.class);
    } finally {
      module.close();
    }
  }

  @Test
  void closingTheLastStoreClosesTheClient() throws Exception {
    RedisStoresModule module = new RedisStoresModule(TestRedis.config(server));
    Injector injector = Guice.createInjector(module);
    RedisConnections connections = injector.getInstance(RedisConnections.class);
    AutoCloseable jobs = (AutoCloseable) injector.getInstance(JobStore.class);
    AutoCloseable pointers = (AutoCloseable) injector.getInstance(PointerStore.class);
    connections.ping();

    jobs.close();
    jobs.close(); // counted once
    assertThat(connections.isClosed()).isFalse();
    pointers.close();

    assertThat(connections.isClosed()).isTrue();
    assertThatThrownBy(connections::ping).isInstanceOf(BackendException.class);
    module.close(); // idempotent
  }

  @Test
  void withoutACordumModuleTheSystemClockIsUsed() {
    RedisStoresModule module =
        new RedisStoresModule(
            TestRedis.config(server).toBuilder().keyPrefix("module-test-2:").build());
    try {
      JobStore jobs = Guice.createInjector(module).getInstance(JobStore.class);
      java.time.Instant before = InstantSource.system().instant().minusSeconds(1);
      assertThat(jobs.save(JobRequest.builder().jobId("s-1").build(), null).createdAt())
          .isAfter(before);
    } finally {
      module.close();
    }
  }

  @Test
  void theModuleAndTheSettingsBackendMakeExactlyTheStoresOfTheList() {
    java.util.List<Class<?>> listed = new java.util.ArrayList<>();
    RedisStoreList.ALL.forEach(e -> listed.add(e.type()));
    io.cordum.api.backend.BackendProvider provider =
        java.util.ServiceLoader.load(io.cordum.api.backend.BackendProvider.class).stream()
            .map(java.util.ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("redis"))
            .findFirst()
            .orElseThrow();
    io.cordum.api.backend.Backend backend =
        provider
            .prepare(
                io.cordum.api.config.Settings.of(
                        "test", java.util.Map.of("REDIS_URL", TestRedis.config(server).url()))
                    .reader())
            .orElseThrow()
            .open(
                new io.cordum.api.backend.BackendContext(
                    InstantSource.system(),
                    ArtifactConfig.DEFAULT,
                    io.cordum.api.dlq.DeadLetterRetention.DEFAULT));
    RedisStoresModule module = new RedisStoresModule(TestRedis.config(server));
    try {
      // The provider opens the list itself: the same types, in its order (the close order).
      assertThat(backend.types()).containsExactlyElementsOf(listed);
      for (Class<?> type : listed) {
        assertThat(backend.get(type))
            .as("%s", type)
            .get()
            .isInstanceOf(type)
            .extracting(o -> o.getClass().getPackageName())
            .isEqualTo("io.cordum.redis");
      }
      Injector injector = Guice.createInjector(module);
      for (Class<?> type : listed) {
        assertThat(injector.getInstance(type))
            .as("%s", type)
            .isInstanceOf(type)
            .isSameAs(injector.getInstance(type))
            .extracting(o -> o.getClass().getPackageName())
            .isEqualTo("io.cordum.redis");
      }
    } finally {
      backend.close();
      module.close();
    }
  }
}
