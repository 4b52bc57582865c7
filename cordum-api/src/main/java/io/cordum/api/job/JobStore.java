package io.cordum.api.job;

import io.cordum.api.Page;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Persists jobs: their state machine, request, metadata, timers and indexes.
 *
 * <p>Contract, the same on every implementation (and checked by the testkit's {@code
 * JobStoreContract}):
 *
 * <ul>
 *   <li>Every write is atomic: a state change and everything that goes with it (indexes, tenant
 *       active set, timer, deadline, history, decision) happen together or not at all.
 *   <li>A state change not allowed by {@link JobState#canTransition} throws {@link
 *       io.cordum.api.InvalidTransitionException} and writes nothing.
 *   <li>A failed expectation ({@link Transition#expectedState()}, {@link
 *       Transition#expectedVersion()}) throws {@link io.cordum.api.ConflictException} and writes
 *       nothing.
 *   <li>Records expire after the configured retention (7 days by default) from their last write; an
 *       expired job reads as absent.
 *   <li>A backend failure throws {@link io.cordum.api.BackendException} (retryable).
 * </ul>
 *
 * Times are stored with microsecond precision; the store takes "now" from its clock.
 */
public interface JobStore {

  /** The job's record, or empty if it does not exist (or has expired). */
  Optional<JobRecord> get(String jobId);

  /** The job's stored request, or empty if none was saved. */
  Optional<JobRequest> getRequest(String jobId);

  /**
   * Saves a job's request and the metadata derived from it (topic, tenant, team, principal, actor,
   * labels, ...), and adds the job to its trace. A new job is created in {@link JobState#PENDING};
   * an existing non-terminal job keeps its state, attempts, deadline and timer. A terminal job is
   * left unchanged.
   *
   * <p>A new job whose request carries an idempotency key ({@code meta.idempotency_key}, scoped by
   * {@link Tenants#of}) is created together with taking that key, atomically: the key may be free,
   * held by this job, or held by a job that does not exist (a submit that reserved the key and then
   * failed before saving its job, issue 12). If another live job holds it, nothing is written and
   * {@link io.cordum.api.ConflictException} is thrown. So at most one live job holds a key, and a
   * key never names a job that was not saved once a save under it succeeded.
   *
   * @param request the request; its job id names the record
   * @param traceId the trace to add the job to, or {@code null}/blank for none
   * @return the record after the save
   * @throws io.cordum.api.ConflictException if a new job's idempotency key is held by another live
   *     job
   */
  JobRecord save(JobRequest request, @Nullable String traceId);

  /**
   * {@link #save} of a request that is probably stored already: the scheduler receiving a submit
   * that a client saved just before publishing it. The result is what {@code save} would give,
   * except that a store may skip the write when the job holds this exact request (and trace)
   * already and was written less than a second ago; the job's retention is then not extended by
   * that second. A store where a read is much cheaper than a write (Redis) checks first; the
   * default saves.
   *
   * @param request the request; its job id names the record
   * @param traceId the trace to add the job to, or {@code null}/blank for none
   * @return the record after the save (or the record found, if nothing needed writing)
   * @throws io.cordum.api.ConflictException as {@link #save}
   */
  default JobRecord resave(JobRequest request, @Nullable String traceId) {
    return save(request, traceId);
  }

  /**
   * Changes a job's state atomically.
   *
   * <p>A job with no record may be given one of {@link JobState#initialTargets()}, which creates a
   * bare record. Entering {@link JobState#SCHEDULED} from another state increments {@link
   * JobRecord#attempts()}. A terminal state clears the timer and the deadline and takes the job out
   * of its tenant's active set.
   *
   * @return the record after the change
   * @throws io.cordum.api.InvalidTransitionException if the state machine forbids the change
   * @throws io.cordum.api.ConflictException if an expectation of the transition failed
   */
  JobRecord transition(String jobId, Transition transition);

  /**
   * Cancels a job: any non-terminal state becomes {@link JobState#CANCELLED}; a terminal job is
   * returned unchanged.
   *
   * @param reason recorded as the job's reason (code {@code cancelled})
   * @return the record after the call
   * @throws io.cordum.api.NotFoundException if the job does not exist
   */
  JobRecord cancel(String jobId, String reason);

  /**
   * Sets the job's deadline unless it already has one, so that redeliveries never push it back.
   *
   * @return the deadline in force after the call
   * @throws io.cordum.api.NotFoundException if the job does not exist
   */
  Instant setDeadlineIfAbsent(String jobId, Instant deadline);

  /**
   * Sets or clears the job's timer without changing its state (so {@link JobRecord#updatedAt()}
   * stays as it is): the scheduler uses it to look at a waiting job again later. A terminal job is
   * left unchanged.
   *
   * @param wakeAt when to look at the job again, or {@code null} to clear the timer
   * @param reasonCode when non-null, recorded as the job's reason code ({@code ""} clears it)
   * @param reason when non-null, recorded as the job's reason
   * @param expectedVersion when {@code >= 0}, write only if the record still has this version
   * @return the record after the call
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the version expectation failed
   */
  JobRecord setTimer(
      String jobId,
      @Nullable Instant wakeAt,
      @Nullable String reasonCode,
      @Nullable String reason,
      long expectedVersion);

  /** Non-terminal jobs whose timer is due ({@code wakeAt <= now}), earliest first. */
  List<JobRecord> dueTimers(Instant now, int limit);

  /** Non-terminal jobs whose deadline has passed ({@code deadline <= now}), earliest first. */
  List<JobRecord> expiredDeadlines(Instant now, int limit);

  /**
   * How many jobs of the tenant hold a worker slot ({@link JobState#holdsWorkerSlot()}): those in
   * SCHEDULED, DISPATCHED or RUNNING. Jobs waiting in PENDING or APPROVAL_REQUIRED do not count, so
   * a tenant limit can never block itself.
   */
  long countActiveByTenant(String tenant);

  /**
   * Lists jobs. The cursor is stable: a job is neither skipped nor repeated across pages unless it
   * is updated in between (then it moves to its new place in the order).
   */
  Page<JobRecord> list(JobQuery query);

  /** The jobs of a trace, oldest first; empty if the trace is unknown. */
  List<JobRecord> traceJobs(String traceId);

  /** The job's state changes, oldest first (bounded; the oldest entries are dropped first). */
  List<JobStateEvent> history(String jobId);

  /**
   * Appends a safety decision to the job's decisions and makes it the record's latest.
   *
   * @throws io.cordum.api.NotFoundException if the job does not exist
   */
  void appendSafetyDecision(String jobId, SafetyDecisionRecord decision);

  /** The job's safety decisions, newest first, at most {@code limit}. */
  List<SafetyDecisionRecord> safetyDecisions(String jobId, int limit);

  /**
   * Reserves an idempotency key for a job, scoped by tenant. If the key is taken, nothing changes
   * and the reservation names the job that holds it. A reservation is only a claim: the job it
   * names may never have been saved (its submit failed), so a caller checks that the job exists
   * before treating a submit as a duplicate; {@link #save} takes over such a key.
   */
  IdempotencyReservation reserveIdempotencyKey(String tenant, String key, String jobId);

  /** The job holding an idempotency key, if any. */
  Optional<String> findByIdempotencyKey(String tenant, String key);

  /**
   * Releases an idempotency key, but only if it is held by the given job (so a failed submit frees
   * its key without touching anyone else's).
   *
   * @return whether the key was released
   */
  boolean releaseIdempotencyKey(String tenant, String key, String jobId);
}
