package io.cordum.api.dlq;

import io.cordum.api.Page;
import io.cordum.api.job.SubmittedJob;
import java.util.Optional;

/**
 * The dead-letter queue as a host application uses it: list, get, delete and retry the jobs that
 * ended without success. Obtained from {@code Cordum.deadLetters()}.
 *
 * <p><b>Retry</b> resubmits a dead-lettered job as a new one, through the normal job client:
 *
 * <ol>
 *   <li>It <em>claims</em> the entry (removes it atomically), so of two concurrent retries of one
 *       job exactly one creates a new job; the other gets {@link io.cordum.api.NotFoundException}.
 *   <li>It clones the job's whole original request (labels, metadata, memory id, priority, budget,
 *       workflow ids, env). The clone gets a new id {@code <job_id>-retry-<8 hex>}, {@code
 *       parent_job_id} = the old job, the labels {@code retry=true}, {@code dlq_entry} and {@code
 *       retry_of_job} = the old job, and env {@code retry_of_job}. {@code approval_*} labels and
 *       the idempotency key are dropped: an approval or a dedup key of the old job does not carry
 *       over.
 *   <li>It copies the old job's input (the content behind its context pointer) to the new job, or
 *       uses the edited input of the {@link RetryOptions}. Input that has expired is refused with
 *       {@link RetryOptions#requireInput()}, else the new job is labelled {@code
 *       retry_input_missing=true}.
 *   <li>It submits the clone in the old job's trace. If the submit fails, the entry is put back.
 * </ol>
 *
 * The old job is not changed.
 */
public interface DeadLetterService {

  /** One page of entries, newest first. */
  Page<DeadLetterEntry> list(DeadLetterQuery query);

  /** The entry of a job, or empty. */
  Optional<DeadLetterEntry> get(String jobId);

  /** Deletes a job's entry. Returns whether there was one. */
  boolean delete(String jobId);

  /** Retries a dead-lettered job with its original input (see the class comment). */
  SubmittedJob retry(String jobId);

  /**
   * Retries a dead-lettered job (see the class comment).
   *
   * @return the new job
   * @throws io.cordum.api.NotFoundException if the job has no entry (never dead-lettered, deleted,
   *     expired, or claimed by a concurrent retry), or with {@link RetryOptions#requireInput()}
   *     when its input has expired
   * @throws io.cordum.api.ValidationException if neither the entry nor the job store know the job's
   *     topic
   */
  SubmittedJob retry(String jobId, RetryOptions options);
}
