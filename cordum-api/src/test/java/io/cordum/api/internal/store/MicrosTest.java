package io.cordum.api.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Microsecond time as every store keeps it: truncation, rounding, saturation. */
class MicrosTest {

  @Test
  void nowAndTruncateDropTheNanosecondsBelowAMicrosecond() {
    Instant t = Instant.parse("2026-01-02T03:04:05.123456789Z");
    assertThat(Micros.now(InstantSource.fixed(t)))
        .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    assertThat(Micros.truncate(t)).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    assertThat(Micros.floor(t)).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    assertThat(Micros.truncate(null)).isNull();
  }

  @Test
  void ofRoundsDownAndCeilRoundsUp() {
    Instant t = Instant.ofEpochSecond(10, 1_500);
    assertThat(Micros.of(t)).isEqualTo(10_000_001L);
    assertThat(Micros.ceil(t)).isEqualTo(10_000_002L);
    Instant exact = Instant.ofEpochSecond(10, 2_000);
    assertThat(Micros.of(exact)).isEqualTo(10_000_002L);
    assertThat(Micros.ceil(exact)).isEqualTo(10_000_002L);
  }

  @Test
  void beforeTheEpochTheCountIsNegativeAndRoundTrips() {
    Instant t = Instant.parse("1969-12-31T23:59:59.999999Z");
    assertThat(Micros.of(t)).isEqualTo(-1L);
    assertThat(Micros.toInstant(-1L)).isEqualTo(t);
    assertThat(Micros.toInstant(Micros.of(Instant.parse("2026-05-06T07:08:09.000001Z"))))
        .isEqualTo(Instant.parse("2026-05-06T07:08:09.000001Z"));
  }

  @Test
  void instantsBeyondALongOfMicrosecondsSaturate() {
    assertThat(Micros.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(Micros.of(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(Micros.ceil(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(Micros.plus(Long.MAX_VALUE - 1, Duration.ofSeconds(1))).isEqualTo(Long.MAX_VALUE);
    assertThat(Micros.plus(0, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(Micros.plus(5, Duration.ofNanos(2_999))).isEqualTo(7L);
  }

  @Test
  void pxMillisRoundsUpToAtLeastOneMillisecond() {
    assertThat(Micros.pxMillis(Duration.ofNanos(1))).isEqualTo(1L);
    assertThat(Micros.pxMillis(Duration.ZERO)).isEqualTo(1L);
    assertThat(Micros.pxMillis(Duration.ofMillis(1500))).isEqualTo(1500L);
    assertThat(Micros.pxMillis(Duration.ofMillis(1500).plusNanos(1))).isEqualTo(1501L);
    assertThat(Micros.pxMillis(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE / 4);
  }
}
