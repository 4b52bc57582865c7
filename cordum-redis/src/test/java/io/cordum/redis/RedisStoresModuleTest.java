package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.api.BackendException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobStore;
import io.cordum.api.lock.LeaseStore;
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
      OptionalBinder.newOptionalBinder(binder(), InstantSource.class).setDefault()
          .toInstance(clock);
      OptionalBinder.newOptionalBinder(binder(), JobStore.class).setDefault()
          .toInstance(dummy(JobStore.class));
      OptionalBinder.newOptionalBinder(binder(), PointerStore.class).setDefault()
          .toInstance(dummy(PointerStore.class));
      OptionalBinder.newOptionalBinder(binder(), LeaseStore.class).setDefault()
          .toInstance(dummy(LeaseStore.class));
    }

    private static <T> T dummy(Class<T> type) {
      return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
          (p, m, a) -> {
            throw new UnsupportedOperationException("default " + type.getSimpleName());
          }));
    }
  }

  @Test
  void bindsTheRedisStoresOverTheDefaultsWithTheInjectedClock() {
    ManualClock clock = new ManualClock();
    RedisStoresModule module = new RedisStoresModule(TestRedis.config(server).toBuilder()
        .keyPrefix("module-test:").build());
    Injector injector = Guice.createInjector(new Defaults(clock), module);

    JobStore jobs = injector.getInstance(JobStore.class);
    PointerStore pointers = injector.getInstance(PointerStore.class);
    LeaseStore leases = injector.getInstance(LeaseStore.class);

    assertThat(jobs).isInstanceOf(RedisJobStore.class)
        .isSameAs(injector.getInstance(JobStore.class));
    assertThat(pointers).isInstanceOf(RedisPointerStore.class);
    assertThat(leases).isInstanceOf(RedisLeaseStore.class);
    assertThat(jobs.save(JobRequest.builder().jobId("m-1").topic("t").build(), null).createdAt())
        .isEqualTo(clock.instant());
    assertThat(leases.tryAcquire("k", Duration.ofSeconds(5))).isPresent();
    module.close();
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
    RedisStoresModule module = new RedisStoresModule(TestRedis.config(server).toBuilder()
        .keyPrefix("module-test-2:").build());
    try {
      JobStore jobs = Guice.createInjector(module).getInstance(JobStore.class);
      java.time.Instant before = InstantSource.system().instant().minusSeconds(1);
      assertThat(jobs.save(JobRequest.builder().jobId("s-1").build(), null).createdAt())
          .isAfter(before);
    } finally {
      module.close();
    }
  }
}
