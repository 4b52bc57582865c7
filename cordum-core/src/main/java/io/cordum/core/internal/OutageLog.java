package io.cordum.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Logs a failure that repeats on every tick (a store or bus outage) once when it starts, then at
 * most once per interval with the count so far, and once when it ends. A loop that runs every 200
 * ms would otherwise write five warnings a second for as long as Redis is down, and never say when
 * it came back.
 */
public final class OutageLog {
  private final Logger log;
  private final String what;
  private final InstantSource clock;
  private final Duration every;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Instant since;
  private @Nullable Instant lastLogged;
  private long failures;

  /**
   * @param log where to log
   * @param what what fails, as the log line should name it ({@code the scheduler's timer loop})
   * @param clock the time source (the control plane's, so tests can move it)
   * @param every the least time between two warnings of one outage
   */
  public OutageLog(Logger log, String what, InstantSource clock, Duration every) {
    this.log = log;
    this.what = what;
    this.clock = clock;
    this.every = every;
  }

  /** One more failure. */
  public void failed(Throwable e) {
    Instant now = clock.instant();
    lock.lock();
    try {
      failures++;
      if (since == null) {
        since = now;
        lastLogged = now;
        log.warn(
            "{} is failing: {} (retried on every tick; logged again at most every {}s,"
                + " and when it works again)",
            what,
            e.toString(),
            every.toSeconds());
      } else if (lastLogged == null || !now.isBefore(lastLogged.plus(every))) {
        lastLogged = now;
        log.warn(
            "{} is still failing after {}s ({} failures): {}",
            what,
            Duration.between(since, now).toSeconds(),
            failures,
            e.toString());
      } else {
        log.debug("{} failed again: {}", what, e.toString());
      }
    } finally {
      lock.unlock();
    }
  }

  /** A success; ends the outage (and logs that) if one was going on. */
  public void succeeded() {
    if (since == null) {
      return; // the common case: no lock
    }
    lock.lock();
    try {
      Instant start = since;
      if (start != null) {
        log.info(
            "{} works again after {}s ({} failures)",
            what,
            Duration.between(start, clock.instant()).toSeconds(),
            failures);
        since = null;
        lastLogged = null;
        failures = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether an outage is going on. */
  public boolean failing() {
    return since != null;
  }
}
