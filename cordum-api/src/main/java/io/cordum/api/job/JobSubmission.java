package io.cordum.api.job;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job to submit through {@link JobClient#submit}: the CAP request plus its input and trace.
 * Build it with {@link #builder()}; a missing job id is generated, a missing trace id defaults to
 * the job id.
 */
public final class JobSubmission {
  private final JobRequest request;
  private final byte @Nullable [] input;
  private final String traceId;

  private JobSubmission(JobRequest request, byte @Nullable [] input, String traceId) {
    this.request = request;
    this.input = input;
    this.traceId = traceId;
  }

  /** Wraps a complete request (its job id may be empty, then one is generated). */
  public static JobSubmission of(JobRequest request) {
    return new JobSubmission(request, null, "");
  }

  /**
   * Wraps a complete request with its input and trace (used to resubmit a cloned request, such as
   * a retry from the dead-letter queue).
   *
   * @param input the input bytes (copied), or {@code null} to keep the request's context pointer
   * @param traceId the trace, or {@code ""} to use the job id
   */
  public static JobSubmission of(JobRequest request, byte @Nullable [] input, String traceId) {
    return new JobSubmission(request, input == null ? null : input.clone(),
        Objects.requireNonNull(traceId, "traceId"));
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The request to submit. */
  public JobRequest request() {
    return request;
  }

  /** A copy of the input bytes, or {@code null} when the job has no input. */
  public byte @Nullable [] input() {
    return input == null ? null : input.clone();
  }

  /** The trace id, or {@code ""} to use the job id. */
  public String traceId() {
    return traceId;
  }

  @Override
  public String toString() {
    return "JobSubmission[request=" + request + ", inputBytes="
        + (input == null ? "none" : input.length) + ", traceId=" + traceId + "]";
  }

  /** Builds {@link JobSubmission}s. Only the topic is required. */
  public static final class Builder {
    private final JobRequest.Builder request = JobRequest.builder();
    private final JobMetadata.Builder meta = JobMetadata.builder();
    private boolean metaSet;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> requires = new ArrayList<>();
    private byte @Nullable [] input;
    private String traceId = "";

    private Builder() {}

    /** The job id; generated when not set. */
    public Builder jobId(String v) {
      request.jobId(v);
      return this;
    }

    /** The pool topic, such as {@code job.default}. Required. */
    public Builder topic(String v) {
      request.topic(v);
      return this;
    }

    /** The input bytes, stored behind the job's context pointer. */
    public Builder input(byte[] v) {
      this.input = v.clone();
      return this;
    }

    /** The input as UTF-8 text (for example JSON). */
    public Builder input(String v) {
      this.input = v.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      request.tenantId(v);
      return this;
    }

    /** The principal (who the job runs for). */
    public Builder principal(String v) {
      request.principalId(v);
      return this;
    }

    /** The priority hint. */
    public Builder priority(JobPriority v) {
      request.priority(v);
      return this;
    }

    /** A label: a routing hint or a placement constraint that workers' labels must match. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** An env entry passed to the worker. */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** Capabilities a pool must offer to run the job. */
    public Builder requires(String... capabilities) {
      requires.addAll(List.of(capabilities));
      metaSet = true;
      return this;
    }

    /** The capability the job exercises (for policy). */
    public Builder capability(String v) {
      meta.capability(v);
      metaSet = true;
      return this;
    }

    /** Risk tags (for policy). */
    public Builder riskTags(String... v) {
      meta.riskTags(v);
      metaSet = true;
      return this;
    }

    /** Who asks for the job. */
    public Builder actor(String actorId, ActorType type) {
      meta.actorId(actorId).actorType(type);
      metaSet = true;
      return this;
    }

    /** The pack the job belongs to. */
    public Builder packId(String v) {
      meta.packId(v);
      metaSet = true;
      return this;
    }

    /**
     * An idempotency key: a second submit with the same key (and tenant) returns the first job
     * instead of creating a new one.
     */
    public Builder idempotencyKey(String v) {
      meta.idempotencyKey(v);
      metaSet = true;
      return this;
    }

    /** How long the job may take in total before it times out. */
    public Builder deadline(Duration v) {
      request.budget(Budget.ofDeadline(v));
      return this;
    }

    /** The trace the job belongs to; defaults to the job id. */
    public Builder traceId(String v) {
      this.traceId = Objects.requireNonNull(v, "traceId");
      return this;
    }

    /** The workflow the job belongs to. */
    public Builder workflowId(String v) {
      request.workflowId(v);
      return this;
    }

    /** The parent job. */
    public Builder parentJobId(String v) {
      request.parentJobId(v);
      return this;
    }

    /** The memory id. */
    public Builder memoryId(String v) {
      request.memoryId(v);
      return this;
    }

    /** Builds the submission. */
    public JobSubmission build() {
      if (!labels.isEmpty()) {
        request.labels(labels);
      }
      if (!env.isEmpty()) {
        request.env(env);
      }
      if (metaSet) {
        if (!requires.isEmpty()) {
          meta.requires(requires);
        }
        request.meta(meta.build());
      }
      return new JobSubmission(request.build(), input, traceId);
    }
  }
}
