package io.cordum.client.model;

/**
 * A job the gateway accepted: by a submit, an approval, a DLQ retry or a remediation.
 *
 * @param jobId the job's id
 * @param traceId its trace id ({@code ""} when the route does not return one)
 */
public record SubmittedJob(String jobId, String traceId) {
  /** Normalizes nulls. */
  public SubmittedJob {
    jobId = Norm.s(jobId);
    traceId = Norm.s(traceId);
  }
}
