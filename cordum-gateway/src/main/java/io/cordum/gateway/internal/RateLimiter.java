package io.cordum.gateway.internal;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key, applied after authentication so that anonymous traffic cannot spend a key
 * holder's allowance (Cordum had one global bucket before auth). Implemented as GCRA: one atomic
 * "theoretical arrival time" per key, so a check is a compare-and-set, no lock.
 *
 * <p>The map is bounded: when it grows past {@value #MAX_KEYS} keys, keys whose bucket is full
 * again are dropped (they are indistinguishable from new ones).
 */
public final class RateLimiter {
  static final int MAX_KEYS = 10_000;

  private final long intervalNanos;
  private final long toleranceNanos;
  private final InstantSource clock;
  private final Map<String, AtomicLong> tat = new ConcurrentHashMap<>();

  /**
   * Creates a limiter.
   *
   * @param perSecond the sustained rate per key (0 or less: no limit)
   * @param burst the most requests a key may send at once
   */
  public RateLimiter(double perSecond, int burst, InstantSource clock) {
    this.intervalNanos = perSecond <= 0 ? 0 : Math.max(1, (long) (1e9 / perSecond));
    this.toleranceNanos = intervalNanos * Math.max(0, burst - 1L);
    this.clock = clock;
  }

  /**
   * Takes one token for the key.
   *
   * @return {@link Duration#ZERO} when allowed, else how long until a token is available
   */
  public Duration acquire(String key) {
    if (intervalNanos == 0) {
      return Duration.ZERO;
    }
    long now = nanos();
    AtomicLong t = tat.get(key);
    if (t == null) {
      if (tat.size() >= MAX_KEYS) {
        evictFull(now);
      }
      t = tat.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
    }
    while (true) {
      long cur = t.get();
      long start = Math.max(cur, now);
      if (start - now > toleranceNanos) {
        return Duration.ofNanos(start - now - toleranceNanos);
      }
      if (t.compareAndSet(cur, start + intervalNanos)) {
        return Duration.ZERO;
      }
    }
  }

  private void evictFull(long now) {
    tat.entrySet().removeIf(e -> e.getValue().get() <= now);
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** How many keys are tracked (for tests). */
  int size() {
    return tat.size();
  }
}
