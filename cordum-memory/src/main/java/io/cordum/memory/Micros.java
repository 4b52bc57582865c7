package io.cordum.memory;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Microsecond time, the precision every store keeps (the same as Cordum's Redis scores). */
final class Micros {
  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  /** The clock's time, truncated to microseconds. */
  static Instant now(InstantSource clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The instant truncated to microseconds, or {@code null} for {@code null}. */
  static @Nullable Instant truncate(@Nullable Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /** Microseconds since the epoch, rounded down; saturates instead of overflowing. */
  static long of(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Microseconds since the epoch, rounded up (the first micro at or after {@code t}). */
  static long ceil(Instant t) {
    long floor = of(t);
    return t.getNano() % 1000 == 0 || floor == Long.MAX_VALUE ? floor : floor + 1;
  }
}
