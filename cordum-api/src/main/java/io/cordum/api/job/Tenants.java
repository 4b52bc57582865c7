package io.cordum.api.job;

import io.cordum.api.cap.JobRequest;

/**
 * The one rule that decides a job's tenant, used everywhere (concurrency limits, the active-job
 * count, idempotency scope, safety checks): the request's {@code tenant_id}, else {@code
 * meta.tenant_id}, else {@code env["tenant_id"]}, else {@value #DEFAULT}. One rule, so that limits
 * and counts always agree on whose job it is.
 */
public final class Tenants {
  /** The tenant of a job that names none. */
  public static final String DEFAULT = "default";

  private Tenants() {}

  /** The tenant of a request; never blank. */
  public static String of(JobRequest request) {
    if (!request.tenantId().isBlank()) {
      return request.tenantId().trim();
    }
    if (request.meta() != null && !request.meta().tenantId().isBlank()) {
      return request.meta().tenantId().trim();
    }
    String env = request.env().getOrDefault("tenant_id", "");
    return env.isBlank() ? DEFAULT : env.trim();
  }
}
