package io.cordum.client;

import io.cordum.client.model.CancelResult;
import io.cordum.client.model.JobDetail;
import io.cordum.client.model.JobQuery;
import io.cordum.client.model.JobSummary;
import io.cordum.client.model.SafetyDecision;
import io.cordum.client.model.SubmitJobRequest;
import io.cordum.client.model.SubmittedJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/** Jobs: submit, read, list, follow, cancel, remediate ({@code /api/v1/jobs}). */
public final class JobsApi {
  private final Transport t;
  private final JavaType pageType;
  private final JavaType summaries;
  private final JavaType decisions;

  JobsApi(Transport t) {
    this.t = t;
    this.pageType = t.json.getTypeFactory().constructParametricType(Page.class, JobSummary.class);
    this.summaries = t.json.getTypeFactory().constructCollectionType(List.class, JobSummary.class);
    this.decisions =
        t.json.getTypeFactory().constructCollectionType(List.class, SafetyDecision.class);
  }

  /**
   * Submits a job. A submit with an idempotency key is retried on 429/503 and returns the same job
   * when repeated; one without is sent once.
   *
   * @throws BadRequestException when the request breaks a rule (the message names it)
   */
  public SubmittedJob submit(SubmitJobRequest request) {
    Objects.requireNonNull(request, "request");
    return t.req("POST", "/api/v1/jobs")
        .json(request)
        .idempotent(!request.idempotencyKey().isBlank())
        .fetch(SubmittedJob.class);
  }

  /**
   * A job with its input, result, safety decision, dead letter and approval.
   *
   * @throws NotFoundException when there is no such job
   */
  public JobDetail get(String jobId) {
    return t.req("GET", PathSegments.of("/api/v1/jobs", jobId)).fetch(JobDetail.class);
  }

  /** One page of jobs, newest first. */
  public Page<JobSummary> list(JobQuery query) {
    return t.req("GET", "/api/v1/jobs")
        .query("limit", query.limit())
        .query("state", query.state() == null ? null : query.state().name())
        .query("topic", query.topic())
        .query("tenant", query.tenant())
        .query("trace_id", query.traceId())
        .query("updated_after", micros(query.updatedAfter()))
        .query("updated_before", micros(query.updatedBefore()))
        .query("cursor", query.cursor())
        .fetch(pageType);
  }

  /** Every job the query matches, newest first, fetched page by page as the stream is read. */
  public Stream<JobSummary> stream(JobQuery query) {
    return Pages.stream(query.cursor(), c -> list(query.withCursor(c)));
  }

  /** The jobs of a trace (jobs of tenants the key may not see are left out). */
  public List<JobSummary> trace(String traceId) {
    return t.req("GET", PathSegments.of("/api/v1/traces", traceId)).fetch(summaries);
  }

  /** The job's safety decisions, newest first (at most {@code limit}; 0 for the default). */
  public List<SafetyDecision> decisions(String jobId, int limit) {
    return t.req("GET", PathSegments.of("/api/v1/jobs", jobId, "/decisions"))
        .query("limit", limit)
        .fetch(decisions);
  }

  /**
   * Cancels a job. Cancelling a job that has ended changes nothing ({@link
   * CancelResult#cancelled()} is false), so the call is safe to repeat.
   *
   * @throws NotFoundException when there is no such job
   */
  public CancelResult cancel(String jobId) {
    return t.req("POST", PathSegments.of("/api/v1/jobs", jobId, "/cancel"))
        .idempotent(true)
        .fetch(CancelResult.class);
  }

  /**
   * Submits a denied job's remediation (a clone with the replacement topic and labels).
   *
   * @param remediationId which remediation, or {@code null} when the job has only one
   * @throws ConflictException when the job offers no remediation
   */
  public SubmittedJob remediate(String jobId, @Nullable String remediationId) {
    return t.req("POST", PathSegments.of("/api/v1/jobs", jobId, "/remediate"))
        .json(
            remediationId == null || remediationId.isBlank()
                ? Map.of()
                : Map.of("remediation_id", remediationId))
        .fetch(SubmittedJob.class);
  }

  /**
   * Waits until the job ends, reading it at growing intervals (from 50 ms to 1 s).
   *
   * @param timeout how long to wait at most
   * @param onChange called with the job each time its state changes (and first), or {@code null}
   * @return the ended job
   * @throws TransportException (timed out) when it has not ended in time
   */
  public JobDetail await(String jobId, Duration timeout, @Nullable Consumer<JobDetail> onChange) {
    return Waits.until(
        t,
        timeout,
        "job " + jobId,
        () -> get(jobId),
        JobDetail::isTerminal,
        j -> j.state().name(),
        onChange);
  }

  static @Nullable Long micros(@Nullable Instant t) {
    return t == null ? null : t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }
}
