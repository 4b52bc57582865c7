package io.cordum.core.internal.scheduler;

import io.cordum.api.lock.Lease;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-job lease that serialises the handling of one job across threads and replicas (key {@code
 * cordum:scheduler:job:<id>}). Only the holder can release it, so a slow holder whose lease lapsed
 * cannot free someone else's.
 */
final class JobLease {
  private static final Logger log = LoggerFactory.getLogger(JobLease.class);

  private final SchedulerContext ctx;

  JobLease(SchedulerContext ctx) {
    this.ctx = ctx;
  }

  /** Runs the action holding the job's lease; returns {@code false} if someone else holds it. */
  boolean run(String jobId, Runnable action) {
    Optional<Lease> lease = ctx.leases().tryAcquire(key(jobId), ctx.config().leaseTtl());
    if (lease.isEmpty()) {
      return false;
    }
    try {
      action.run();
      return true;
    } finally {
      try {
        if (!ctx.leases().release(lease.get())) {
          log.warn("lease of job {} lapsed before its handling finished", jobId);
        }
      } catch (RuntimeException e) {
        log.warn("release of job {}'s lease failed (it lapses by itself): {}", jobId, e.toString());
      }
    }
  }

  static String key(String jobId) {
    return "cordum:scheduler:job:" + jobId;
  }
}
