package io.cordum.core.scheduler;

/**
 * The reason codes the scheduler records on a job and puts in {@code error_code} of its dead-letter
 * record. Worker-reported failures carry the worker's own error code instead.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  /** The topic (or preferred pool) maps to no pool, or no pool offers what the job requires. */
  public static final String NO_POOL_MAPPING = "no_pool_mapping";

  /** No live worker of an eligible pool matches the job (retried until the scheduling wait). */
  public static final String NO_WORKERS = "no_workers";

  /** Every matching worker is overloaded (retried until the scheduling wait). */
  public static final String POOL_OVERLOADED = "pool_overloaded";

  /** The tenant is at its concurrency limit (retried until the scheduling wait). */
  public static final String TENANT_LIMIT = "tenant_limit";

  /** Routing failed for another reason. */
  public static final String DISPATCH_FAILED = "dispatch_failed";

  /** The safety gate denied the job. */
  public static final String SAFETY_DENIED = "safety_denied";

  /** The safety gate returned a decision the scheduler does not know. */
  public static final String SAFETY_UNKNOWN = "safety_unknown";

  /** The safety gate throttled the job (retried until the scheduling wait). */
  public static final String SAFETY_THROTTLED = "safety_throttled";

  /** The safety gate could not be reached (retried until the scheduling wait). */
  public static final String SAFETY_UNAVAILABLE = "safety_unavailable";

  /** The job used up its attempts. */
  public static final String MAX_RETRIES_EXCEEDED = "max_retries_exceeded";

  /** The request is invalid (empty topic, bad subject, ...). */
  public static final String INVALID_REQUEST = "invalid_request";

  /** The job stayed SCHEDULED or DISPATCHED longer than the dispatch timeout. */
  public static final String DISPATCH_TIMEOUT = "dispatch_timeout";

  /** The job stayed RUNNING longer than its running timeout. */
  public static final String RUNNING_TIMEOUT = "running_timeout";

  /** The job's budget deadline passed. */
  public static final String DEADLINE_EXCEEDED = "deadline_exceeded";

  /** The job was cancelled. */
  public static final String CANCELLED = "cancelled";

  /** The job failed on its worker and the worker gave no error code. */
  public static final String WORKER_FAILED = "worker_failed";

  /** Publishing the job failed; it is retried. */
  public static final String PUBLISH_FAILED = "publish_failed";

  /** Submitted before the control plane started; dispatched as soon as a scheduler runs. */
  public static final String SCHEDULER_NOT_STARTED = "scheduler_not_started";

  /** The stored request of a job to retry or replay is gone. */
  public static final String REQUEST_MISSING = "request_missing";

  /**
   * The job's worker stopped heartbeating, or heartbeats without holding the job any more (it
   * restarted, or the request or the result was lost): the attempt is run again (up to {@link
   * SchedulerConfig#workerLostRetries()} times beyond the retry policy), else the job fails with
   * this code.
   */
  public static final String WORKER_LOST = "worker_lost";

  /** The safety gate asks a human to approve the job; it waits in APPROVAL_REQUIRED. */
  public static final String APPROVAL_REQUIRED = "approval_required";

  /** A human approved the job; it is scheduled on that approval. */
  public static final String APPROVAL_GRANTED = "approval_granted";

  /** A job waiting for approval was sent back through the current policy. */
  public static final String REEVALUATE = "reevaluate";

  /** A human rejected the job. */
  public static final String APPROVAL_REJECTED = "approval_rejected";
}
