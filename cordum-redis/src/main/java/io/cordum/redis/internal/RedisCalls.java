package io.cordum.redis.internal;

import io.cordum.api.BackendException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Redis commands, turning every Jedis failure (connection refused, timeout, pool exhausted or
 * closed, server error) into a retryable {@link BackendException}, so that no Jedis type leaks out
 * of a store.
 */
public final class RedisCalls {
  private RedisCalls() {}

  /** Runs {@code op}; {@code what} names the operation in the exception message. */
  public static <T> T call(String what, Supplier<T> op) {
    try {
      return op.get();
    } catch (JedisException e) {
      throw failure(what, e);
    } catch (IllegalStateException e) { // a closed pool or client
      throw new BackendException(
          "redis: " + what + " failed: " + e.getMessage() + " (was the Redis client closed?)", e);
    }
  }

  /** The exception for a failed operation. */
  public static BackendException failure(String what, Exception e) {
    return new BackendException(
        "redis: "
            + what
            + " failed: "
            + e.getMessage()
            + " (check that Redis is reachable; the operation can be retried)",
        e);
  }
}
