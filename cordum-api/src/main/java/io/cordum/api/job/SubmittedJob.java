package io.cordum.api.job;

/**
 * The receipt of a submit.
 *
 * @param jobId the job's id
 * @param traceId the trace the job belongs to
 * @param duplicate {@code true} when the idempotency key was already used: nothing new was
 *     submitted and {@link #jobId()} names the earlier job
 */
public record SubmittedJob(String jobId, String traceId, boolean duplicate) {}
