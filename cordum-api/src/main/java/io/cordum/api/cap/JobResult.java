package io.cordum.api.cap;

import java.util.List;

/**
 * The outcome of a job ({@code cordum.agent.v1.JobResult}), published by workers on {@code
 * sys.job.result}. The scheduler also uses it as the dead-letter record on {@code sys.job.dlq},
 * with the reason code in {@link #errorCode()}.
 *
 * @param jobId field 1
 * @param status field 2, a terminal status
 * @param resultPtr field 3, pointer to the output
 * @param workerId field 4
 * @param executionMs field 5
 * @param errorCode field 6; in DLQ records, the reason code
 * @param errorMessage field 7
 * @param artifactPtrs field 8
 * @param unknownFields fields this version does not know
 */
public record JobResult(
    String jobId,
    JobStatus status,
    String resultPtr,
    String workerId,
    long executionMs,
    String errorCode,
    String errorMessage,
    List<String> artifactPtrs,
    UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public JobResult {
    jobId = Values.str(jobId);
    status = status == null ? JobStatus.UNSPECIFIED : status;
    resultPtr = Values.str(resultPtr);
    workerId = Values.str(workerId);
    errorCode = Values.str(errorCode);
    errorMessage = Values.str(errorMessage);
    artifactPtrs = Values.list(artifactPtrs);
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.jobId = jobId;
    b.status = status;
    b.resultPtr = resultPtr;
    b.workerId = workerId;
    b.executionMs = executionMs;
    b.errorCode = errorCode;
    b.errorMessage = errorMessage;
    b.artifactPtrs = artifactPtrs;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link JobResult} values. */
  public static final class Builder {
    private String jobId = "";
    private JobStatus status = JobStatus.UNSPECIFIED;
    private String resultPtr = "";
    private String workerId = "";
    private long executionMs;
    private String errorCode = "";
    private String errorMessage = "";
    private List<String> artifactPtrs = List.of();
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets jobId: field 1. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** Sets status: field 2, a terminal status. */
    public Builder status(JobStatus v) {
      this.status = v;
      return this;
    }

    /** Sets resultPtr: field 3, pointer to the output. */
    public Builder resultPtr(String v) {
      this.resultPtr = v;
      return this;
    }

    /** Sets workerId: field 4. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /** Sets executionMs: field 5. */
    public Builder executionMs(long v) {
      this.executionMs = v;
      return this;
    }

    /** Sets errorCode: field 6; in DLQ records, the reason code. */
    public Builder errorCode(String v) {
      this.errorCode = v;
      return this;
    }

    /** Sets errorMessage: field 7. */
    public Builder errorMessage(String v) {
      this.errorMessage = v;
      return this;
    }

    /** Sets artifactPtrs: field 8. */
    public Builder artifactPtrs(List<String> v) {
      this.artifactPtrs = v;
      return this;
    }

    /** Sets artifactPtrs from values. */
    public Builder artifactPtrs(String... v) {
      this.artifactPtrs = List.of(v);
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public JobResult build() {
      return new JobResult(
          jobId,
          status,
          resultPtr,
          workerId,
          executionMs,
          errorCode,
          errorMessage,
          artifactPtrs,
          unknownFields);
    }
  }
}
