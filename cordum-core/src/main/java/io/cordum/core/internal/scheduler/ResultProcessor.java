package io.cordum.core.internal.scheduler;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.InvalidTransitionException;
import io.cordum.api.RetryLaterException;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.core.scheduler.ReasonCodes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result path. Lock-free: each result is one compare-and-set on the version it read, retried
 * when another writer got there first. Duplicate and late results find the job terminal (or back in
 * PENDING for a retry) and are dropped; a result for an unknown job is dropped with a warning
 * instead of being redelivered forever (under JetStream a NAK would bring it back endlessly).
 */
final class ResultProcessor {
  private static final Logger log = LoggerFactory.getLogger(ResultProcessor.class);
  private static final int MAX_CONFLICTS = 16;

  /** The error code of a Java worker's result for a job cut short by its shutdown. */
  static final String WORKER_STOPPED = "worker_stopped";

  private final SchedulerContext ctx;
  private final JobOutcomes outcomes;
  private final RunningRecorder running;

  ResultProcessor(SchedulerContext ctx, JobOutcomes outcomes, RunningRecorder running) {
    this.ctx = ctx;
    this.outcomes = outcomes;
    this.running = running;
  }

  void onResult(JobResult res) {
    String id = res.jobId().trim();
    if (id.isEmpty()) {
      log.warn("job result without job_id dropped (worker \"{}\")", res.workerId());
      return;
    }
    JobState target = JobState.fromTerminalStatus(res.status());
    if (target == null) {
      if (res.status() == JobStatus.PENDING
          || res.status() == JobStatus.SCHEDULED
          || res.status() == JobStatus.DISPATCHED
          || res.status() == JobStatus.RUNNING) {
        // A non-terminal status is a progress hint, not a failure: the worker is still at it.
        log.debug(
            "result for job {} with non-terminal status {} taken as progress", id, res.status());
        return;
      }
      target = JobState.FAILED;
    }
    // Taken before any write: once the outcome is recorded, this attempt's RUNNING write (if
    // still due) is skipped; an entry of a later dispatch is left alone.
    RunningRecorder.Pending unrecorded = running.pendingFor(id);
    try {
      if (target == JobState.SUCCEEDED && succeedBlind(id, res)) {
        running.resolved(unrecorded);
        return;
      }
      for (int i = 0; i < MAX_CONFLICTS; i++) {
        if (apply(id, target, res)) {
          running.resolved(unrecorded);
          return;
        }
      }
    } catch (BackendException e) {
      throw new RetryLaterException(ctx.config().storeErrorDelay(), "store unavailable", e);
    }
    throw new RetryLaterException(
        ctx.config().lockBusyDelay(),
        "result for job " + id + " kept conflicting with other writers");
  }

  /**
   * The common case in one store write, without reading first: a success for a job that was
   * dispatched needs no retry decision, whether it was recorded RUNNING or is still SCHEDULED (a
   * short job: RUNNING is written only for jobs without a result a moment after their dispatch).
   * Any other state (a duplicate, a job sent back to PENDING, an unknown job) fails the expectation
   * and takes the reading path.
   */
  private boolean succeedBlind(String id, JobResult res) {
    try {
      JobRecord done =
          ctx.store()
              .transition(
                  id,
                  Transition.to(JobState.SUCCEEDED)
                      .expectedStates(JobState.RUNNING, JobState.SCHEDULED)
                      .resultPtr(res.resultPtr().isEmpty() ? null : res.resultPtr())
                      .workerId(res.workerId().isEmpty() ? null : res.workerId())
                      .reason("", "")
                      .build());
      outcomes.finished(done);
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  /** One attempt; {@code false} when the record changed under us and must be read again. */
  private boolean apply(String id, JobState target, JobResult res) {
    Optional<JobRecord> found = ctx.store().get(id);
    if (found.isEmpty()) {
      log.warn("result {} for unknown job {} dropped", res.status(), id);
      return true;
    }
    JobRecord rec = found.get();
    if (rec.isTerminal()) {
      log.debug("duplicate result for job {} (already {}) dropped", id, rec.state());
      return true;
    }
    if (rec.state() == JobState.PENDING || rec.state() == JobState.APPROVAL_REQUIRED) {
      log.warn(
          "result {} for job {} in state {} dropped (late result of an earlier attempt)",
          res.status(),
          id,
          rec.state());
      return true;
    }
    Transition.Builder t =
        Transition.to(target)
            .expectedVersion(rec.version())
            .resultPtr(res.resultPtr().isEmpty() ? null : res.resultPtr())
            .workerId(res.workerId().isEmpty() ? null : res.workerId());
    try {
      if (target == JobState.FAILED && WORKER_STOPPED.equals(res.errorCode().trim())) {
        // Cut short by its worker's shutdown, not failed by its handler: run it elsewhere.
        outcomes.attemptLost(
            rec, "worker " + res.workerId() + " shut down before the job" + " finished");
        return true;
      }
      switch (target) {
        case SUCCEEDED -> outcomes.finished(ctx.store().transition(id, t.reason("", "").build()));
        case FAILED, TIMEOUT -> outcomes.attemptFailed(rec, target, code(res), message(res), t);
        default -> outcomes.finish(rec, t, code(res), message(res));
      }
      return true;
    } catch (ConflictException e) {
      return false;
    } catch (InvalidTransitionException e) {
      log.warn("result for job {} dropped: {}", id, e.getMessage());
      return true;
    }
  }

  private static String code(JobResult res) {
    if (!res.errorCode().isBlank()) {
      return res.errorCode().trim();
    }
    return switch (res.status()) {
      case CANCELLED -> ReasonCodes.CANCELLED;
      case TIMEOUT -> "worker_timeout";
      case DENIED -> "worker_denied";
      default -> ReasonCodes.WORKER_FAILED;
    };
  }

  private static String message(JobResult res) {
    return res.errorMessage().isBlank()
        ? "worker reported " + res.status().protoName()
        : res.errorMessage();
  }
}
