package io.cordum.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When the client tries a request again. It retries only what is safe to repeat: reads and other
 * idempotent requests ({@code GET}, {@code PUT}, {@code DELETE}, and the {@code POST}s the gateway
 * treats as idempotent, such as cancel and policy checks), and requests that carry an idempotency
 * key (a keyed submit or run start). It retries them when the gateway answers 429 or 503, honouring
 * {@code Retry-After}, and when the connection fails. A request that could not be sent at all
 * (connection refused) is retried whatever its method, since the gateway never saw it.
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} to {@link #maxBackoff()} with jitter,
 * unless the gateway names one in {@code Retry-After}; a named wait longer than {@link
 * #maxRetryAfter()} is not waited for (the error is thrown at once), so a call never blocks longer
 * than {@code maxAttempts × maxRetryAfter}.
 */
public final class RetryPolicy {
  /** Three attempts, 200 ms doubling to 5 s, {@code Retry-After} honoured up to 30 s. */
  public static final RetryPolicy DEFAULT = builder().build();

  /** One attempt: nothing is retried. */
  public static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How many times a request is sent at most (1 = no retries). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The first wait when the gateway names none. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest computed wait. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The longest {@code Retry-After} the client waits for; a longer one ends the call. */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The wait before attempt {@code attempt + 1} when the gateway named none: exponential from
   * {@link #initialBackoff()}, capped, scaled by {@code jitter} (between 0.5 and 1).
   */
  Duration backoff(int attempt, double jitter) {
    long base = initialBackoff.toMillis();
    long ms = base << Math.min(attempt - 1, 20);
    ms = Math.min(ms, maxBackoff.toMillis());
    return Duration.ofMillis((long) (ms * Math.max(0.5, Math.min(1.0, jitter))));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxRetryAfter="
        + maxRetryAfter
        + '}';
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder() {}

    /** How many times a request is sent at most, at least 1 (default 3). */
    public Builder maxAttempts(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + v);
      }
      this.maxAttempts = v;
      return this;
    }

    /** The first computed wait (default 200 ms). */
    public Builder initialBackoff(Duration v) {
      this.initialBackoff = positive("initialBackoff", v);
      return this;
    }

    /** The longest computed wait (default 5 s). */
    public Builder maxBackoff(Duration v) {
      this.maxBackoff = positive("maxBackoff", v);
      return this;
    }

    /** The longest {@code Retry-After} waited for (default 30 s). */
    public Builder maxRetryAfter(Duration v) {
      this.maxRetryAfter = Objects.requireNonNull(v, "maxRetryAfter");
      if (v.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + v);
      }
      return this;
    }

    private static Duration positive(String name, Duration v) {
      Objects.requireNonNull(v, name);
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + v);
      }
      return v;
    }

    /** Builds the policy. */
    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff ("
                + maxBackoff
                + ") must not be shorter than initialBackoff ("
                + initialBackoff
                + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
