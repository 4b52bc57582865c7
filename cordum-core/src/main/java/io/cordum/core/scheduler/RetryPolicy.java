package io.cordum.core.scheduler;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.Set;

/**
 * How the scheduler retries a job whose attempt failed or timed out: up to {@link #maxRetries()}
 * more attempts, waiting {@code initialBackoff * multiplier^(attempt-1)} (capped at {@link
 * #maxBackoff()}) before each. A worker error code listed in {@link #nonRetryableErrorCodes()}
 * fails the job at once.
 *
 * <p>The count can be overridden per topic ({@code timeouts.yaml}) and by policy ({@code
 * max_retries} budget constraint); the first that is set wins, policy first.
 *
 * @param maxRetries retries after the first attempt; 0 (the default) never retries
 * @param initialBackoff wait before the first retry (default 1 s)
 * @param multiplier growth of the wait per retry (default 2)
 * @param maxBackoff the longest wait (default 60 s)
 * @param nonRetryableErrorCodes worker error codes that are never retried
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    Set<String> nonRetryableErrorCodes) {

  /** No retries. */
  public static final RetryPolicy NONE = builder().build();

  /** Validates the values. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new ValidationException("maxRetries", "must be >= 0, was " + maxRetries);
    }
    if (initialBackoff.isNegative()) {
      throw new ValidationException(
          "initialBackoff", "must not be negative, was " + initialBackoff);
    }
    if (maxBackoff.isNegative()) {
      throw new ValidationException("maxBackoff", "must not be negative, was " + maxBackoff);
    }
    if (!(multiplier >= 1.0)) { // also rejects NaN
      throw new ValidationException("multiplier", "must be >= 1, was " + multiplier);
    }
    nonRetryableErrorCodes = Set.copyOf(nonRetryableErrorCodes);
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, retry <= 1 ? 0 : retry - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RetryPolicy} values. */
  public static final class Builder {
    private int maxRetries;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private double multiplier = 2.0;
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Set<String> nonRetryable = Set.of();

    private Builder() {}

    /** Retries after the first attempt. */
    public Builder maxRetries(int v) {
      this.maxRetries = v;
      return this;
    }

    /** Wait before the first retry. */
    public Builder initialBackoff(Duration v) {
      this.initialBackoff = v;
      return this;
    }

    /** Growth of the wait per retry. */
    public Builder multiplier(double v) {
      this.multiplier = v;
      return this;
    }

    /** The longest wait. */
    public Builder maxBackoff(Duration v) {
      this.maxBackoff = v;
      return this;
    }

    /** Worker error codes that are never retried. */
    public Builder nonRetryableErrorCodes(String... codes) {
      this.nonRetryable = Set.of(codes);
      return this;
    }

    /** Builds the policy. */
    public RetryPolicy build() {
      return new RetryPolicy(maxRetries, initialBackoff, multiplier, maxBackoff, nonRetryable);
    }
  }
}
