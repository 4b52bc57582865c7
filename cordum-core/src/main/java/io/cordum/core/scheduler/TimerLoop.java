package io.cordum.core.scheduler;

import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.lock.Lease;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers stored on jobs, whichever replica gets to them first (each job under its
 * lease): a PENDING job's retry or deferral is dispatched; a SCHEDULED or DISPATCHED job past the
 * dispatch timeout, or a RUNNING job past its running timeout, has its attempt failed (retried or
 * TIMEOUT); a job past its budget deadline becomes TIMEOUT. Every scan interval it also replays
 * PENDING jobs without a timer that have waited longer than the dispatch timeout (submits lost on
 * an at-most-once bus), keeping their trace id (the original lost it).
 */
final class TimerLoop {
  private static final Logger log = LoggerFactory.getLogger(TimerLoop.class);
  static final String REPLAY_LEASE = "cordum:replayer:pending";

  private final SchedulerContext ctx;
  private final JobOutcomes outcomes;
  private final JobLease lease;
  private final SubmitProcessor submits;
  private final AtomicReference<Instant> nextReplay = new AtomicReference<>(Instant.MIN);
  private static final Set<String> CAPACITY_CODES = Set.of(ReasonCodes.NO_WORKERS,
      ReasonCodes.POOL_OVERLOADED, ReasonCodes.TENANT_LIMIT);
  private final AtomicInteger freed = new AtomicInteger();
  private final AtomicBoolean wakeScheduled = new AtomicBoolean();

  TimerLoop(SchedulerContext ctx, JobOutcomes outcomes, JobLease lease, SubmitProcessor submits) {
    this.ctx = ctx;
    this.outcomes = outcomes;
    this.lease = lease;
    this.submits = submits;
  }

  /** One pass over due timers, expired deadlines and (when due) the pending replay. */
  void tick() {
    Instant now = ctx.now();
    for (JobRecord r : ctx.store().dueTimers(now, ctx.config().batchSize())) {
      guarded(r.id(), () -> onTimer(r.id(), now));
    }
    for (JobRecord r : ctx.store().expiredDeadlines(now, ctx.config().batchSize())) {
      guarded(r.id(), () -> onDeadline(r.id()));
    }
    Instant replayAt = nextReplay.get();
    if (!now.isBefore(replayAt)
        && nextReplay.compareAndSet(replayAt, now.plus(ctx.config().timeouts().scanInterval()))) {
      replay(now);
    }
  }

  private void guarded(String jobId, Runnable r) {
    try {
      lease.run(jobId, r); // busy: another replica or thread has it; the timer stays due
    } catch (ConflictException | InvalidTransitionException e) {
      log.debug("job {} moved while its timer fired: {}", jobId, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("timer of job {} failed, will retry: {}", jobId, e.toString());
    }
  }

  /**
   * Capacity was freed (a result came in, a worker heartbeat): jobs waiting for workers, for a
   * pool that is not overloaded or for a tenant slot are tried now rather than when their timer
   * is due, one per freed slot, earliest first. Their stored timers stay the durable fallback.
   */
  void capacityFreed() {
    freed.incrementAndGet();
    if (wakeScheduled.compareAndSet(false, true)) {
      try {
        ctx.executor().execute(this::wakeWaiters);
      } catch (RuntimeException e) {
        wakeScheduled.set(false);
      }
    }
  }

  private void wakeWaiters() {
    wakeScheduled.set(false);
    int slots = freed.getAndSet(0);
    if (slots <= 0) {
      return;
    }
    try {
      Instant horizon = ctx.now().plus(ctx.config().noWorkersDelay());
      int woken = 0;
      for (JobRecord r : ctx.store().dueTimers(horizon, ctx.config().batchSize())) {
        if (woken >= slots) {
          break;
        }
        if (r.state() == JobState.PENDING && CAPACITY_CODES.contains(r.reasonCode())) {
          guarded(r.id(), () -> onTimer(r.id(), horizon));
          woken++;
        }
      }
    } catch (RuntimeException e) {
      log.debug("early wake-up of waiting jobs failed: {}", e.toString());
    }
  }

  /** Fires a job's timer if it is due by {@code dueBy} (later than now only for early wakes). */
  private void onTimer(String id, Instant dueBy) {
    Optional<JobRecord> found = ctx.store().get(id);
    if (found.isEmpty() || found.get().isTerminal() || found.get().wakeAt() == null
        || found.get().wakeAt().isAfter(dueBy)) {
      return; // fired elsewhere already
    }
    JobRecord rec = found.get();
    if (dueBy.isAfter(ctx.now()) && !(rec.state() == JobState.PENDING
        && CAPACITY_CODES.contains(rec.reasonCode()))) {
      return; // only capacity waits are cut short
    }
    switch (rec.state()) {
      case PENDING -> submits.dispatchStored(rec);
      case SCHEDULED, DISPATCHED -> timedOut(rec, ReasonCodes.DISPATCH_TIMEOUT,
          "no result within the dispatch timeout of "
              + ctx.config().timeouts().dispatchTimeout().toSeconds() + "s");
      case RUNNING -> timedOut(rec, ReasonCodes.RUNNING_TIMEOUT,
          "no result within the running timeout of "
              + ctx.config().timeouts().runningTimeoutFor(rec.topic()).toSeconds() + "s");
      default -> ctx.store().setTimer(id, null, null, null, rec.version());
    }
  }


  private void timedOut(JobRecord rec, String code, String reason) {
    outcomes.attemptFailed(rec, JobState.TIMEOUT, code, reason,
        Transition.to(JobState.TIMEOUT).expectedVersion(rec.version()));
    outcomes.cancelOnWorkers(rec.id(), reason);
  }

  private void onDeadline(String id) {
    Optional<JobRecord> found = ctx.store().get(id);
    Instant now = ctx.now();
    if (found.isEmpty() || found.get().isTerminal() || found.get().deadline() == null
        || found.get().deadline().isAfter(now)) {
      return;
    }
    JobRecord rec = found.get();
    String reason = "deadline " + rec.deadline() + " passed";
    outcomes.finish(rec, Transition.to(JobState.TIMEOUT).expectedVersion(rec.version()),
        ReasonCodes.DEADLINE_EXCEEDED, reason);
    outcomes.cancelOnWorkers(id, reason);
  }

  private void replay(Instant now) {
    Optional<Lease> held;
    try {
      held = ctx.leases().tryAcquire(REPLAY_LEASE,
          ctx.config().timeouts().scanInterval().multipliedBy(2));
    } catch (RuntimeException e) {
      log.warn("pending replay skipped: {}", e.toString());
      return;
    }
    if (held.isEmpty()) {
      return;
    }
    try {
      JobQuery q = JobQuery.builder().state(JobState.PENDING)
          .updatedBefore(now.minus(ctx.config().timeouts().dispatchTimeout()))
          .order(JobQuery.Order.OLDEST_FIRST).limit(ctx.config().batchSize()).build();
      for (JobRecord r : ctx.store().list(q).items()) {
        if (r.wakeAt() == null) {
          log.info("replaying job {} stuck in PENDING since {}", r.id(), r.updatedAt());
          guarded(r.id(), () -> ctx.store().get(r.id())
              .filter(x -> x.state() == JobState.PENDING && x.wakeAt() == null)
              .ifPresent(submits::dispatchStored));
        }
      }
    } catch (RuntimeException e) {
      log.warn("pending replay failed: {}", e.toString());
    } finally {
      try {
        ctx.leases().release(held.get());
      } catch (RuntimeException e) {
        log.debug("replay lease release failed: {}", e.toString());
      }
    }
  }
}
