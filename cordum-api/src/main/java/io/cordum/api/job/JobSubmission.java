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
 * A job to submit through {@link JobClient#submit}: the CAP request plus its input and trace. Build
 * it with {@link #builder()}; a missing job id is generated, a missing trace id defaults to the job
 * id.
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
    return new JobSubmission(Objects.requireNonNull(request, "request"), null, "");
  }

  /**
   * Wraps a complete request with its input and trace (used to resubmit a cloned request, such as a
   * retry from the dead-letter queue).
   *
   * @param input the input bytes (copied), or {@code null} to keep the request's context pointer
   * @param traceId the trace, or {@code ""} to use the job id
   */
  public static JobSubmission of(JobRequest request, byte @Nullable [] input, String traceId) {
    return new JobSubmission(
        Objects.requireNonNull(request, "request"),
        input == null ? null : input.clone(),
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
    return "JobSubmission[request="
        + request
        + ", inputBytes="
        + (input == null ? "none" : input.length)
        + ", traceId="
        + traceId
        + "]";
  }

  /** Builds {@link JobSubmission}s. Only the topic is required. */
  public static final class Builder {
    private final JobRequest.Builder request = JobRequest.builder();
    private final JobMetadata.Builder meta = JobMetadata.builder();
    private boolean metaSet;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> metaLabels = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> requires = new ArrayList<>();
    private byte @Nullable [] input;
    private String traceId = "";

    private Builder() {}

    /** The job id; generated when not set. */
    public Builder jobId(String v) {
      Objects.requireNonNull(v, "jobId");
      request.jobId(v);
      return this;
    }

    /** The pool topic, such as {@code job.default}. Required. */
    public Builder topic(String v) {
      Objects.requireNonNull(v, "topic");
      request.topic(v);
      return this;
    }

    /** The input bytes, stored behind the job's context pointer. */
    public Builder input(byte[] v) {
      this.input = Objects.requireNonNull(v, "input").clone();
      return this;
    }

    /** The input as UTF-8 text (for example JSON). */
    public Builder input(String v) {
      this.input = Objects.requireNonNull(v, "input").getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      Objects.requireNonNull(v, "tenant");
      request.tenantId(v);
      return this;
    }

    /** The principal (who the job runs for). */
    public Builder principal(String v) {
      Objects.requireNonNull(v, "principal");
      request.principalId(v);
      return this;
    }

    /** The priority hint. */
    public Builder priority(JobPriority v) {
      Objects.requireNonNull(v, "priority");
      request.priority(v);
      return this;
    }

    /**
     * A descriptive label, such as {@code team=billing}: shown on the job's record, seen by the
     * safety policy and by workers ({@code meta.labels} on the wire), never a condition on where
     * the job runs. For a condition, use {@link #placement(String, String)}.
     *
     * @throws NullPointerException naming the key or the value when one is null
     */
    public Builder label(String key, String value) {
      metaLabels.put(
          Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
      metaSet = true;
      return this;
    }

    /**
     * A placement constraint: the job runs only on a worker whose heartbeat labels have {@code
     * key=value} (for example {@code region=eu}); until one heartbeats, it waits with reason {@code
     * no_workers} naming the labels, and fails after the scheduling wait. Also seen by the safety
     * policy ({@code labels} of the request on the wire). Routing hints such as {@code
     * preferred_worker_id} go here too.
     *
     * @throws NullPointerException naming the key or the value when one is null
     */
    public Builder placement(String key, String value) {
      labels.put(
          Objects.requireNonNull(key, "placement key"),
          Objects.requireNonNull(value, "placement value"));
      return this;
    }

    /** An env entry passed to the worker. */
    public Builder env(String key, String value) {
      env.put(Objects.requireNonNull(key, "env key"), Objects.requireNonNull(value, "env value"));
      return this;
    }

    /** Capabilities a pool must offer to run the job. */
    public Builder requires(String... capabilities) {
      requires.addAll(List.of(Objects.requireNonNull(capabilities, "capabilities")));
      metaSet = true;
      return this;
    }

    /** The capability the job exercises (for policy). */
    public Builder capability(String v) {
      Objects.requireNonNull(v, "capability");
      meta.capability(v);
      metaSet = true;
      return this;
    }

    /** Risk tags (for policy). */
    public Builder riskTags(String... v) {
      meta.riskTags(List.of(Objects.requireNonNull(v, "riskTags")));
      metaSet = true;
      return this;
    }

    /** Who asks for the job. */
    public Builder actor(String actorId, ActorType type) {
      meta.actorId(Objects.requireNonNull(actorId, "actorId"))
          .actorType(Objects.requireNonNull(type, "type"));
      metaSet = true;
      return this;
    }

    /** The pack the job belongs to. */
    public Builder packId(String v) {
      Objects.requireNonNull(v, "packId");
      meta.packId(v);
      metaSet = true;
      return this;
    }

    /**
     * An idempotency key: a second submit with the same key (and tenant) returns the first job
     * instead of creating a new one.
     */
    public Builder idempotencyKey(String v) {
      Objects.requireNonNull(v, "idempotencyKey");
      meta.idempotencyKey(v);
      metaSet = true;
      return this;
    }

    /**
     * How long the job may take in total before it times out.
     *
     * @throws io.cordum.api.ValidationException if it is under one millisecond (the wire counts
     *     whole milliseconds and 0 means no deadline, so a shorter one would silently be none)
     */
    public Builder deadline(Duration v) {
      Objects.requireNonNull(v, "deadline");
      if (v.toMillis() < 1) {
        throw new io.cordum.api.ValidationException(
            "deadline",
            "must be at least 1 ms (0 on"
                + " the wire means no deadline: leave it unset for none); was "
                + v);
      }
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
      Objects.requireNonNull(v, "workflowId");
      request.workflowId(v);
      return this;
    }

    /** The parent job. */
    public Builder parentJobId(String v) {
      Objects.requireNonNull(v, "parentJobId");
      request.parentJobId(v);
      return this;
    }

    /** The memory id. */
    public Builder memoryId(String v) {
      Objects.requireNonNull(v, "memoryId");
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
        if (!metaLabels.isEmpty()) {
          meta.labels(metaLabels);
        }
        request.meta(meta.build());
      }
      return new JobSubmission(request.build(), input, traceId);
    }
  }
}
