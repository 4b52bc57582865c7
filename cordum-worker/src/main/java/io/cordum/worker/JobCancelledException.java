package io.cordum.worker;

/** Thrown by {@link JobContext#throwIfCancelled()} once the job has been cancelled. */
public final class JobCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the cancel reason. */
  public JobCancelledException(String reason) {
    super(reason);
  }
}
