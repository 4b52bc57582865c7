package io.cordum.api.job;

import io.cordum.api.Page;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a host application uses to work with jobs: submit, inspect, cancel and await them. Obtained
 * from {@code Cordum.jobs()}.
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

  // Every method throws NullPointerException naming the parameter for a null argument, and
  // io.cordum.api.ClosedException once the control plane is closed.

  /** The job's record, or empty if it does not exist. */
  Optional<JobRecord> get(String jobId);

  /** The job's stored request, or empty. */
  Optional<JobRequest> request(String jobId);

  /** Lists jobs. */
  Page<JobRecord> list(JobQuery query);

  /** The job's state history, oldest first. */
  List<JobStateEvent> history(String jobId);

  /** The jobs of a trace (every tenant's; callers filter), empty when the trace is unknown. */
  List<JobRecord> traceJobs(String traceId);

  /** The job's safety decisions, newest first, at most {@code limit}. */
  List<SafetyDecisionRecord> decisions(String jobId, int limit);

  /**
   * Cancels a job and tells workers on {@code sys.job.cancel}.
   *
   * @return the record after the call (a terminal job is unchanged)
   * @throws io.cordum.api.NotFoundException if the job does not exist
   */
  JobRecord cancel(String jobId, String reason);

  /**
   * Completes with the job's record once it reaches a terminal state, whichever replica moves it
   * there. Completes exceptionally with {@link io.cordum.api.NotFoundException} if the job does not
   * exist.
   */
  CompletableFuture<JobRecord> awaitTerminal(String jobId);

  /**
   * Applies a remediation the safety kernel offered for a job (a denied one, typically): the job's
   * request is cloned into a new job (a new id, {@code parent_job_id} = the original, the same
   * input and trace) with the remediation's replacement topic and capability, its labels minus
   * approval labels, plus {@code remediation_of} and {@code remediation_id}, then {@code
   * add_labels} applied and {@code remove_labels} removed; it is submitted and goes through the
   * policy again.
   *
   * @param jobId the job whose decision offered the remediation
   * @param remediationId which remediation; may be {@code null} or blank when there is exactly one
   * @return the new job
   * @throws io.cordum.api.NotFoundException if the job (or its stored request) does not exist, or
   *     it has no remediation with that id
   * @throws io.cordum.api.ConflictException if no decision of the job offered a remediation
   * @throws io.cordum.api.ValidationException if there are several and none was chosen
   */
  SubmittedJob remediate(String jobId, @org.jspecify.annotations.Nullable String remediationId);

  /** The job's input bytes, read through its context pointer, if present. */
  Optional<byte[]> input(String jobId);

  /**
   * The job's output bytes, read through its result pointer, if present: empty while the job has no
   * result, when it does not exist, or when the pointer no longer resolves (expired).
   */
  Optional<byte[]> result(String jobId);

  /** The job's output as UTF-8 text, if present (as {@link #result(String)}). */
  Optional<String> resultAsString(String jobId);

  /**
   * The job's output read as JSON into {@code type}: a record, a class Jackson can create, a {@code
   * Map}, a {@code List} or a JSON tree. {@code String.class} gives the text as is and {@code
   * byte[].class} the bytes. Empty as {@link #result(String)}.
   *
   * <pre>{@code
   * record Quote(String currency, double amount) {}
   * Quote q = cordum.jobs().result(jobId, Quote.class).orElseThrow();
   * }</pre>
   *
   * @throws io.cordum.api.CordumException of type {@code result_unreadable} when the output is not
   *     JSON of that shape (the message names the job, the type and Jackson's reason)
   */
  <T> Optional<T> result(String jobId, Class<T> type);
}
