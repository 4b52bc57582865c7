package io.cordum.api.workflow;

import java.time.Duration;

/**
 * A step's retry policy ({@code retry}). A failed attempt is retried while {@code attempts <=
 * maxRetries}, so {@code maxRetries = N} allows N+1 attempts. The wait before attempt {@code n+1}
 * is {@code initialBackoffSec * multiplier^(n-1)}, capped at {@code maxBackoffSec} when that is
 * positive, truncated to whole seconds and at least one second (as Cordum computes it, so
 * definitions written for it wait as long here), then shortened by up to {@code jitter} of itself
 * at random.
 *
 * @param maxRetries how many retries after the first attempt; 0 means none
 * @param initialBackoffSec the first wait; values below 1 mean 1
 * @param maxBackoffSec the cap on a wait; 0 or less means no cap
 * @param multiplier the growth of the wait per attempt; values of 1 or less mean 2 (Cordum's
 *     default, so definitions written for it wait as long here)
 * @param jitter the fraction (0..1) of a wait that may be taken off at random; 0 for none
 */
public record StepRetry(
    int maxRetries, long initialBackoffSec, long maxBackoffSec, double multiplier, double jitter) {

  /** Applies the defaults: initial at least 1 s, multiplier 2 when 1 or less, jitter in 0..1. */
  public StepRetry {
    maxRetries = Math.max(0, maxRetries);
    initialBackoffSec = initialBackoffSec <= 0 ? 1 : initialBackoffSec;
    maxBackoffSec = Math.max(0, maxBackoffSec);
    multiplier = multiplier <= 1 || Double.isNaN(multiplier) ? 2 : multiplier;
    jitter = Double.isNaN(jitter) ? 0 : Math.min(1, Math.max(0, jitter));
  }

  /** A policy of {@code maxRetries} retries with the default backoff (1 s, doubling). */
  public static StepRetry of(int maxRetries) {
    return new StepRetry(maxRetries, 1, 0, 2, 0);
  }

  /** Whether a step that has been dispatched {@code attempts} times may be dispatched again. */
  public boolean allows(int attempts) {
    return maxRetries > 0 && attempts <= maxRetries;
  }

  /**
   * The wait after the {@code attempts}-th attempt failed.
   *
   * @param random a number in [0, 1) that decides the jitter
   */
  public Duration backoff(int attempts, double random) {
    double secs = initialBackoffSec * Math.pow(multiplier, Math.max(0, attempts - 1));
    if (maxBackoffSec > 0 && secs > maxBackoffSec) {
      secs = maxBackoffSec;
    }
    long whole = Math.max(1, (long) Math.min(secs, Long.MAX_VALUE / 1000));
    long ms = whole * 1000;
    if (jitter > 0) {
      ms -= (long) (ms * jitter * Math.min(1, Math.max(0, random)));
    }
    return Duration.ofMillis(ms);
  }
}
