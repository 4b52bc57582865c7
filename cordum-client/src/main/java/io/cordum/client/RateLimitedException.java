package io.cordum.client;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The gateway refused the request for now (429): the key sent too many requests, or a tenant limit
 * (such as concurrent runs) is reached. The client already retried what it may retry (see {@link
 * RetryPolicy}); {@link #retryAfter()} says when the gateway suggests trying again.
 */
public class RateLimitedException extends CordumClientException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /** Creates the exception (see {@link CordumClientException}). */
  public RateLimitedException(
      int status,
      String errorCode,
      String detail,
      String requestId,
      String method,
      String path,
      @Nullable Duration retryAfter) {
    super(status, errorCode, detail, requestId, method, path, null);
    this.retryAfter = retryAfter;
  }

  /** The wait the gateway asked for ({@code Retry-After}), when it named one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
