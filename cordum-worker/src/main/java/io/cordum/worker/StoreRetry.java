package io.cordum.worker;

import io.cordum.api.BackendException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a pointer-store call that failed with {@link BackendException} (the store is down or
 * unreachable) with exponential backoff, for at most a given time. A job whose output cannot be
 * written during a short Redis outage then still reports SUCCEEDED once Redis is back, instead of
 * FAILED with work that already ran. Runs on the job's own thread, which has nothing else to do.
 */
final class StoreRetry {
  private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
  private static final long FIRST_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final long budgetNanos;

  StoreRetry(Duration budget) {
    this.budgetNanos = budget.toNanos();
  }

  <T> T call(String what, String jobId, Supplier<T> op) {
    long start = System.nanoTime();
    long delay = FIRST_DELAY_NANOS;
    while (true) {
      try {
        return op.get();
      } catch (BackendException e) {
        long left = budgetNanos - (System.nanoTime() - start);
        if (left <= 0 || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        log.warn("{} of job {} failed, retrying: {}", what, jobId, e.getMessage());
        LockSupport.parkNanos(Math.min(delay, left));
        delay = Math.min(MAX_DELAY_NANOS, delay * 2);
      }
    }
  }
}
