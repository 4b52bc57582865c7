package io.cordum.nats;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Payload;
import io.cordum.api.cap.SystemAlert;
import io.cordum.nats.internal.proto.BusPacket.Builder;
import java.time.Instant;
import java.util.List;

/**
 * Packets with every field set to a distinct non-default value, each as a record and as the
 * generated message built field by field, so that a field mapped to the wrong number shows.
 */
final class FullPackets {
  private FullPackets() {}

  static final Instant CREATED_AT = Instant.ofEpochSecond(1_712_345_678L, 987_654_321);
  static final byte[] SIGNATURE = {0x30, 0x45, 0x02, 0x21, (byte) 0xff};

  /** A payload as a record and as the generated message set on a packet builder. */
  record Case(String name, Payload record, java.util.function.Consumer<Builder> proto) {
    @Override
    public String toString() {
      return name;
    }
  }

  static JobRequest fullRequest() {
    return JobRequest.builder()
        .jobId("job-42")
        .topic("job.gpu")
        .priority(JobPriority.CRITICAL)
        .contextPtr("redis://ctx:job-42")
        .adapterId("adapter-7")
        .putEnv("tenant_id", "acme")
        .putEnv("b_second", "2")
        .putEnv("a_third", "3")
        .parentJobId("parent-1")
        .workflowId("wf-9")
        .stepIndex(3)
        .memoryId("mem-5")
        .contextHints(
            ContextHints.builder()
                .maxInputTokens(4096)
                .allowSummarization(true)
                .allowRetrieval(true)
                .tags(List.of("t1", "t2"))
                .build())
        .budget(
            Budget.builder()
                .maxInputTokens(1)
                .maxOutputTokens(2)
                .maxTotalTokens(3)
                .deadlineMs(9_000_000_000L)
                .build())
        .tenantId("acme")
        .principalId("alice")
        .putLabels("zone", "eu")
        .putLabels("preferred_pool", "gpu")
        .meta(
            JobMetadata.builder()
                .tenantId("acme-meta")
                .actorId("bob")
                .actorType(ActorType.HUMAN)
                .idempotencyKey("idem-1")
                .capability("code.write")
                .riskTags("network", "fs")
                .requires("gpu", "docker")
                .packId("pack-3")
                .putLabels("m2", "x")
                .putLabels("m1", "y")
                .build())
        .build();
  }

  static io.cordum.nats.internal.proto.JobRequest fullRequestProto() {
    return io.cordum.nats.internal.proto.JobRequest.newBuilder()
        .setJobId("job-42")
        .setTopic("job.gpu")
        .setPriority(io.cordum.nats.internal.proto.JobPriority.JOB_PRIORITY_CRITICAL)
        .setContextPtr("redis://ctx:job-42")
        .setAdapterId("adapter-7")
        .putEnv("tenant_id", "acme")
        .putEnv("b_second", "2")
        .putEnv("a_third", "3")
        .setParentJobId("parent-1")
        .setWorkflowId("wf-9")
        .setStepIndex(3)
        .setMemoryId("mem-5")
        .setContextHints(
            io.cordum.nats.internal.proto.ContextHints.newBuilder()
                .setMaxInputTokens(4096)
                .setAllowSummarization(true)
                .setAllowRetrieval(true)
                .addTags("t1")
                .addTags("t2"))
        .setBudget(
            io.cordum.nats.internal.proto.Budget.newBuilder()
                .setMaxInputTokens(1)
                .setMaxOutputTokens(2)
                .setMaxTotalTokens(3)
                .setDeadlineMs(9_000_000_000L))
        .setTenantId("acme")
        .setPrincipalId("alice")
        .putLabels("zone", "eu")
        .putLabels("preferred_pool", "gpu")
        .setMeta(
            io.cordum.nats.internal.proto.JobMetadata.newBuilder()
                .setTenantId("acme-meta")
                .setActorId("bob")
                .setActorType(io.cordum.nats.internal.proto.ActorType.ACTOR_TYPE_HUMAN)
                .setIdempotencyKey("idem-1")
                .setCapability("code.write")
                .addRiskTags("network")
                .addRiskTags("fs")
                .addRequires("gpu")
                .addRequires("docker")
                .setPackId("pack-3")
                .putLabels("m2", "x")
                .putLabels("m1", "y"))
        .build();
  }

