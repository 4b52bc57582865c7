package io.cordum.worker;

/**
 * The error codes a {@link CordumWorker} reports in a result's {@code error_code} (and so in the
 * job's reason code and its dead-letter record) when a job fails for a reason other than the
 * handler's own {@link JobFailedException} code. Stable strings, never Java class names: a CAP
 * worker or dashboard in another language reads them.
 */
public final class WorkerErrorCodes {
  /** The handler threw an exception (its class and message are in {@code error_message}). */
  public static final String HANDLER_FAILED = "handler_failed";

  /** The handler was interrupted while the job was not cancelled. */
  public static final String HANDLER_INTERRUPTED = "handler_interrupted";

  /** The handler timed out, or the job ran past its deadline. */
  public static final String HANDLER_TIMEOUT = "handler_timeout";

  /** The job was cancelled. */
  public static final String CANCELLED = "cancelled";

  /**
   * The job was cut short (or never started) because its worker shut down; Cordum for Java's
   * scheduler runs it again elsewhere without counting it against the job's retries.
   */
  public static final String WORKER_STOPPED = "worker_stopped";

  /** The worker could not accept the job (its executor refused it). */
  public static final String WORKER_REJECTED = "worker_rejected";

  /**
   * The job's {@code context_ptr} names input that cannot be read: expired, never written, or a
   * pointer this worker's store cannot resolve (another scheme).
   */
  public static final String INPUT_UNAVAILABLE = "input_unavailable";

  /** The worker lacks what the job needs, such as a pointer store for its input or output. */
  public static final String WORKER_MISCONFIGURED = "worker_misconfigured";

  private WorkerErrorCodes() {}
}
