package io.cordum.api;

/**
 * A configured limit would be exceeded, such as a tenant's concurrent workflow runs ({@code
 * limits.max_concurrent_runs}). Nothing was done; the same call may succeed once usage drops, so
 * the exception is retryable. An HTTP gateway answers 429.
 */
public final class LimitExceededException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final long max;
  private final long current;

  /**
   * Creates the exception.
   *
   * @param limit the limit's name, such as {@code max_concurrent_runs}
   * @param max the configured maximum
   * @param current the usage found
   * @param message what was refused and why
   */
  public LimitExceededException(String limit, long max, long current, String message) {
    super("limit_exceeded", message, true, null);
    this.limit = limit;
    this.max = max;
    this.current = current;
  }

  /** The limit's name, such as {@code max_concurrent_runs}. */
  public String limit() {
    return limit;
  }

  /** The configured maximum. */
  public long max() {
    return max;
  }

  /** The usage found when the call was refused. */
  public long current() {
    return current;
  }
}
