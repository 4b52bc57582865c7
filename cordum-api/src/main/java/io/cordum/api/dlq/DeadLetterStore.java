package io.cordum.api.dlq;

import io.cordum.api.Page;
import java.util.Optional;

/**
 * The dead-letter queue: jobs that ended without success, kept for inspection and retry. One entry
 * per job id (adding again replaces it). Entries are kept within the store's {@link
 * DeadLetterRetention}. A blank job id is a {@link io.cordum.api.ValidationException}; a backend
 * failure a {@link io.cordum.api.BackendException}.
 */
public interface DeadLetterStore {

  /** Adds an entry, replacing any earlier entry of the same job, and trims the queue. */
  void add(DeadLetterEntry entry);

  /** The entry of a job, or empty. */
  Optional<DeadLetterEntry> get(String jobId);

  /**
   * One page of entries, newest first (by {@code createdAt}, then by job id). The cursor is exact:
   * entries that share a microsecond are neither skipped nor repeated.
   */
  Page<DeadLetterEntry> list(DeadLetterQuery query);

  /** Deletes a job's entry. Returns whether there was one. */
  boolean delete(String jobId);

  /**
   * Removes a job's entry and returns it, atomically: of any number of concurrent claims of one
   * entry, exactly one gets it. A retry claims the entry before it submits the new job, and adds it
   * back if the submit fails.
   */
  Optional<DeadLetterEntry> claim(String jobId);
}
