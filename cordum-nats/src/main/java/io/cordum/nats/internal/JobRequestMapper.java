package io.cordum.nats.internal;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;

/** JobRequest and the messages nested in it: ContextHints, Budget, JobMetadata. */
final class JobRequestMapper {
  private static final int PRIORITY_FIELD = 3;
  private static final int ACTOR_TYPE_FIELD = 3;

  private JobRequestMapper() {}

  static io.cordum.nats.internal.proto.JobRequest toProto(JobRequest r) {
    UnknownWriter unknown = new UnknownWriter(r.unknownFields(), "JobRequest");
    var b =
        io.cordum.nats.internal.proto.JobRequest.newBuilder()
            .setJobId(r.jobId())
            .setTopic(r.topic())
            .setPriorityValue(unknown.enumNumber(PRIORITY_FIELD, r.priority().number()))
            .setContextPtr(r.contextPtr())
            .setAdapterId(r.adapterId())
            .putAllEnv(r.env())
            .setParentJobId(r.parentJobId())
            .setWorkflowId(r.workflowId())
            .setStepIndex(r.stepIndex())
            .setMemoryId(r.memoryId())
            .setTenantId(r.tenantId())
            .setPrincipalId(r.principalId())
            .putAllLabels(r.labels());
    if (r.contextHints() != null) {
      b.setContextHints(toProto(r.contextHints()));
    }
    if (r.budget() != null) {
      b.setBudget(toProto(r.budget()));
    }
    if (r.meta() != null) {
      b.setMeta(toProto(r.meta()));
    }
    return b.setUnknownFields(unknown.build()).build();
  }

  static JobRequest fromProto(io.cordum.nats.internal.proto.JobRequest p) {
    UnknownReader unknown = new UnknownReader(p.getUnknownFields());
    JobPriority priority =
        unknown.enumValue(
            PRIORITY_FIELD, p.getPriorityValue(), JobPriority::forNumber, JobPriority.UNRECOGNIZED);
    return new JobRequest(
        p.getJobId(),
        p.getTopic(),
        priority,
        p.getContextPtr(),
        p.getAdapterId(),
        p.getEnvMap(),
        p.getParentJobId(),
        p.getWorkflowId(),
        p.getStepIndex(),
        p.getMemoryId(),
        p.hasContextHints() ? fromProto(p.getContextHints()) : null,
        p.hasBudget() ? fromProto(p.getBudget()) : null,
        p.getTenantId(),
        p.getPrincipalId(),
        p.getLabelsMap(),
        p.hasMeta() ? fromProto(p.getMeta()) : null,
        unknown.build());
  }

  static io.cordum.nats.internal.proto.ContextHints toProto(ContextHints h) {
    return io.cordum.nats.internal.proto.ContextHints.newBuilder()
        .setMaxInputTokens(h.maxInputTokens())
        .setAllowSummarization(h.allowSummarization())
        .setAllowRetrieval(h.allowRetrieval())
        .addAllTags(h.tags())
        .setUnknownFields(UnknownWriter.of(h.unknownFields(), "ContextHints"))
        .build();
  }

  static ContextHints fromProto(io.cordum.nats.internal.proto.ContextHints p) {
    return new ContextHints(
        p.getMaxInputTokens(),
        p.getAllowSummarization(),
        p.getAllowRetrieval(),
        p.getTagsList(),
        UnknownReader.of(p.getUnknownFields()));
  }

  static io.cordum.nats.internal.proto.Budget toProto(Budget b) {
    return io.cordum.nats.internal.proto.Budget.newBuilder()
        .setMaxInputTokens(b.maxInputTokens())
        .setMaxOutputTokens(b.maxOutputTokens())
        .setMaxTotalTokens(b.maxTotalTokens())
        .setDeadlineMs(b.deadlineMs())
        .setUnknownFields(UnknownWriter.of(b.unknownFields(), "Budget"))
        .build();
  }

  static Budget fromProto(io.cordum.nats.internal.proto.Budget p) {
    return new Budget(
        p.getMaxInputTokens(),
        p.getMaxOutputTokens(),
        p.getMaxTotalTokens(),
        p.getDeadlineMs(),
        UnknownReader.of(p.getUnknownFields()));
  }

  static io.cordum.nats.internal.proto.JobMetadata toProto(JobMetadata m) {
    UnknownWriter unknown = new UnknownWriter(m.unknownFields(), "JobMetadata");
    return io.cordum.nats.internal.proto.JobMetadata.newBuilder()
        .setTenantId(m.tenantId())
        .setActorId(m.actorId())
        .setActorTypeValue(unknown.enumNumber(ACTOR_TYPE_FIELD, m.actorType().number()))
        .setIdempotencyKey(m.idempotencyKey())
        .setCapability(m.capability())
        .addAllRiskTags(m.riskTags())
        .addAllRequires(m.requires())
        .setPackId(m.packId())
        .putAllLabels(m.labels())
        .setUnknownFields(unknown.build())
        .build();
  }

  static JobMetadata fromProto(io.cordum.nats.internal.proto.JobMetadata p) {
    UnknownReader unknown = new UnknownReader(p.getUnknownFields());
    ActorType actorType =
        unknown.enumValue(
            ACTOR_TYPE_FIELD, p.getActorTypeValue(), ActorType::forNumber, ActorType.UNRECOGNIZED);
    return new JobMetadata(
        p.getTenantId(),
        p.getActorId(),
        actorType,
        p.getIdempotencyKey(),
        p.getCapability(),
        p.getRiskTagsList(),
        p.getRequiresList(),
        p.getPackId(),
        p.getLabelsMap(),
        unknown.build());
  }
}
