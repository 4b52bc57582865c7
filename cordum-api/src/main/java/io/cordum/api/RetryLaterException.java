package io.cordum.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by a bus message handler that cannot handle a message now but may later. The bus
 * redelivers the message after {@link #delay()}: JetStream with a NAK-with-delay, the in-memory and
 * core-NATS buses with a scheduled redelivery. A negative delay is clamped to zero.
 */
public final class RetryLaterException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final Duration delay;

  /** Creates the exception with the delay after which the message should be redelivered. */
  public RetryLaterException(Duration delay, String reason) {
    this(delay, reason, null);
  }

  /** Creates the exception with a delay, a reason and the underlying cause. */
  public RetryLaterException(Duration delay, String reason, @Nullable Throwable cause) {
    super("retry_later", "retry after " + clamp(delay).toMillis() + "ms: " + reason, true, cause);
    this.delay = clamp(delay);
  }

  private static Duration clamp(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** How long to wait before the message is delivered again; never negative. */
  public Duration delay() {
    return delay;
  }
}
