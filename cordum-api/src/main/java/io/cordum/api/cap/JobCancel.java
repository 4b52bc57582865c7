package io.cordum.api.cap;

/**
 * A request to cancel a job ({@code cordum.agent.v1.JobCancel}) on {@code sys.job.cancel}; every
 * worker receives it.
 *
 * @param jobId field 1
 * @param reason field 2
 * @param requestedBy field 3
 * @param unknownFields fields this version does not know
 */
public record JobCancel(
    String jobId, String reason, String requestedBy, UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public JobCancel {
    jobId = Values.str(jobId);
    reason = Values.str(reason);
    requestedBy = Values.str(requestedBy);
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
    b.reason = reason;
    b.requestedBy = requestedBy;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link JobCancel} values. */
  public static final class Builder {
    private String jobId = "";
    private String reason = "";
    private String requestedBy = "";
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets jobId: field 1. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** Sets reason: field 2. */
    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    /** Sets requestedBy: field 3. */
    public Builder requestedBy(String v) {
      this.requestedBy = v;
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public JobCancel build() {
      return new JobCancel(jobId, reason, requestedBy, unknownFields);
    }
  }
}
