package io.cordum.api.cap;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request to run a job ({@code cordum.agent.v1.JobRequest}). {@link #jobId()} and {@link
 * #topic()} are required; everything else is optional. Published on {@code sys.job.submit} by
 * clients and on a pool topic or a worker's direct subject by the scheduler.
 *
 * @param jobId field 1, globally unique, required
 * @param topic field 2, the pool topic such as {@code job.default}, required
 * @param priority field 3, a hint the scheduler does not order by
 * @param contextPtr field 4, pointer to the input, such as {@code redis://ctx:<job_id>}
 * @param adapterId field 5
 * @param env field 6, free metadata; the scheduler adds {@code CORDUM_*} keys
 * @param parentJobId field 7
 * @param workflowId field 8
 * @param stepIndex field 9
 * @param memoryId field 10
 * @param contextHints field 11
 * @param budget field 12; its deadline bounds the job
 * @param tenantId field 13
 * @param principalId field 14
 * @param labels field 15, routing hints and placement constraints
 * @param meta field 16
 * @param unknownFields fields this version does not know
 */
public record JobRequest(
    String jobId,
    String topic,
    JobPriority priority,
    String contextPtr,
    String adapterId,
    Map<String, String> env,
    String parentJobId,
    String workflowId,
    int stepIndex,
    String memoryId,
    @Nullable ContextHints contextHints,
    @Nullable Budget budget,
    String tenantId,
    String principalId,
    Map<String, String> labels,
    @Nullable JobMetadata meta,
    UnknownFields unknownFields)
    implements Payload {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public JobRequest {
    jobId = Values.str(jobId);
    topic = Values.str(topic);
    priority = priority == null ? JobPriority.UNSPECIFIED : priority;
    contextPtr = Values.str(contextPtr);
    adapterId = Values.str(adapterId);
    env = Values.map(env);
    parentJobId = Values.str(parentJobId);
    workflowId = Values.str(workflowId);
    memoryId = Values.str(memoryId);
    tenantId = Values.str(tenantId);
    principalId = Values.str(principalId);
    labels = Values.map(labels);
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
    b.topic = topic;
    b.priority = priority;
    b.contextPtr = contextPtr;
    b.adapterId = adapterId;
    b.env = new java.util.LinkedHashMap<>(env);
    b.parentJobId = parentJobId;
    b.workflowId = workflowId;
    b.stepIndex = stepIndex;
    b.memoryId = memoryId;
    b.contextHints = contextHints;
    b.budget = budget;
    b.tenantId = tenantId;
    b.principalId = principalId;
    b.labels = new java.util.LinkedHashMap<>(labels);
    b.meta = meta;
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link JobRequest} values. */
  public static final class Builder {
    private String jobId = "";
    private String topic = "";
    private JobPriority priority = JobPriority.UNSPECIFIED;
    private String contextPtr = "";
    private String adapterId = "";
    private Map<String, String> env = new java.util.LinkedHashMap<>();
    private String parentJobId = "";
    private String workflowId = "";
    private int stepIndex;
    private String memoryId = "";
    private @Nullable ContextHints contextHints = null;
    private @Nullable Budget budget = null;
    private String tenantId = "";
    private String principalId = "";
    private Map<String, String> labels = new java.util.LinkedHashMap<>();
    private @Nullable JobMetadata meta = null;
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets jobId: field 1, globally unique, required. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** Sets topic: field 2, the pool topic such as {@code job.default}, required. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** Sets priority: field 3, a hint the scheduler does not order by. */
    public Builder priority(JobPriority v) {
      this.priority = v;
      return this;
    }

    /** Sets contextPtr: field 4, pointer to the input, such as {@code redis://ctx:<job_id>}. */
    public Builder contextPtr(String v) {
      this.contextPtr = v;
      return this;
    }

    /** Sets adapterId: field 5. */
    public Builder adapterId(String v) {
      this.adapterId = v;
      return this;
    }

    /** Sets env: field 6, free metadata; the scheduler adds {@code CORDUM_*} keys. */
    public Builder env(Map<String, String> v) {
      this.env = v == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(v);
      return this;
    }

    /** Adds one entry to env. */
    public Builder putEnv(String key, String value) {
      this.env.put(key, value);
      return this;
    }

    /** Sets parentJobId: field 7. */
    public Builder parentJobId(String v) {
      this.parentJobId = v;
      return this;
    }

    /** Sets workflowId: field 8. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** Sets stepIndex: field 9. */
    public Builder stepIndex(int v) {
      this.stepIndex = v;
      return this;
    }

    /** Sets memoryId: field 10. */
    public Builder memoryId(String v) {
      this.memoryId = v;
      return this;
    }

    /** Sets contextHints: field 11. */
    public Builder contextHints(@Nullable ContextHints v) {
      this.contextHints = v;
      return this;
    }

    /** Sets budget: field 12; its deadline bounds the job. */
    public Builder budget(@Nullable Budget v) {
      this.budget = v;
      return this;
    }

    /** Sets tenantId: field 13. */
    public Builder tenantId(String v) {
      this.tenantId = v;
      return this;
    }

    /** Sets principalId: field 14. */
    public Builder principalId(String v) {
      this.principalId = v;
      return this;
    }

    /** Sets labels: field 15, routing hints and placement constraints. */
    public Builder labels(Map<String, String> v) {
      this.labels = v == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(v);
      return this;
    }

    /** Adds one entry to labels. */
    public Builder putLabels(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** Sets meta: field 16. */
    public Builder meta(@Nullable JobMetadata v) {
      this.meta = v;
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public JobRequest build() {
      return new JobRequest(
          jobId,
          topic,
          priority,
          contextPtr,
          adapterId,
          env,
          parentJobId,
          workflowId,
          stepIndex,
          memoryId,
          contextHints,
          budget,
          tenantId,
          principalId,
          labels,
          meta,
          unknownFields);
    }
  }
}
