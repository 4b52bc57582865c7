package io.cordum.core.internal.scheduler;

import io.cordum.api.InvalidTransitionException;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ways a job's handling ends, shared by submits, results and timers: finish it (terminal state,
 * reason, dead-letter record), retry a failed attempt after its backoff, or defer it while it
 * cannot be scheduled. Every write is a compare-and-set on the record version the caller read; a
 * {@link io.cordum.api.ConflictException} means someone else moved the job and the caller must read
 * it again.
 */
final class JobOutcomes {
  private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

  private final SchedulerContext ctx;
  private final DeadLetters deadLetters;
  // Jobs this replica put back to wait (counted once their timer is stored): the early wake-up
  // of waiting jobs scans the store only when this moved since a scan that found none.
  private final java.util.concurrent.atomic.AtomicLong deferrals =
      new java.util.concurrent.atomic.AtomicLong();

  JobOutcomes(SchedulerContext ctx) {
    this.ctx = ctx;
    this.deadLetters = new DeadLetters(ctx);
  }

  /**
   * Ends the job in a terminal state. Anything but SUCCEEDED also emits a dead-letter record.
   *
   * @param extra the transition, with the caller's expectation (state or version) and anything to
   *     record along (result pointer, worker, decision)
   */
  JobRecord finish(JobRecord rec, Transition.Builder extra, String code, String reason) {
    Transition t = extra.reason(code, reason).build();
    if (!t.to().isTerminal()) {
      throw new IllegalArgumentException("not a terminal state: " + t.to());
    }
    JobRecord done = ctx.store().transition(rec.id(), t);
    if (done.state() != JobState.SUCCEEDED) {
      // Before the terminal notice, so whoever awaits the job finds its DLQ entry.
      deadLetters.emit(done, code, reason);
    }
    finished(done);
    return done;
  }

  /** Bookkeeping after a terminal transition made here. */
  void finished(JobRecord done) {
    ctx.inflight().finished(done.id());
    ctx.metrics()
        .completed(
            done.topic().isEmpty() ? "unknown" : done.topic(), done.state().toStatus().protoName());
    if (ctx.watcher() != null) {
      ctx.watcher().announce(done);
    }
  }

  /**
   * An attempt failed or timed out: go back to PENDING for a retry after the backoff if the job has
   * retries left and the code is retryable, else finish it in {@code outcome}.
   */
  JobRecord attemptFailed(
      JobRecord rec, JobState outcome, String code, String reason, Transition.Builder extra) {
    int maxRetries = maxRetries(rec);
    boolean retryable = !ctx.config().retryPolicy().nonRetryableErrorCodes().contains(code);
    if (retryable && rec.attempts() <= maxRetries) {
      Duration backoff = ctx.config().retryPolicy().backoff(Math.max(1, rec.attempts()));
      Transition partial = extra.build();
      Transition.Builder retry =
          Transition.to(JobState.PENDING)
              .expectedState(partial.expectedState())
              .expectedVersion(partial.expectedVersion())
              .wakeAt(ctx.now().plus(backoff))
              .reason(
                  code,
                  reason
                      + " (attempt "
                      + rec.attempts()
                      + " of "
                      + (maxRetries + 1)
                      + ", retrying in "
                      + backoff.toMillis()
                      + "ms)");
      retry.resultPtr(partial.resultPtr()).workerId(partial.workerId());
      JobRecord next = ctx.store().transition(rec.id(), retry.build());
      ctx.inflight().finished(rec.id());
      ctx.metrics().retried(rec.topic());
      log.info(
          "job {} attempt {} ended {} ({}); retry in {}",
          rec.id(),
          rec.attempts(),
          outcome,
          code,
          backoff);
      return next;
    }
    String why =
        maxRetries > 0
            ? reason + " (attempt " + rec.attempts() + " of " + (maxRetries + 1) + ")"
            : reason;
    return finish(rec, extra, code, why);
  }

