package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.worker.WorkerRegistry;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.WorkerRegistryContract;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class InMemoryWorkerRegistryTest extends WorkerRegistryContract {

  @Override
  protected WorkerRegistry createRegistry(ManualClock clock, Duration ttl) {
    return new InMemoryWorkerRegistry(clock, ttl);
  }

  @Test
  void anUpdatePurgesExpiredEntriesWithoutAnyRead() {
    ManualClock clock = new ManualClock();
    InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry(clock, Duration.ofSeconds(30));
    registry.update(heartbeat("old", "default"));
    clock.advance(Duration.ofSeconds(31));

    registry.update(heartbeat("new", "default"));

    assertThat(registry.storedEntries()).isEqualTo(1);
    assertThat(registry.snapshot()).containsOnlyKeys("new");
  }

  @Test
  void aReadPurgesWhatItFindsExpired() {
    ManualClock clock = new ManualClock();
    InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry(clock, Duration.ofSeconds(30));
    registry.update(heartbeat("a", "default"));
    registry.update(heartbeat("b", "default"));
    clock.advance(Duration.ofSeconds(31));

    assertThat(registry.get("a")).isEmpty();
    assertThat(registry.storedEntries()).isEqualTo(1);
    assertThat(registry.workersForPool("default")).isEmpty();
    assertThat(registry.storedEntries()).isZero();
  }

  @Test
  void theBackgroundSweepPurgesUntilClosed() {
    ManualClock clock = new ManualClock();
    ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
    try {
      InMemoryWorkerRegistry registry =
          new InMemoryWorkerRegistry(clock, Duration.ofMillis(100), sweeper);
      registry.update(heartbeat("w1", "default"));
      clock.advance(Duration.ofSeconds(1));

      // No read or update: only the sweep can purge it.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> registry.storedEntries() == 0);

      registry.close();
      registry.close(); // idempotent
      registry.update(heartbeat("w2", "default"));
      clock.advance(Duration.ofSeconds(1));
      Awaitility.await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(10))
          .until(() -> registry.storedEntries() == 1);
      assertThat(sweeper.isShutdown()).as("the caller's scheduler stays up").isFalse();
    } finally {
      sweeper.shutdownNow();
    }
  }

  @Test
  void ttlMustBePositive() {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> new InMemoryWorkerRegistry(clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> new InMemoryWorkerRegistry(clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultsAreTheSystemClockAndThirtySeconds() {
    try (InMemoryWorkerRegistry registry = new InMemoryWorkerRegistry()) {
      assertThat(registry.ttl())
          .isEqualTo(InMemoryWorkerRegistry.DEFAULT_TTL)
          .isEqualTo(Duration.ofSeconds(30));
      registry.update(Heartbeat.builder().workerId("w1").pool("p").build());
      assertThat(registry.get("w1")).isPresent();
    }
  }
}
