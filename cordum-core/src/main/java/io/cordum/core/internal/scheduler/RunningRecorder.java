package io.cordum.core.internal.scheduler;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records dispatched jobs RUNNING, but only those still without a result {@link
 * io.cordum.core.scheduler.SchedulerConfig#runningRecordDelay()} after their dispatch: most jobs
 * are short, and for them the RUNNING write was a store write per job that nothing read (issue 13).
 *
 * <p>Safe by construction: the write is a compare-and-set on the claim this replica wrote (state
 * SCHEDULED, at the version of a record that is still that attempt: a write that kept the attempt,
 * such as a duplicate submit's save, makes it read the job and try again), so it never touches a
 * job that moved on (a result, a cancel, a failed publish, a later attempt). Skipping it is what
 * needs care: it is skipped only when this replica recorded the job's result (or found it ended),
 * and a result seen on the bus but handled elsewhere only makes the write read the job first. Until
 * the write, the job keeps its dispatch timer; a job whose replica stopped before the write has its
 * pending writes made at once on close ({@link #flush()}), and one whose replica died is resumed by
 * that timer, as a job whose replica died before writing RUNNING always was.
 */
final class RunningRecorder {
  private static final Logger log = LoggerFactory.getLogger(RunningRecorder.class);

  private static final int MAX_CONFLICTS = 8;

  private final SchedulerContext ctx;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

  RunningRecorder(SchedulerContext ctx) {
    this.ctx = ctx;
  }

  /** One dispatched attempt whose RUNNING is not written yet. */
  final class Pending implements Runnable {
    final JobRecord scheduled;
    private final String topic;
    private final Instant dispatchedAt;
    private final @Nullable String workerId;
    private volatile @Nullable Future<?> task;
    // A result for the job was seen on the bus (handled here or elsewhere): read before writing.
    private volatile boolean resultSeen;
    private boolean done; // guarded by this
    private @Nullable JobRecord running; // guarded by this

    Pending(JobRecord scheduled, String topic, Instant dispatchedAt, @Nullable String workerId) {
      this.scheduled = scheduled;
      this.topic = topic;
      this.dispatchedAt = dispatchedAt;
      this.workerId = workerId;
    }

    @Override
    public void run() {
      write();
    }

    /** Writes RUNNING unless done already; the record written, or {@code null}. */
    synchronized @Nullable JobRecord write() {
      if (done) {
        return running;
      }
      done = true;
      pending.remove(scheduled.id(), this);
      if (resultSeen && !stillClaimed()) {
        return null;
      }
      running = markRunning();
      return running;
    }

    /**
     * Ends this entry without a write, for a dispatch being undone: the latest record this replica
     * wrote of the attempt (RUNNING if written, else the claim).
     */
    synchronized JobRecord close() {
      done = true;
      cancelTask();
      pending.remove(scheduled.id(), this);
      JobRecord r = running;
      return r != null ? r : scheduled;
    }

    private synchronized void resolve() {
      done = true;
      cancelTask();
    }

    private void cancelTask() {
      Future<?> t = task;
      if (t != null) {
        t.cancel(false);
      }
    }

    private boolean stillClaimed() {
      try {
        return ctx.store().get(scheduled.id()).filter(this::isThisAttempt).isPresent();
      } catch (BackendException e) {
        return true; // the write decides (and fails the same way, or not)
      }
    }

    /** Whether {@code r} is still this claimed attempt, not yet recorded RUNNING. */
    boolean isThisAttempt(JobRecord r) {
      return r.state() == JobState.SCHEDULED && r.attempts() == scheduled.attempts();
    }

    private @Nullable JobRecord markRunning() {
      String id = scheduled.id();
      long version = scheduled.version();
      try {
        for (int i = 0; i < MAX_CONFLICTS; i++) {
          try {
            // The worker is recorded (blank for a pool topic: any member may have it), so the
            // liveness sweep knows whose heartbeats to watch for this job. The running timeout
            // counts from the dispatch, not from this write.
            return ctx.store()
                .transition(
                    id,
                    Transition.to(JobState.RUNNING)
                        .expectedState(JobState.SCHEDULED)
                        .expectedVersion(version)
                        .workerId(workerId == null ? "" : workerId)
                        .wakeAt(dispatchedAt.plus(ctx.timeouts().runningTimeoutFor(topic)))
                        .build());
          } catch (ConflictException e) {
            Optional<JobRecord> now = ctx.store().get(id).filter(this::isThisAttempt);
            if (now.isEmpty()) {
              log.debug("job {} moved on before RUNNING was recorded: {}", id, e.getMessage());
              return null;
            }
            version = now.get().version(); // rewritten, same attempt (a duplicate's save)
          }
        }
      } catch (InvalidTransitionException e) {
        log.debug("job {} moved on before RUNNING was recorded: {}", id, e.getMessage());
      } catch (BackendException e) {
        // It keeps its dispatch timer, which the timer loop handles.
        log.warn("job {} dispatched but its state could not be recorded: {}", id, e.toString());
      }
      return null;
    }
  }

  /**
   * A claimed attempt was handed to the bus at {@code dispatchedAt}: RUNNING is written after the
   * delay in force (at once when it is zero, or when the executor takes no more tasks).
   */
  Pending dispatched(
      JobRecord scheduled, String topic, Instant dispatchedAt, @Nullable String workerId) {
    Pending p = new Pending(scheduled, topic, dispatchedAt, workerId);
    Duration delay = ctx.config().runningRecordDelay(ctx.timeouts());
    if (delay.isZero()) {
      p.write();
      return p;
    }
    Pending before = pending.put(scheduled.id(), p);
    if (before != null) {
      before.resolve(); // an older attempt's entry: its write could only conflict
    }
    try {
      p.task = ctx.executor().schedule(p, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      p.write();
    }
    return p;
  }

  /** The job's entry, if its RUNNING is still to be written. */
  @Nullable Pending pendingFor(String jobId) {
    return pending.get(jobId);
  }

  /**
   * This replica recorded the job's outcome (or found it ended) after taking {@code p} from {@link
   * #pendingFor}: the attempt of {@code p} moved on, so its write is skipped.
   */
  void resolved(@Nullable Pending p) {
    if (p != null && pending.remove(p.scheduled.id(), p)) {
      p.resolve();
    }
  }

  /**
   * The dispatch timer of {@code rec} fired while this replica still has its RUNNING write pending
   * (the write came late, as with a clock that runs ahead in tests): the job is merely unrecorded,
   * so it is recorded now rather than published again.
   *
   * @return whether the job was this replica's pending attempt (written now, or found moved on)
   */
  boolean recordNowIfPending(JobRecord rec) {
    Pending p = pending.get(rec.id());
    if (p == null || !p.isThisAttempt(rec)) {
      return false;
    }
    p.cancelTask();
    p.write();
    return true;
  }

  /** A result for the job was seen on the bus: its write, if still due, reads the job first. */
  void resultSeen(String jobId) {
    Pending p = pending.get(jobId);
    if (p != null) {
      p.resultSeen = true;
    }
  }

  /** The replica is stopping: every pending RUNNING is written now. */
  void flush() {
    for (Pending p : pending.values()) {
      p.cancelTask();
      p.write();
    }
  }

  /** How many jobs wait for their RUNNING write (for tests). */
  int pendingCount() {
    return pending.size();
  }
}
