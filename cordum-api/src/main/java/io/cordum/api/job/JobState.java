package io.cordum.api.job;

import io.cordum.api.cap.JobStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The state of a job, as stored. The allowed transitions are data ({@link #allowedTargets()}),
 * enforced atomically by every {@link JobStore}:
 *
 * <pre>
 * (none)            -&gt; PENDING, APPROVAL_REQUIRED, SCHEDULED, DISPATCHED, RUNNING, FAILED
 * PENDING           -&gt; APPROVAL_REQUIRED, SCHEDULED, DISPATCHED, RUNNING, DENIED, FAILED, TIMEOUT,
 *                      CANCELLED
 * APPROVAL_REQUIRED -&gt; PENDING, SCHEDULED, DISPATCHED, RUNNING, DENIED, FAILED, TIMEOUT, CANCELLED
 * SCHEDULED         -&gt; PENDING, DISPATCHED, RUNNING, DENIED, FAILED, TIMEOUT, SUCCEEDED, CANCELLED
 * DISPATCHED        -&gt; PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMEOUT, DENIED
 * RUNNING           -&gt; PENDING, SUCCEEDED, FAILED, CANCELLED, TIMEOUT, DENIED
 * terminal states   -&gt; none
 * </pre>
 *
 * <p>Setting a state to the one it already has is always allowed (it touches the record). This is
 * Cordum's table with three deliberate additions: CANCELLED from PENDING and APPROVAL_REQUIRED (so
 * a worker's CANCELLED result for such a job is a legal move), DENIED from DISPATCHED and RUNNING
 * (a worker may refuse a job), and PENDING from SCHEDULED, DISPATCHED and RUNNING, the retry edge:
 * a failed or timed-out attempt goes back to PENDING to wait for its backoff.
 */
public enum JobState {
  /** Accepted, waiting to be scheduled (or waiting for a retry). */
  PENDING(JobStatus.PENDING),
  /** Held by policy until a human approves or rejects it. */
  APPROVAL_REQUIRED(JobStatus.PENDING),
  /** A worker or pool was chosen; about to be published. */
  SCHEDULED(JobStatus.SCHEDULED),
  /** Published to a worker or pool. */
  DISPATCHED(JobStatus.DISPATCHED),
  /** Running on a worker. */
  RUNNING(JobStatus.RUNNING),
  /** Finished successfully. Terminal. */
  SUCCEEDED(JobStatus.SUCCEEDED),
  /** Finished with an error, or could not run. Terminal. */
  FAILED(JobStatus.FAILED),
  /** Cancelled on request. Terminal. */
  CANCELLED(JobStatus.CANCELLED),
  /** Ran out of time (dispatch, running or deadline timeout). Terminal. */
  TIMEOUT(JobStatus.TIMEOUT),
  /** Refused by policy or by an approver. Terminal. */
  DENIED(JobStatus.DENIED);

  private static final Set<JobState> INITIAL =
      Collections.unmodifiableSet(
          EnumSet.of(PENDING, APPROVAL_REQUIRED, SCHEDULED, DISPATCHED, RUNNING, FAILED));
  private static final Map<JobState, Set<JobState>> TABLE = new EnumMap<>(JobState.class);

  static {
    put(
        PENDING,
        APPROVAL_REQUIRED,
        SCHEDULED,
        DISPATCHED,
        RUNNING,
        DENIED,
        FAILED,
        TIMEOUT,
        CANCELLED);
    put(
        APPROVAL_REQUIRED,
        PENDING,
        SCHEDULED,
        DISPATCHED,
        RUNNING,
        DENIED,
        FAILED,
        TIMEOUT,
        CANCELLED);
    put(SCHEDULED, PENDING, DISPATCHED, RUNNING, DENIED, FAILED, TIMEOUT, SUCCEEDED, CANCELLED);
    put(DISPATCHED, PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, TIMEOUT, DENIED);
    put(RUNNING, PENDING, SUCCEEDED, FAILED, CANCELLED, TIMEOUT, DENIED);
    for (JobState s : values()) {
      TABLE.putIfAbsent(s, Collections.unmodifiableSet(EnumSet.noneOf(JobState.class)));
    }
  }

  private static void put(JobState from, JobState first, JobState... rest) {
    TABLE.put(from, Collections.unmodifiableSet(EnumSet.of(first, rest)));
  }

  private final JobStatus status;

  JobState(JobStatus status) {
    this.status = status;
  }

  /** Whether the job has ended: SUCCEEDED, FAILED, CANCELLED, TIMEOUT or DENIED. */
  public boolean isTerminal() {
    return this == SUCCEEDED
        || this == FAILED
        || this == CANCELLED
        || this == TIMEOUT
        || this == DENIED;
  }

  /**
   * Whether a job in this state holds a worker slot (SCHEDULED, DISPATCHED, RUNNING): what a
   * tenant's concurrency limit counts. Waiting jobs (PENDING, APPROVAL_REQUIRED) do not.
   */
  public boolean holdsWorkerSlot() {
    return this == SCHEDULED || this == DISPATCHED || this == RUNNING;
  }

  /** The states this one may move to (not counting itself, which is always allowed). */
  public Set<JobState> allowedTargets() {
    return Objects.requireNonNull(TABLE.get(this)); // every constant has a row
  }

  /** The states a job that has no state yet may be given. */
  public static Set<JobState> initialTargets() {
    return INITIAL;
  }

  /**
   * Whether a job may move from one state to another.
   *
   * @param from the current state, or {@code null} when the job has none yet
   * @param to the requested state
   */
  public static boolean canTransition(@Nullable JobState from, JobState to) {
    if (from == null) {
      return INITIAL.contains(to);
    }
    return from == to || from.allowedTargets().contains(to);
  }

  /** The closest CAP wire status (APPROVAL_REQUIRED has none of its own and maps to PENDING). */
  public JobStatus toStatus() {
    return status;
  }

  /**
   * The state a terminal wire status puts a job in, or {@code null} for a non-terminal or unknown
   * status.
   */
  public static @Nullable JobState fromTerminalStatus(JobStatus status) {
    return switch (status) {
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case CANCELLED -> CANCELLED;
      case TIMEOUT -> TIMEOUT;
      case DENIED -> DENIED;
      default -> null;
    };
  }
}
