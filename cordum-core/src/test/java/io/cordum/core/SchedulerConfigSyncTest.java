package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.core.internal.config.CanonicalJson;
import io.cordum.core.internal.config.DefaultConfigService;
import io.cordum.core.internal.config.SchedulerConfigSync;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pools and timeouts reload on a running scheduler, on every replica, when they change through the
 * config service (spec 10 §3.12–3.13): two replicas share a bus and a config store.
 */
class SchedulerConfigSyncTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryBus bus = InMemoryBus.builder().build();
  private final InMemoryConfigStore store = new InMemoryConfigStore(clock);
  private final List<Cordum> replicas = new java.util.ArrayList<>();

  private static final PoolConfig FILE_POOLS =
      PoolConfig.builder().topic("job.default", "default").pool("default").build();

  @AfterEach
  void tearDown() {
    replicas.forEach(Cordum::close);
    bus.close();
  }

  private Cordum replica(PoolConfig pools, Duration interval) {
    Cordum c =
        Cordum.builder()
            .clock(clock)
            .bus(bus)
            .configStore(store)
            .pools(pools)
            .configReloadInterval(interval)
            .build()
            .start();
    replicas.add(c);
    return c;
  }

  private static Map<String, Object> poolsSection(String topic, String pool) {
    return Map.of(
        "topics",
        Map.of("job.default", "default", topic, pool),
        "pools",
        Map.of("default", Map.of("requires", List.of()), pool, Map.of("requires", List.of("gpu"))));
  }

  @Test
  void theFirstReplicaSeedsTheSystemDocumentAndLaterOnesFollowIt() {
    Cordum a = replica(FILE_POOLS, Duration.ofSeconds(30));
    Map<String, Object> data = a.config().get(ConfigKey.system()).data();
    assertThat(data).containsKeys("pools", "timeouts");
    assertThat(PoolConfig.parse(CanonicalJson.write(data.get("pools")))).isEqualTo(FILE_POOLS);

    // A replica started with other pools follows the stored ones.
    Cordum b =
        replica(
            PoolConfig.builder().topic("job.other", "x").pool("x").build(), Duration.ofSeconds(30));
    assertThat(b.instance(Scheduler.class).pools()).isEqualTo(FILE_POOLS);
  }

  @Test
  void aWriteAppliesAtOnceHereAndOnTheOtherReplicaThroughTheAnnouncement() {
    Cordum a = replica(FILE_POOLS, Duration.ofHours(1));
    Cordum b = replica(FILE_POOLS, Duration.ofHours(1));
    a.config()
        .update(
            ConfigKey.system(),
            d -> {
              d.put("pools", poolsSection("job.gpu", "gpu"));
              Map<String, Object> t = new LinkedHashMap<>(CanonicalJsonMaps.of(d.get("timeouts")));
              t.put(
                  "reconciler",
                  Map.of(
                      "dispatch_timeout_seconds",
                      12,
                      "running_timeout_seconds",
                      34,
                      "scan_interval_seconds",
                      5));
              d.put("timeouts", t);
              return d;
            });
    assertThat(a.instance(Scheduler.class).pools().topics())
        .containsEntry("job.gpu", List.of("gpu"));
    assertThat(a.instance(Scheduler.class).timeouts().dispatchTimeout())
        .isEqualTo(Duration.ofSeconds(12));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(b.instance(Scheduler.class).pools().topics())
                  .containsEntry("job.gpu", List.of("gpu"));
              assertThat(b.instance(Scheduler.class).timeouts().runningTimeout())
                  .isEqualTo(Duration.ofSeconds(34));
            });
  }

  @Test
  void withoutAnAnnouncementTheNextPeriodicReadPicksTheChangeUp() {
    DefaultConfigService direct = new DefaultConfigService(store); // another tool writing the store
    Cordum a = replica(FILE_POOLS, Duration.ofSeconds(30));
    SchedulerConfigSync sync = a.instance(SchedulerConfigSync.class);
    // The replica's start announces the sections it seeded; let that announcement be handled
    // first, or its reload could read the direct write below before the period is due.
    assertThat(bus.awaitQuiescence(Duration.ofSeconds(10))).isTrue();
    direct.update(
        ConfigKey.system(),
        d -> {
          d.put("pools", poolsSection("job.late", "late"));
          return d;
        });
    sync.tick(); // not due yet
    assertThat(a.instance(Scheduler.class).pools()).isEqualTo(FILE_POOLS);
    clock.advance(Duration.ofSeconds(30));
    sync.tick();
    assertThat(a.instance(Scheduler.class).pools().topics())
        .containsEntry("job.late", List.of("late"));
  }

  @Test
  void anInvalidStoredSectionKeepsWhatIsInForce() {
    Cordum a = replica(FILE_POOLS, Duration.ofSeconds(30));
    SchedulerConfigSync sync = a.instance(SchedulerConfigSync.class);
    // Written straight to the store, past the config service's validation.
    store.put(
        ConfigKey.system(),
        "{\"pools\":{\"topics\":{}},\"timeouts\":{\"reconciler\":"
            + "{\"dispatch_timeout_seconds\":-1}}}",
        Map.of(),
        -1);
    assertThat(sync.reload()).isFalse();
    assertThat(a.instance(Scheduler.class).pools()).isEqualTo(FILE_POOLS);
    assertThat(a.instance(Scheduler.class).timeouts()).isEqualTo(TimeoutConfig.DEFAULT);
  }

  @Test
  void zeroTurnsTheSyncOff() {
    Cordum a = replica(FILE_POOLS, Duration.ZERO);
    assertThat(a.config().find(ConfigKey.of(ConfigScope.SYSTEM, ""))).isEmpty();
    a.config().set(ConfigScope.SYSTEM, "", Map.of("pools", poolsSection("job.gpu", "gpu")));
    assertThat(a.instance(Scheduler.class).pools()).isEqualTo(FILE_POOLS);
  }

  /** Reads a section of a config document as a map. */
  private static final class CanonicalJsonMaps {
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Object v) {
      return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
  }
}
