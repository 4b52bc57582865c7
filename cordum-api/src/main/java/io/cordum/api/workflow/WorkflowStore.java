package io.cordum.api.workflow;

import io.cordum.api.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists workflow definitions (with versions), runs (with an optimistic compare-and-set version),
 * their indexes and timers, idempotency keys and run timelines.
 *
 * <p>Contract, the same on every implementation (checked by the testkit's {@code
 * WorkflowStoreContract}):
 *
 * <ul>
 *   <li>Every write is atomic: a run, its indexes (by workflow, status and tenant, and the tenant's
 *       set of active runs), its timer, its idempotency key and the timeline events written with it
 *       change together or not at all. There is no store-wide lock: two runs never contend.
 *   <li>{@link #updateRun} is a compare-and-set on {@link WorkflowRun#version()}: a stale version
 *       throws {@link io.cordum.api.ConflictException} and writes nothing; a run status change not
 *       allowed by {@link RunStatus#canTransition} throws {@link InvalidRunTransitionException} and
 *       writes nothing.
 *   <li>A terminal run has no timer: the store clears {@link WorkflowRun#wakeAt()}.
 *   <li>Timelines are append-only and bounded: past the store's limit the oldest events are
 *       dropped. Sequence numbers keep counting.
 *   <li>Idempotency keys are scoped by tenant and released when their run is deleted.
 *   <li>A backend failure throws {@link io.cordum.api.BackendException} (retryable).
 * </ul>
 *
 * Times are written with millisecond precision; the store takes "now" from its clock.
 */
public interface WorkflowStore {

  /**
   * Saves a new version of a definition. The stored copy gets {@code version} = the previous latest
   * version + 1 (1 for a new workflow), {@code updatedAt} = now, and {@code createdAt} of the first
   * version. Older versions stay readable.
   *
   * @param expectedVersion {@code -1} to save unconditionally, {@code 0} to require that the
   *     workflow does not exist yet, {@code n > 0} to require that {@code n} is the latest
   * @return the stored definition
   * @throws io.cordum.api.ConflictException if the expectation failed
   */
  WorkflowDefinition saveDefinition(WorkflowDefinition definition, long expectedVersion);

  /** The latest version of a definition, or empty if it does not exist or was deleted. */
  Optional<WorkflowDefinition> getDefinition(String workflowId);

  /**
   * One version of a definition. Versions stay readable after the workflow is deleted, so runs
   * pinned to them can finish.
   */
  Optional<WorkflowDefinition> getDefinition(String workflowId, long version);

  /**
   * The latest versions of definitions, most recently saved first.
   *
   * @param tenant only this tenant's; blank for all
   */
  List<WorkflowDefinition> listDefinitions(String tenant, int limit);

  /**
   * Deletes a workflow: it no longer lists or reads as latest, and can not start runs. Its versions
   * stay readable by number.
   *
   * @return whether it existed
   */
  boolean deleteDefinition(String workflowId);

  /**
   * Creates a run with version 1 (its {@code createdAt}/{@code updatedAt} set to now). When the run
   * has an idempotency key that its tenant already used for another run, nothing is written and the
   * other run is returned.
   *
   * @throws io.cordum.api.ConflictException if a run with this id exists
   */
  default RunCreation createRun(WorkflowRun run) {
    return createRun(run, 0);
  }

  /**
   * Creates a run, like {@link #createRun(WorkflowRun)}, unless its tenant already has {@code
   * maxActiveRuns} or more non-terminal runs: the check and the write are one atomic step, so
   * concurrent starts on any number of replicas never exceed the limit. A run already holding the
   * idempotency key is returned even at the limit.
   *
   * @param maxActiveRuns the tenant's limit; {@code 0} or less for none
   * @throws io.cordum.api.LimitExceededException (limit {@code max_concurrent_runs}) if the tenant
   *     is at its limit; nothing is written
   * @throws io.cordum.api.ConflictException if a run with this id exists
   */
  RunCreation createRun(WorkflowRun run, int maxActiveRuns);

  /** How many runs of the tenant are not terminal (pending, running or waiting). */
  long countActiveRuns(String tenant);

  /** The run, or empty. */
  Optional<WorkflowRun> getRun(String runId);

  /**
   * Replaces a run if it still has {@code expectedVersion}, and appends the given timeline events
   * in the same atomic write. The stored run gets {@code version = expectedVersion + 1} and {@code
   * updatedAt} = now; its indexes and timer follow its status and {@link WorkflowRun#wakeAt()}.
   * Identity fields (workflow, tenant, idempotency key, creation time) are kept from the stored
   * run.
   *
   * @return the stored run
   * @throws io.cordum.api.NotFoundException if the run does not exist
   * @throws io.cordum.api.ConflictException if the version is not {@code expectedVersion}
   * @throws InvalidRunTransitionException if the status change is not allowed
   */
  WorkflowRun updateRun(WorkflowRun run, long expectedVersion, List<TimelineEvent> events);

  /**
   * Deletes a run with its indexes, timer, timeline and idempotency key.
   *
   * @return whether it existed
   */
  boolean deleteRun(String runId);

  /** A page of runs, newest created first, filtered during the scan (see {@link RunQuery}). */
  Page<WorkflowRun> listRuns(RunQuery query);

  /** Non-terminal runs whose timer is due ({@code wakeAt <= now}), earliest first. */
  List<WorkflowRun> dueTimers(Instant now, int limit);

  /** The run holding a tenant's idempotency key, if any. */
  Optional<String> findRunByIdempotencyKey(String tenant, String key);

  /**
   * Appends one event to a run's timeline.
   *
   * @return the stored event, with its sequence number (and time, if it had none)
   */
  TimelineEvent appendTimeline(String runId, TimelineEvent event);

  /** A page of a run's timeline; empty for an unknown run. */
  Page<TimelineEvent> timeline(String runId, TimelineQuery query);
}
