package io.cordum.core.internal.dlq;

import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.DeadLetterService;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.dlq.RetryOptions;
import io.cordum.api.job.JobClient;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.pointer.PointerStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter queue as a host application uses it ({@code cordum.deadLetters()}): list, get,
 * delete and retry the jobs that ended without success.
 *
 * <p><b>Retry</b> resubmits a dead-lettered job as a new one, through the normal job client:
 *
 * <ol>
 *   <li>It <em>claims</em> the entry (removes it atomically), so of two concurrent retries of one
 *       job exactly one creates a new job; the other gets {@link NotFoundException}.
 *   <li>It clones the job's whole original request (labels, metadata, memory id, priority, budget,
 *       workflow ids, env), so the retry runs the job that failed, not a thinner one. The clone
 *       gets a new id {@code <job_id>-retry-<8 hex>}, {@code parent_job_id} = the old job, the
 *       labels {@code retry=true}, {@code dlq_entry} and {@code retry_of_job} = the old job, and
 *       env {@code retry_of_job}. {@code approval_*} labels and the idempotency key are dropped: an
 *       approval or a dedup key of the old job does not carry over.
 *   <li>It copies the old job's input (the content behind its context pointer) to the new job, or
 *       uses the edited input of the {@link RetryOptions}. Input that has expired is refused with
 *       {@link RetryOptions#requireInput()}, else the new job is labelled {@code
 *       retry_input_missing=true}.
 *   <li>It submits the clone in the old job's trace. If the submit fails, the entry is put back.
 * </ol>
 *
 * The old job is not changed.
 */
public final class DefaultDeadLetterService implements DeadLetterService {
  private static final Logger log = LoggerFactory.getLogger(DefaultDeadLetterService.class);

  private final DeadLetterStore store;
  private final JobClient jobs;
  private final JobStore jobStore;
  private final PointerStore pointers;

  /** A service over the given stores; retries are submitted through {@code jobs}. */
  public DefaultDeadLetterService(
      DeadLetterStore store, JobClient jobs, JobStore jobStore, PointerStore pointers) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.jobStore = Objects.requireNonNull(jobStore, "jobStore");
    this.pointers = Objects.requireNonNull(pointers, "pointers");
  }

  /** The store behind the service. */
  public DeadLetterStore store() {
    return store;
  }

  /** One page of entries, newest first. */
  @Override
  public Page<DeadLetterEntry> list(DeadLetterQuery query) {
    return store.list(query);
  }

  /** The entry of a job, or empty. */
  @Override
  public Optional<DeadLetterEntry> get(String jobId) {
    return store.get(jobId);
  }

  /** Deletes a job's entry. Returns whether there was one. */
  @Override
  public boolean delete(String jobId) {
    return store.delete(jobId);
  }

  /** Retries a dead-lettered job with its original input. */
  @Override
  public SubmittedJob retry(String jobId) {
    return retry(jobId, RetryOptions.DEFAULT);
  }

  /**
   * Retries a dead-lettered job (see the class comment).
   *
   * @return the new job
   * @throws NotFoundException if the job has no entry (never dead-lettered, deleted, expired, or
   *     claimed by a concurrent retry), or with {@link RetryOptions#requireInput()} when its input
   *     has expired
   * @throws ValidationException if neither the entry nor the job store know the job's topic
   */
  @Override
  public SubmittedJob retry(String jobId, RetryOptions options) {
    DeadLetterEntry entry =
        store
            .claim(jobId)
            .orElseThrow(() -> new NotFoundException("dlq entry not found: " + jobId));
    try {
      return resubmit(entry, options);
    } catch (RuntimeException e) {
      restore(entry, e);
      throw e;
    }
  }

  private SubmittedJob resubmit(DeadLetterEntry entry, RetryOptions options) {
    String oldId = entry.jobId();
    JobRequest original =
        entry.request() != null ? entry.request() : jobStore.getRequest(oldId).orElse(null);
    Optional<JobRecord> oldRecord = jobStore.get(oldId);
    String topic =
        !entry.topic().isBlank()
            ? entry.topic()
            : original != null && !original.topic().isBlank()
                ? original.topic()
                : oldRecord.map(JobRecord::topic).orElse("");
    if (topic.isBlank()) {
      throw new ValidationException("topic", "missing topic for retry of job " + oldId);
    }
    JobRequest base =
        original != null ? original : JobRequest.builder().tenantId(entry.tenant()).build();
    byte[] input = options.input();
    boolean inputMissing = false;
    if (input == null && !base.contextPtr().isBlank()) {
      input = readInput(base.contextPtr());
      inputMissing = input == null;
      if (inputMissing && options.requireInput()) {
        throw new NotFoundException(
            "input of job "
                + oldId
                + " has expired ("
                + base.contextPtr()
                + "); retry with an edited input, or without requireInput");
      }
    }
    String newId = oldId + "-retry-" + UUID.randomUUID().toString().substring(0, 8);
    JobRequest clone =
        base.toBuilder()
            .jobId(newId)
            .topic(topic)
            .contextPtr("")
            .parentJobId(oldId)
            .labels(labels(base.labels(), oldId, inputMissing))
            .env(with(base.env(), "retry_of_job", oldId))
            .meta(withoutIdempotency(base.meta()))
            .build();
    String trace =
        oldRecord.map(JobRecord::traceId).filter(t -> !t.isBlank()).orElse("dlq-retry-" + oldId);
    SubmittedJob submitted = jobs.submit(JobSubmission.of(clone, input, trace));
    log.info("retried dead-lettered job {} as {}", oldId, submitted.jobId());
    return submitted;
  }

  private byte @Nullable [] readInput(String pointer) {
    try {
      return pointers.get(pointer).orElse(null);
    } catch (ValidationException e) { // a pointer outside the pointer store (set by a client)
      return null;
    }
  }

  private static Map<String, String> labels(
      Map<String, String> old, String oldId, boolean inputMissing) {
    Map<String, String> out = new LinkedHashMap<>();
    old.forEach(
        (k, v) -> {
          if (!k.startsWith("approval_")) {
            out.put(k, v);
          }
        });
    out.put("retry", "true");
    out.put("dlq_entry", oldId);
    out.put("retry_of_job", oldId);
    if (inputMissing) {
      out.put("retry_input_missing", "true");
    }
    return out;
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return out;
  }

  private static @Nullable JobMetadata withoutIdempotency(@Nullable JobMetadata meta) {
    return meta == null ? null : meta.toBuilder().idempotencyKey("").build();
  }

  private void restore(DeadLetterEntry entry, RuntimeException cause) {
    try {
      store.add(entry);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      log.error(
          "retry of job {} failed and its DLQ entry could not be put back: {}",
          entry.jobId(),
          e.toString());
    }
  }
}
