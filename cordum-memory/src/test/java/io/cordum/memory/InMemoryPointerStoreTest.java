package io.cordum.memory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.pointer.PointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PointerStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the pointer store contract against {@link InMemoryPointerStore}, plus its own checks. */
class InMemoryPointerStoreTest extends PointerStoreContract {
  @Override
  protected PointerStore createStore(ManualClock clock) {
    return new InMemoryPointerStore(clock);
  }

  @Test
  void expiredEntriesArePurgedByLaterWrites() {
    InMemoryPointerStore s = (InMemoryPointerStore) store();
    for (int i = 0; i < 200; i++) {
      s.putContext("old-" + i, "in".getBytes(UTF_8));
      s.putResult("old-" + i, "out".getBytes(UTF_8));
    }
    clock.advance(InMemoryPointerStore.DEFAULT_TTL.plusSeconds(1));

    s.putContext("fresh", "in".getBytes(UTF_8));

    assertThat(s.footprint()).isEqualTo(2); // the entry and its due time
  }

  @Test
  void customTtlIsHonoured() {
    ManualClock c = new ManualClock();
    InMemoryPointerStore s = new InMemoryPointerStore(c, Duration.ofMinutes(5));
    String ptr = s.putResult("j", "out".getBytes(UTF_8));

    c.advance(Duration.ofMinutes(4));
    assertThat(s.get(ptr)).isPresent();
    c.advance(Duration.ofMinutes(2));
    assertThat(s.get(ptr)).isEmpty();
  }

  @Test
  void nonPositiveTtlIsRejected() {
    assertThatThrownBy(() -> new InMemoryPointerStore(clock, Duration.ZERO))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void copyChecksTheTargetEvenWithoutASource() {
    assertThatThrownBy(() -> store().copy("redis://ctx:none", "redis://art:x"))
        .isInstanceOf(ValidationException.class);
  }
}