  static final List<Case> CASES =
      List.of(
          new Case("JobRequest", fullRequest(), b -> b.setJobRequest(fullRequestProto())),
          new Case(
              "JobResult",
              JobResult.builder()
                  .jobId("job-42")
                  .status(JobStatus.TIMEOUT)
                  .resultPtr("redis://res:job-42")
                  .workerId("w-3")
                  .executionMs(-5)
                  .errorCode("deadline")
                  .errorMessage("took too long")
                  .artifactPtrs("redis://art:1", "redis://art:2")
                  .build(),
              b ->
                  b.setJobResult(
                      io.cordum.nats.internal.proto.JobResult.newBuilder()
                          .setJobId("job-42")
                          .setStatus(io.cordum.nats.internal.proto.JobStatus.JOB_STATUS_TIMEOUT)
                          .setResultPtr("redis://res:job-42")
                          .setWorkerId("w-3")
                          .setExecutionMs(-5)
                          .setErrorCode("deadline")
                          .setErrorMessage("took too long")
                          .addArtifactPtrs("redis://art:1")
                          .addArtifactPtrs("redis://art:2"))),
          new Case(
              "Heartbeat",
              Heartbeat.builder()
                  .workerId("w-3")
                  .region("eu-west")
                  .type("gpu-worker")
                  .cpuLoad(87.25f)
                  .gpuUtilization(-0.0f)
                  .activeJobs(5)
                  .capabilities("python", "cuda")
                  .pool("gpu-pool")
                  .maxParallelJobs(8)
                  .putLabels("region", "eu")
                  .putLabels("accel", "a100")
                  .heldJobIds(java.util.List.of("job-1", "job-2"))
                  .build(),
              b ->
                  b.setHeartbeat(
                      io.cordum.nats.internal.proto.Heartbeat.newBuilder()
                          .setWorkerId("w-3")
                          .setRegion("eu-west")
                          .setType("gpu-worker")
                          .setCpuLoad(87.25f)
                          .setGpuUtilization(-0.0f)
                          .setActiveJobs(5)
                          .addCapabilities("python")
                          .addCapabilities("cuda")
                          .setPool("gpu-pool")
                          .setMaxParallelJobs(8)
                          .putLabels("region", "eu")
                          .putLabels("accel", "a100")
                          .addHeldJobIds("job-1")
                          .addHeldJobIds("job-2")
                          .setReportsHeldJobs(true))),
          new Case(
              "SystemAlert",
              SystemAlert.builder()
                  .level("CRITICAL")
                  .message("disk full ✓")
                  .component("scheduler")
                  .code("E42")
                  .build(),
              b ->
                  b.setAlert(
                      io.cordum.nats.internal.proto.SystemAlert.newBuilder()
                          .setLevel("CRITICAL")
                          .setMessage("disk full ✓")
                          .setComponent("scheduler")
                          .setCode("E42"))),
          new Case(
              "JobProgress",
              JobProgress.builder()
                  .jobId("job-42")
                  .stepId("step-2")
                  .percent(75)
                  .message("three quarters")
                  .resultPtr("redis://res:partial")
                  .artifactPtrs("redis://art:3")
                  .status(JobStatus.RUNNING)
                  .build(),
              b ->
                  b.setJobProgress(
                      io.cordum.nats.internal.proto.JobProgress.newBuilder()
                          .setJobId("job-42")
                          .setStepId("step-2")
                          .setPercent(75)
                          .setMessage("three quarters")
                          .setResultPtr("redis://res:partial")
                          .addArtifactPtrs("redis://art:3")
                          .setStatus(io.cordum.nats.internal.proto.JobStatus.JOB_STATUS_RUNNING))),
          new Case(
              "JobCancel",
              JobCancel.builder().jobId("job-42").reason("user asked").requestedBy("alice").build(),
              b ->
                  b.setJobCancel(
                      io.cordum.nats.internal.proto.JobCancel.newBuilder()
                          .setJobId("job-42")
                          .setReason("user asked")
                          .setRequestedBy("alice"))));

  /** The full packet around a payload record. */
  static BusPacket packet(Payload payload) {
    return BusPacket.builder()
        .traceId("trace-42")
        .senderId("sender-42")
        .createdAt(CREATED_AT)
        .protocolVersion(7)
        .payload(payload)
        .signature(SIGNATURE)
        .build();
  }

  /** The same packet built as a generated message. */
  static io.cordum.nats.internal.proto.BusPacket packetProto(Case c) {
    Builder b =
        io.cordum.nats.internal.proto.BusPacket.newBuilder()
            .setTraceId("trace-42")
            .setSenderId("sender-42")
            .setCreatedAt(Timestamp.newBuilder().setSeconds(1_712_345_678L).setNanos(987_654_321))
            .setProtocolVersion(7)
            .setSignature(ByteString.copyFrom(SIGNATURE));
    c.proto().accept(b);
    return b.build();
  }
}
