package io.cordum.api.dlq;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobState;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A dead-lettered job (Cordum's {@code DLQEntry}), plus the job's full request so that a retry can
 * clone it.
 *
 * @param jobId the job, required
 * @param topic the job's pool topic
 * @param tenant the job's tenant
 * @param status the final status of the job's result ({@code JOB_STATUS_FAILED}, ...), or {@code
 *     null} if unknown
 * @param reason a human-readable explanation (Cordum's API shows it as {@code error_message})
 * @param reasonCode the machine-readable reason, such as {@code max_retries_exceeded} ({@code
 *     error_code})
 * @param lastState the job's state when it was dead-lettered, or {@code null} if unknown
 * @param attempts how many dispatch attempts the job had
 * @param createdAt when the entry was added (microsecond precision)
 * @param request the job's original request, or {@code null} if it was not available
 */
public record DeadLetterEntry(
    String jobId,
    String topic,
    String tenant,
    @Nullable JobStatus status,
    String reason,
    String reasonCode,
    @Nullable JobState lastState,
    int attempts,
    Instant createdAt,
    @Nullable JobRequest request) {

  /** Turns null strings into empty ones; the job id and the time are required. */
  public DeadLetterEntry {
    Objects.requireNonNull(jobId, "jobId");
    topic = topic == null ? "" : topic;
    tenant = tenant == null ? "" : tenant;
    reason = reason == null ? "" : reason;
    reasonCode = reasonCode == null ? "" : reasonCode;
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A builder; {@code jobId} and {@code createdAt} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's values. */
  public Builder toBuilder() {
    return new Builder()
        .jobId(jobId)
        .topic(topic)
        .tenant(tenant)
        .status(status)
        .reason(reason)
        .reasonCode(reasonCode)
        .lastState(lastState)
        .attempts(attempts)
        .createdAt(createdAt)
        .request(request);
  }

  /** Builds {@link DeadLetterEntry} values. */
  public static final class Builder {
    private String jobId = "";
    private String topic = "";
    private String tenant = "";
    private @Nullable JobStatus status;
    private String reason = "";
    private String reasonCode = "";
    private @Nullable JobState lastState;
    private int attempts;
    private Instant createdAt = Instant.EPOCH;
    private @Nullable JobRequest request;

    private Builder() {}

    /** The job id. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** The pool topic. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** The final result status. */
    public Builder status(@Nullable JobStatus v) {
      this.status = v;
      return this;
    }

    /** The reason. */
    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    /** The reason code. */
    public Builder reasonCode(String v) {
      this.reasonCode = v;
      return this;
    }

    /** The job's state when dead-lettered. */
    public Builder lastState(@Nullable JobState v) {
      this.lastState = v;
      return this;
    }

    /** The attempt count. */
    public Builder attempts(int v) {
      this.attempts = v;
      return this;
    }

    /** When the entry was added. */
    public Builder createdAt(Instant v) {
      this.createdAt = v;
      return this;
    }

    /** The original request. */
    public Builder request(@Nullable JobRequest v) {
      this.request = v;
      return this;
    }

    /** Builds the entry. */
    public DeadLetterEntry build() {
      return new DeadLetterEntry(
          jobId,
          topic,
          tenant,
          status,
          reason,
          reasonCode,
          lastState,
          attempts,
          createdAt,
          request);
    }
  }
}
