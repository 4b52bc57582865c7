package io.cordum.nats.internal;

import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;

/** What happens to a job after dispatch: JobResult, JobProgress, JobCancel. */
final class JobOutcomeMapper {
  private static final int RESULT_STATUS_FIELD = 2;
  private static final int PROGRESS_STATUS_FIELD = 7;

  private JobOutcomeMapper() {}

  static io.cordum.nats.internal.proto.JobResult toProto(JobResult r) {
    UnknownWriter unknown = new UnknownWriter(r.unknownFields(), "JobResult");
    return io.cordum.nats.internal.proto.JobResult.newBuilder()
        .setJobId(r.jobId())
        .setStatusValue(unknown.enumNumber(RESULT_STATUS_FIELD, r.status().number()))
        .setResultPtr(r.resultPtr())
        .setWorkerId(r.workerId())
        .setExecutionMs(r.executionMs())
        .setErrorCode(r.errorCode())
        .setErrorMessage(r.errorMessage())
        .addAllArtifactPtrs(r.artifactPtrs())
        .setUnknownFields(unknown.build())
        .build();
  }

  static JobResult fromProto(io.cordum.nats.internal.proto.JobResult p) {
    UnknownReader unknown = new UnknownReader(p.getUnknownFields());
    JobStatus status =
        unknown.enumValue(
            RESULT_STATUS_FIELD, p.getStatusValue(), JobStatus::forNumber, JobStatus.UNRECOGNIZED);
    return new JobResult(
        p.getJobId(),
        status,
        p.getResultPtr(),
        p.getWorkerId(),
        p.getExecutionMs(),
        p.getErrorCode(),
        p.getErrorMessage(),
        p.getArtifactPtrsList(),
        unknown.build());
  }

  static io.cordum.nats.internal.proto.JobProgress toProto(JobProgress r) {
    UnknownWriter unknown = new UnknownWriter(r.unknownFields(), "JobProgress");
    return io.cordum.nats.internal.proto.JobProgress.newBuilder()
        .setJobId(r.jobId())
        .setStepId(r.stepId())
        .setPercent(r.percent())
        .setMessage(r.message())
        .setResultPtr(r.resultPtr())
        .addAllArtifactPtrs(r.artifactPtrs())
        .setStatusValue(unknown.enumNumber(PROGRESS_STATUS_FIELD, r.status().number()))
        .setUnknownFields(unknown.build())
        .build();
  }

  static JobProgress fromProto(io.cordum.nats.internal.proto.JobProgress p) {
    UnknownReader unknown = new UnknownReader(p.getUnknownFields());
    JobStatus status =
        unknown.enumValue(
            PROGRESS_STATUS_FIELD,
            p.getStatusValue(),
            JobStatus::forNumber,
            JobStatus.UNRECOGNIZED);
    return new JobProgress(
        p.getJobId(),
        p.getStepId(),
        p.getPercent(),
        p.getMessage(),
        p.getResultPtr(),
        p.getArtifactPtrsList(),
        status,
        unknown.build());
  }

  static io.cordum.nats.internal.proto.JobCancel toProto(JobCancel c) {
    return io.cordum.nats.internal.proto.JobCancel.newBuilder()
        .setJobId(c.jobId())
        .setReason(c.reason())
        .setRequestedBy(c.requestedBy())
        .setUnknownFields(UnknownWriter.of(c.unknownFields(), "JobCancel"))
        .build();
  }

  static JobCancel fromProto(io.cordum.nats.internal.proto.JobCancel p) {
    return new JobCancel(
        p.getJobId(), p.getReason(), p.getRequestedBy(), UnknownReader.of(p.getUnknownFields()));
  }
}
