package io.cordum.core.internal.scheduler;

import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.lock.Lease;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the timers stored on jobs, whichever replica gets to them first (each job under its lease):
 * a PENDING job's retry or deferral is dispatched; a SCHEDULED or DISPATCHED job past the dispatch
 * timeout, or a RUNNING job past its running timeout, has its attempt failed (retried or TIMEOUT);
 * a job past its budget deadline becomes TIMEOUT. Every scan interval it also replays PENDING jobs
 * without a timer that have waited longer than the dispatch timeout (submits lost on an
 * at-most-once bus), keeping their trace id so the replayed job stays in its trace.
 */
final class TimerLoop {
  private static final Logger log = LoggerFactory.getLogger(TimerLoop.class);
  static final String REPLAY_LEASE = "cordum:replayer:pending";
  static final String LIVENESS_LEASE = "cordum:scheduler:liveness";
  private static final int MAX_REPLAY_PER_SCAN = 10_000;

  private final SchedulerContext ctx;
  private final JobOutcomes outcomes;
  private final JobLease lease;
  private final SubmitProcessor submits;
  private final AtomicReference<Instant> nextReplay = new AtomicReference<>(Instant.MIN);
  private static final Set<String> CAPACITY_CODES =
      Set.of(ReasonCodes.NO_WORKERS, ReasonCodes.POOL_OVERLOADED, ReasonCodes.TENANT_LIMIT);
  private final AtomicInteger freed = new AtomicInteger();
  private final AtomicBoolean wakeScheduled = new AtomicBoolean();
  // Early wake-ups run on the executor, outside any bus handler: the scheduler counts them as
  // work in flight, so that close() waits for them and none dispatches after the bus closed.
  private java.util.function.BooleanSupplier enter = () -> true;
  private Runnable exit = () -> {};

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
        && nextReplay.compareAndSet(replayAt, now.plus(ctx.timeouts().scanInterval()))) {
      replay(now);
      sweepRunning(now);
    }
  }

  /**
   * The liveness sweep (issue 12, defect 3): every scan interval, one replica (under a lease) looks
   * at every RUNNING job and runs it again if the worker it was dispatched to is gone or no longer
   * holds it, or, for a job published to its topic, if no listener of the topic holds it ({@link
   * WorkerLiveness}). Reads only: a listing of the RUNNING jobs, a page at a time; nothing is
   * written for jobs whose worker is fine.
   */
  private void sweepRunning(Instant now) {
    if (!ctx.liveness().canJudge(now)) {
      return;
    }
    Optional<Lease> held;
    try {
      held = ctx.leases().tryAcquire(LIVENESS_LEASE, ctx.timeouts().scanInterval().multipliedBy(2));
    } catch (RuntimeException e) {
      log.warn("liveness sweep skipped: {}", e.toString());
      return;
    }
    if (held.isEmpty()) {
      return;
    }
    try {
      String cursor = null;
      do {
        JobQuery.Builder q =
            JobQuery.builder()
                .state(JobState.RUNNING)
                .order(JobQuery.Order.OLDEST_FIRST)
                .limit(ctx.config().batchSize());
        if (cursor != null) {
          q.cursor(cursor);
        }
        var page = ctx.store().list(q.build());
        for (JobRecord r : page.items()) {
          WorkerLiveness.Verdict v =
              ctx.liveness()
                  .verdict(
                      r,
                      r.workerId().isEmpty()
                          ? ctx.strategy().poolsOf(r.topic())
                          : java.util.Set.of(),
                      now);
          if (v != WorkerLiveness.Verdict.KEEP) {
            guarded(r.id(), () -> lost(r, v));
          }
        }
        cursor = page.nextCursor();
      } while (cursor != null);
    } catch (RuntimeException e) {
      log.warn("liveness sweep failed: {}", e.toString());
    } finally {
      try {
        ctx.leases().release(held.get());
      } catch (RuntimeException e) {
        log.debug("liveness lease release failed: {}", e.toString());
      }
    }
  }

  /** Runs a lost job again if it is still the attempt the sweep judged. Lease held. */
  private void lost(JobRecord seen, WorkerLiveness.Verdict verdict) {
    Optional<JobRecord> found = ctx.store().get(seen.id());
    if (found.isEmpty() || found.get().version() != seen.version()) {
      return; // a result or another replica got there first
    }
    String reason;
    if (seen.workerId().isEmpty()) {
      reason =
          "no worker listening on "
              + seen.topic()
              + " holds the job, and none sent a"
              + " result within "
              + ctx.config().resultGrace().toSeconds()
              + "s";
    } else if (verdict == WorkerLiveness.Verdict.GONE) {
      reason =
          "worker "
              + seen.workerId()
              + " stopped heartbeating (last heard "
              + ctx.liveness().lastSeen(seen.workerId())
              + ")";
    } else {
      reason =
          "worker "
              + seen.workerId()
              + " no longer holds the job and sent no result within "
              + ctx.config().resultGrace().toSeconds()
              + "s";
    }
    JobRecord next = outcomes.attemptLost(found.get(), reason);
    if (next.state() == JobState.PENDING) {
      submits.dispatchStored(next); // now, not at the next tick: it has waited long enough
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
   * Capacity was freed (a result came in, a worker heartbeat): jobs waiting for workers, for a pool
   * that is not overloaded or for a tenant slot are tried now rather than when their timer is due,
   * one per freed slot, earliest first. Their stored timers stay the durable fallback.
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

  /** How early wake-ups enter and leave the scheduler's count of work in flight. */
  void guard(java.util.function.BooleanSupplier enter, Runnable exit) {
    this.enter = enter;
    this.exit = exit;
  }

  private void wakeWaiters() {
    wakeScheduled.set(false);
    int slots = freed.getAndSet(0);
    if (slots <= 0 || !enter.getAsBoolean()) {
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
    } finally {
      exit.run();
    }
  }

  /** Fires a job's timer if it is due by {@code dueBy} (later than now only for early wakes). */
  private void onTimer(String id, Instant dueBy) {
    Optional<JobRecord> found = ctx.store().get(id);
    if (found.isEmpty()
        || found.get().isTerminal()
        || found.get().wakeAt() == null
        || found.get().wakeAt().isAfter(dueBy)) {
      return; // fired elsewhere already
    }
    JobRecord rec = found.get();
    if (dueBy.isAfter(ctx.now())
        && !(rec.state() == JobState.PENDING && CAPACITY_CODES.contains(rec.reasonCode()))) {
      return; // only capacity waits are cut short
    }
    switch (rec.state()) {
      case PENDING -> submits.dispatchStored(rec);
      case SCHEDULED -> submits.resumeStale(rec);
      case DISPATCHED ->
          timedOut(
              rec,
              ReasonCodes.DISPATCH_TIMEOUT,
              "no result within the dispatch timeout of "
                  + ctx.timeouts().dispatchTimeout().toSeconds()
                  + "s");
      case RUNNING ->
          timedOut(
              rec,
              ReasonCodes.RUNNING_TIMEOUT,
              "no result within the running timeout of "
                  + ctx.timeouts().runningTimeoutFor(rec.topic()).toSeconds()
                  + "s");
      default -> ctx.store().setTimer(id, null, null, null, rec.version());
    }
  }

  private void timedOut(JobRecord rec, String code, String reason) {
    outcomes.attemptFailed(
        rec,
        JobState.TIMEOUT,
        code,
        reason,
        Transition.to(JobState.TIMEOUT).expectedVersion(rec.version()));
    outcomes.cancelOnWorkers(rec.id(), reason);
  }

  private void onDeadline(String id) {
    Optional<JobRecord> found = ctx.store().get(id);
    Instant now = ctx.now();
    if (found.isEmpty()
        || found.get().isTerminal()
        || found.get().deadline() == null
        || found.get().deadline().isAfter(now)) {
      return;
    }
    JobRecord rec = found.get();
    String reason = "deadline " + rec.deadline() + " passed";
    outcomes.finish(
        rec,
        Transition.to(JobState.TIMEOUT).expectedVersion(rec.version()),
        ReasonCodes.DEADLINE_EXCEEDED,
        reason);
    outcomes.cancelOnWorkers(id, reason);
  }

  private void replay(Instant now) {
    Optional<Lease> held;
    try {
      held = ctx.leases().tryAcquire(REPLAY_LEASE, ctx.timeouts().scanInterval().multipliedBy(2));
    } catch (RuntimeException e) {
      log.warn("pending replay skipped: {}", e.toString());
      return;
    }
    if (held.isEmpty()) {
      return;
    }
    try {
      // Every such job, a page at a time, so a burst of lost submits is replayed in one scan;
      // bounded per scan so one tick cannot run for ever.
      String cursor = null;
      int seen = 0;
      do {
        JobQuery.Builder q =
            JobQuery.builder()
                .state(JobState.PENDING)
                .updatedBefore(now.minus(ctx.timeouts().dispatchTimeout()))
                .order(JobQuery.Order.OLDEST_FIRST)
                .limit(ctx.config().batchSize());
        if (cursor != null) {
          q.cursor(cursor);
        }
        var page = ctx.store().list(q.build());
        for (JobRecord r : page.items()) {
          if (r.wakeAt() == null) {
            log.info("replaying job {} stuck in PENDING since {}", r.id(), r.updatedAt());
            guarded(
                r.id(),
                () ->
                    ctx.store()
                        .get(r.id())
                        .filter(x -> x.state() == JobState.PENDING && x.wakeAt() == null)
                        .ifPresent(submits::dispatchStored));
          }
        }
        seen += page.items().size();
        cursor = page.nextCursor();
      } while (cursor != null && seen < MAX_REPLAY_PER_SCAN);
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
