package io.cordum.api.internal.store;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Microsecond time, the precision every store keeps (the same as Cordum's Redis scores). */
public final class Micros {
  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  /** The clock's time, truncated to microseconds. */
  public static Instant now(InstantSource clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** The instant truncated to microseconds. */
  public static Instant floor(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  /** The instant truncated to microseconds, or {@code null} for {@code null}. */
  public static @Nullable Instant truncate(@Nullable Instant t) {
    return t == null ? null : floor(t);
  }

  /** Microseconds since the epoch, rounded down; saturates instead of overflowing. */
  public static long of(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano() / 1000);
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Microseconds since the epoch, rounded up (the first micro at or after {@code t}). */
  public static long ceil(Instant t) {
    long floor = of(t);
    return t.getNano() % 1000 == 0 || floor == Long.MAX_VALUE ? floor : floor + 1;
  }

  /** The instant of a count of microseconds since the epoch. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000);
  }

  /** Milliseconds of a duration, rounded up, at least 1 (a Redis PX / PEXPIRE argument). */
  public static long pxMillis(java.time.Duration d) {
    try {
      long ms = d.toMillis() + (d.getNano() % 1_000_000 == 0 ? 0 : 1);
      return Math.max(1, ms);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** {@code now + d} in microseconds, saturating. */
  public static long plus(long nowMicros, java.time.Duration d) {
    long add;
    try {
      add = Math.addExact(Math.multiplyExact(d.getSeconds(), PER_SECOND), d.getNano() / 1000);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
    try {
      return Math.addExact(nowMicros, add);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