  /**
   * The job's worker was lost (it stopped heartbeating, or no longer holds the job): the attempt
   * never reported, so it runs again at once, up to {@link SchedulerConfig#workerLostRetries()}
   * times beyond the retry policy's retries; after that the job fails with {@code worker_lost} (a
   * job that kills every worker it lands on must not take the pool down forever). Call with the
   * job's lease held and the record read under it.
   */
  JobRecord attemptLost(JobRecord rec, String reason) {
    int allowed = maxRetries(rec) + ctx.config().workerLostRetries();
    Transition.Builder base = Transition.to(JobState.FAILED).expectedVersion(rec.version());
    if (rec.attempts() > allowed) {
      return finish(
          rec,
          base,
          ReasonCodes.WORKER_LOST,
          reason + " (attempt " + rec.attempts() + " of " + (allowed + 1) + ")");
    }
    JobRecord next =
        ctx.store()
            .transition(
                rec.id(),
                Transition.to(JobState.PENDING)
                    .expectedVersion(rec.version())
                    .wakeAt(ctx.now())
                    .reason(
                        ReasonCodes.WORKER_LOST,
                        reason
                            + " (attempt "
                            + rec.attempts()
                            + " of "
                            + (allowed + 1)
                            + ", running it again)")
                    .build());
    ctx.inflight().finished(rec.id());
    ctx.metrics().retried(rec.topic());
    ctx.metrics().deferred(ReasonCodes.WORKER_LOST);
    log.warn("job {} attempt {}: {}; running it again", rec.id(), rec.attempts(), reason);
    return next;
  }

  /**
   * The job cannot be scheduled now (no workers, overloaded, tenant limit, throttled): look at it
   * again after {@code delay}, or fail it once it has waited longer than the scheduling wait
   * (counted from when it last entered its state). Call with the job's lease held and a fresh
   * record.
   */
  void defer(JobRecord rec, String code, String reason, Duration delay) {
    Instant now = ctx.now();
    Duration waited = Duration.between(rec.updatedAt(), now);
    if (waited.compareTo(ctx.config().maxSchedulingWait()) >= 0) {
      finish(
          rec,
          Transition.to(JobState.FAILED).expectedVersion(rec.version()),
          code,
          reason + " (gave up after waiting " + waited.toSeconds() + "s)");
      return;
    }
    // No version check: a concurrent cancel makes the job terminal and the store then writes
    // nothing; other writers hold the job's lease.
    ctx.store().setTimer(rec.id(), now.plus(delay), code, reason, -1);
    deferrals.incrementAndGet(); // after the timer is stored: a scan that reads it sees the job
    ctx.metrics().deferred(code);
    log.debug("job {} deferred {}: {}", rec.id(), delay, reason);
  }

  /** How many jobs this replica has deferred so far. */
  long deferrals() {
    return deferrals.get();
  }

  /** Tells workers to stop a job (best effort). */
  void cancelOnWorkers(String jobId, String reason) {
    try {
      ctx.bus()
          .publish(
              Subjects.CANCEL,
              BusPacket.of(
                  jobId,
                  SchedulerContext.SENDER,
                  ctx.now(),
                  JobCancel.builder()
                      .jobId(jobId)
                      .reason(reason)
                      .requestedBy(SchedulerContext.SENDER)
                      .build()));
    } catch (RuntimeException e) {
      log.warn("cancel of job {} not published: {}", jobId, e.toString());
    }
  }

  /** Whether an exception means the job already moved on (a race we lost, not an error). */
  static boolean lostRace(RuntimeException e) {
    return e instanceof InvalidTransitionException;
  }

  /** Retries allowed for a job: policy constraint, else topic setting, else the policy default. */
  int maxRetries(JobRecord rec) {
    if (rec.safety() != null) {
      PolicyConstraints c = rec.safety().constraints();
      BudgetConstraints b = c == null ? null : c.budgets();
      if (b != null && b.maxRetries() > 0) {
        return b.maxRetries();
      }
    }
    return ctx.timeouts()
        .maxRetriesFor(rec.topic())
        .orElse(ctx.config().retryPolicy().maxRetries());
  }
}
