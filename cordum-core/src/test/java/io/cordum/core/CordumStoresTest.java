package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.lock.LockMode;
import io.cordum.memory.InMemoryDeadLetterStore;
import io.cordum.memory.InMemoryLockStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lock, artifact and DLQ accessors and builder settings of {@link Cordum}. */
class CordumStoresTest {

  @Test
  void defaultsAreInMemoryAndTakeTheBuilderSettingsAndClock() {
    ManualClock clock = new ManualClock();
    try (Cordum cordum =
        Cordum.builder()
            .clock(clock)
            .artifactConfig(ArtifactConfig.builder().maxBytes(4).build())
            .deadLetterRetention(new DeadLetterRetention(Duration.ofHours(1), 10))
            .build()) {
      assertThat(cordum.locks()).isInstanceOf(InMemoryLockStore.class);
      assertThat(
              cordum
                  .locks()
                  .tryAcquire("r", "A", LockMode.EXCLUSIVE, Duration.ofSeconds(5))
                  .orElseThrow()
                  .expiresAt())
          .isEqualTo(clock.instant().plusSeconds(5));
      assertThatThrownBy(() -> cordum.artifacts().put(ArtifactUpload.builder("12345").build()))
          .isInstanceOf(ArtifactTooLargeException.class);
      cordum
          .instance(DeadLetterStore.class)
          .add(DeadLetterEntry.builder().jobId("j").createdAt(clock.instant()).build());
      clock.advance(Duration.ofHours(1));
      assertThat(cordum.deadLetters().list(DeadLetterQuery.all()).items()).isEmpty();
    }
  }

  @Test
  void hostStoresAreUsedByTheSchedulerPathAndTheService() {
    ManualClock clock = new ManualClock();
    InMemoryDeadLetterStore dlq = new InMemoryDeadLetterStore(clock);
    InMemoryLockStore locks = new InMemoryLockStore(clock);
    try (Cordum cordum =
        Cordum.builder().clock(clock).deadLetterStore(dlq).lockStore(locks).build()) {
      assertThat(cordum.instance(DeadLetterStore.class)).isSameAs(dlq);
      assertThat(cordum.locks()).isSameAs(locks);
    }
  }
}
