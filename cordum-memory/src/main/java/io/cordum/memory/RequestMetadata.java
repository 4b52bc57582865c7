package io.cordum.memory;

import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.Tenants;
import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata a job record takes from its request (the rules of {@link JobRecord}). */
final class RequestMetadata {
  private static final JobMetadata NONE = JobMetadata.builder().build();

  private RequestMetadata() {}

  /** Sets every request-derived field of {@code b}, replacing earlier values. */
  static JobRecord.Builder apply(JobRecord.Builder b, JobRequest request) {
    JobMetadata meta = request.meta() == null ? NONE : request.meta();
    Map<String, String> labels = new LinkedHashMap<>(request.labels());
    labels.putAll(meta.labels()); // meta wins
    return b.topic(request.topic())
        .tenant(Tenants.of(request))
        .team(request.env().getOrDefault("team_id", ""))
        .principal(request.principalId())
        .actorId(meta.actorId().isBlank() ? request.principalId() : meta.actorId())
        .actorType(meta.actorType())
        .idempotencyKey(meta.idempotencyKey())
        .capability(meta.capability())
        .riskTags(meta.riskTags())
        .requires(meta.requires())
        .packId(meta.packId())
        .labels(labels)
        .memoryId(request.memoryId())
        .workflowId(request.workflowId());
  }
}
