package io.cordum.api.cap;

import java.util.List;

/**
 * Progress of a running job ({@code cordum.agent.v1.JobProgress}), published by workers on {@code
 * sys.job.progress}.
 *
 * @param jobId field 1
 * @param stepId field 2
 * @param percent field 3, 0 to 100
 * @param message field 4
 * @param resultPtr field 5
 * @param artifactPtrs field 6
 * @param status field 7, a hint
 * @param unknownFields fields this version does not know
 */
public record JobProgress(
    String jobId,
    String stepId,
    int percent,
    String message,
    String resultPtr,
    List<String> artifactPtrs,
    JobStatus status,
    UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public JobProgress {
    jobId = Values.str(jobId);
    stepId = Values.str(stepId);
    message = Values.str(message);
    resultPtr = Values.str(resultPtr);
    artifactPtrs = Values.list(artifactPtrs);
    status = status == null ? JobStatus.UNSPECIFIED : status;
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
    b.stepId = stepId;
    b.percent = percent;
    b.message = message;
    b.resultPtr = resultPtr;
    b.artifactPtrs = artifactPtrs;
    b.status = status;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link JobProgress} values. */
  public static final class Builder {
    private String jobId = "";
    private String stepId = "";
    private int percent;
    private String message = "";
    private String resultPtr = "";
    private List<String> artifactPtrs = List.of();
    private JobStatus status = JobStatus.UNSPECIFIED;
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets jobId: field 1. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** Sets stepId: field 2. */
    public Builder stepId(String v) {
      this.stepId = v;
      return this;
    }

    /** Sets percent: field 3, 0 to 100. */
    public Builder percent(int v) {
      this.percent = v;
      return this;
    }

    /** Sets message: field 4. */
    public Builder message(String v) {
      this.message = v;
      return this;
    }

    /** Sets resultPtr: field 5. */
    public Builder resultPtr(String v) {
      this.resultPtr = v;
      return this;
    }

    /** Sets artifactPtrs: field 6. */
    public Builder artifactPtrs(List<String> v) {
      this.artifactPtrs = v;
      return this;
    }

    /** Sets artifactPtrs from values. */
    public Builder artifactPtrs(String... v) {
      this.artifactPtrs = List.of(v);
      return this;
    }

    /** Sets status: field 7, a hint. */
    public Builder status(JobStatus v) {
      this.status = v;
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public JobProgress build() {
      return new JobProgress(
          jobId, stepId, percent, message, resultPtr, artifactPtrs, status, unknownFields);
    }
  }
}
