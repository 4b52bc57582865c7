package io.cordum.api.job;

/**
 * The outcome of reserving an idempotency key.
 *
 * @param reserved {@code true} when the key was free and now belongs to the requested job
 * @param jobId the job the key belongs to: the requested one when reserved, else the earlier one
 */
public record IdempotencyReservation(boolean reserved, String jobId) {}
