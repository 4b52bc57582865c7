package io.cordum.api.job;

import io.cordum.api.Page;
import io.cordum.api.cap.JobRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a host application uses to work with jobs: submit, inspect, cancel and await them.
 * Obtained from {@code Cordum.jobs()}.
 */
public interface JobClient {

  /**
   * Submits a job. The input (if any) is stored behind the job's context pointer, the job is
   * recorded as PENDING and published on {@code sys.job.submit} for the scheduler.
   *
   * @return the receipt; with an idempotency key that was already used, the earlier job
   * @throws io.cordum.api.ValidationException if the submission is invalid (each violation names
   *     the field and the rule)
   */
  SubmittedJob submit(JobSubmission submission);

  /** The job's record, or empty if it does not exist. */
  Optional<JobRecord> get(String jobId);

  /** The job's stored request, or empty. */
  Optional<JobRequest> request(String jobId);

  /** Lists jobs. */
  Page<JobRecord> list(JobQuery query);

  /** The job's state history, oldest first. */
  List<JobStateEvent> history(String jobId);

  /**
   * Cancels a job and tells workers on {@code sys.job.cancel}.
   *
   * @return the record after the call (a terminal job is unchanged)
   * @throws io.cordum.api.NotFoundException if the job does not exist
   */
  JobRecord cancel(String jobId, String reason);

  /**
   * Completes with the job's record once it reaches a terminal state, whichever replica moves it
   * there. Completes exceptionally with {@link io.cordum.api.NotFoundException} if the job does
   * not exist.
   */
  CompletableFuture<JobRecord> awaitTerminal(String jobId);

  /** The job's input bytes, read through its context pointer, if present. */
  Optional<byte[]> input(String jobId);

  /** The job's output bytes, read through its result pointer, if present. */
  Optional<byte[]> result(String jobId);
}
