package io.cordum.worker;

/**
 * The code a worker runs for each job.
 *
 * <p>Return normally for SUCCEEDED. Throw {@link JobFailedException} for FAILED with your own error
 * code; any other exception also fails the job (its class name becomes the code). If the job's
 * deadline passes, the handler's thread is interrupted and the job reports TIMEOUT; throwing {@link
 * java.util.concurrent.TimeoutException} does the same. When the job is cancelled, {@link
 * JobContext#isCancelled()} turns true and the thread is interrupted; the job reports CANCELLED.
 */
@FunctionalInterface
public interface JobHandler {
  /**
   * Runs one job.
   *
   * @return the output to store behind the job's result pointer
   */
  JobOutput handle(JobContext job) throws Exception;
}
