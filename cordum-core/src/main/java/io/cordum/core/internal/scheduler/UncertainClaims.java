package io.cordum.core.internal.scheduler;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims (PENDING → SCHEDULED) whose store write failed without telling whether it was applied:
 * Redis can crash after applying a write and before replying. Such a job is SCHEDULED for an
 * attempt that nobody published; without this it would wait for the dispatch timeout. When the
 * submit comes back (the bus redelivers it after the retry-later) and finds exactly the claim this
 * replica tried (SCHEDULED, with the attempt number it would have given), the scheduler resumes the
 * dispatch of that attempt. Another replica cannot hold the same claim: claims are compare-and-set
 * on PENDING, so if ours was not applied and another's was, the other replica publishes it, and in
 * JetStream mode a second publish of the same attempt is dropped by its message id.
 */
final class UncertainClaims {
  /** Enough for a burst of failures; beyond it a job just waits for its dispatch timeout. */
  private static final int MAX = 10_000;

  private final Map<String, Integer> attemptByJob = new ConcurrentHashMap<>();

  /** Remembers that the claim of {@code attempt} for job {@code id} may or may not be stored. */
  void remember(String id, int attempt) {
    if (attemptByJob.size() < MAX) {
      attemptByJob.put(id, attempt);
    }
  }

  /** Whether {@code rec} is the remembered claim (forgotten once asked). */
  boolean isUnpublishedClaim(JobRecord rec) {
    Integer attempt = attemptByJob.remove(rec.id());
    return attempt != null && rec.state() == JobState.SCHEDULED && rec.attempts() == attempt;
  }

  /** How many claims are remembered (for tests). */
  int size() {
    return attemptByJob.size();
  }
}
