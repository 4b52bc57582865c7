package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A dead-lettered job ({@code GET /api/v1/dlq}).
 *
 * @param jobId the job
 * @param topic its topic
 * @param tenant its tenant
 * @param status its final status, such as {@code JOB_STATUS_FAILED}
 * @param reason why, in words
 * @param reasonCode why, as a code (such as {@code safety_denied})
 * @param lastState the state it was in
 * @param attempts how many times it ran
 * @param createdAt when it was dead-lettered
 */
public record DeadLetter(
    String jobId,
    String topic,
    String tenant,
    String status,
    String reason,
    String reasonCode,
    String lastState,
    int attempts,
    @Nullable Instant createdAt) {
  /** Normalizes nulls. */
  public DeadLetter {
    jobId = Norm.s(jobId);
    topic = Norm.s(topic);
    tenant = Norm.s(tenant);
    status = Norm.s(status);
    reason = Norm.s(reason);
    reasonCode = Norm.s(reasonCode);
    lastState = Norm.s(lastState);
  }
}
