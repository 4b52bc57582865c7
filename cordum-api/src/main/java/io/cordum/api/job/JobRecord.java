package io.cordum.api.job;

import io.cordum.api.cap.ActorType;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job as the store holds it: its state plus the metadata taken from its request. Immutable; every
 * write gives a new record with a higher {@link #version()}. Timestamps have microsecond precision.
 *
 * @param id the job id
 * @param traceId the trace it belongs to, if any
 * @param state the current state
 * @param topic the pool topic
 * @param tenant the tenant, by the rule of {@link Tenants}
 * @param team env {@code team_id}
 * @param principal the principal id
 * @param actorId meta actor id, or the principal
 * @param actorType meta actor type
 * @param idempotencyKey meta idempotency key
 * @param capability meta capability
 * @param riskTags meta risk tags
 * @param requires meta requires
 * @param packId meta pack id
 * @param labels request labels merged with meta labels (meta wins)
 * @param memoryId the memory id
 * @param workflowId the workflow id, if any
 * @param attempts how many times the job entered SCHEDULED from another state
 * @param version increases with every write; the compare-and-set token of {@link
 *     Transition#expectedVersion()}
 * @param createdAt when the record was created
 * @param updatedAt when the state was last set
 * @param deadline when the job times out regardless of state; absent for none
 * @param wakeAt when the scheduler must look at the job again (retry backoff, dispatch or running
 *     timeout); absent for none
 * @param resultPtr pointer to the output, once reported
 * @param workerId the worker that reported the result
 * @param reasonCode why the job failed or was retried, such as {@code no_pool_mapping}; empty on
 *     success
 * @param reason a human-readable explanation of {@link #reasonCode()}
 * @param safety the latest safety decision, if any
 */
public record JobRecord(
    String id,
    String traceId,
    JobState state,
    String topic,
    String tenant,
    String team,
    String principal,
    String actorId,
    ActorType actorType,
    String idempotencyKey,
    String capability,
    List<String> riskTags,
    List<String> requires,
    String packId,
    Map<String, String> labels,
    String memoryId,
    String workflowId,
    int attempts,
    long version,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant deadline,
    @Nullable Instant wakeAt,
    String resultPtr,
    String workerId,
    String reasonCode,
    String reason,
    @Nullable SafetyDecisionRecord safety) {

  /** Copies maps and lists and turns nulls into empty values; state and times are required. */
  public JobRecord {
    java.util.Objects.requireNonNull(state, "state");
    java.util.Objects.requireNonNull(createdAt, "createdAt");
    java.util.Objects.requireNonNull(updatedAt, "updatedAt");
    id = id == null ? "" : id;
    traceId = traceId == null ? "" : traceId;
    topic = topic == null ? "" : topic;
    tenant = tenant == null ? "" : tenant;
    team = team == null ? "" : team;
    principal = principal == null ? "" : principal;
    actorId = actorId == null ? "" : actorId;
    idempotencyKey = idempotencyKey == null ? "" : idempotencyKey;
    capability = capability == null ? "" : capability;
    riskTags = riskTags == null ? List.of() : List.copyOf(riskTags);
    requires = requires == null ? List.of() : List.copyOf(requires);
    packId = packId == null ? "" : packId;
    labels =
        labels == null || labels.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    memoryId = memoryId == null ? "" : memoryId;
    workflowId = workflowId == null ? "" : workflowId;
    resultPtr = resultPtr == null ? "" : resultPtr;
    workerId = workerId == null ? "" : workerId;
    reasonCode = reasonCode == null ? "" : reasonCode;
    reason = reason == null ? "" : reason;
  }

  /** Whether the job has ended. */
  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.traceId = traceId;
    b.state = state;
    b.topic = topic;
    b.tenant = tenant;
    b.team = team;
    b.principal = principal;
    b.actorId = actorId;
    b.actorType = actorType;
    b.idempotencyKey = idempotencyKey;
    b.capability = capability;
    b.riskTags = riskTags;
    b.requires = requires;
    b.packId = packId;
    b.labels = labels; // copied by putLabels before a change (a record's map is unmodifiable)
    b.labelsShared = true;
    b.memoryId = memoryId;
    b.workflowId = workflowId;
    b.attempts = attempts;
    b.version = version;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.deadline = deadline;
    b.wakeAt = wakeAt;
    b.resultPtr = resultPtr;
    b.workerId = workerId;
    b.reasonCode = reasonCode;
    b.reason = reason;
    b.safety = safety;
    return b;
  }

  /** Builds {@link JobRecord} values. */
  public static final class Builder {
    private String id = "";
    private String traceId = "";
    private JobState state = JobState.PENDING;
    private String topic = "";
    private String tenant = "";
    private String team = "";
    private String principal = "";
    private String actorId = "";
    private ActorType actorType = ActorType.UNSPECIFIED;
    private String idempotencyKey = "";
    private String capability = "";
    private List<String> riskTags = List.of();
    private List<String> requires = List.of();
    private String packId = "";
    private Map<String, String> labels = Map.of();
    // Whether labels is a record's unmodifiable map, to copy before putLabels changes it.
    private boolean labelsShared = true;
    private String memoryId = "";
    private String workflowId = "";
    private int attempts;
    private long version;
    private Instant createdAt = Instant.EPOCH;
    private Instant updatedAt = Instant.EPOCH;
    private @Nullable Instant deadline = null;
    private @Nullable Instant wakeAt = null;
    private String resultPtr = "";
    private String workerId = "";
    private String reasonCode = "";
    private String reason = "";
    private @Nullable SafetyDecisionRecord safety = null;

    private Builder() {}

    /** Sets id: the job id. */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** Sets traceId: the trace it belongs to, if any. */
    public Builder traceId(String v) {
      this.traceId = v;
      return this;
    }

    /** Sets state: the current state. */
    public Builder state(JobState v) {
      this.state = v;
      return this;
    }

    /** Sets topic: the pool topic. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** Sets tenant: the tenant, by the rule of {@link Tenants}. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** Sets team: env {@code team_id}. */
    public Builder team(String v) {
      this.team = v;
      return this;
    }

    /** Sets principal: the principal id. */
    public Builder principal(String v) {
      this.principal = v;
      return this;
    }

    /** Sets actorId: meta actor id, or the principal. */
    public Builder actorId(String v) {
      this.actorId = v;
      return this;
    }

    /** Sets actorType: meta actor type. */
    public Builder actorType(ActorType v) {
      this.actorType = v;
      return this;
    }

    /** Sets idempotencyKey: meta idempotency key. */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = v;
      return this;
    }

    /** Sets capability: meta capability. */
    public Builder capability(String v) {
      this.capability = v;
      return this;
    }

    /** Sets riskTags: meta risk tags. */
    public Builder riskTags(List<String> v) {
      this.riskTags = v;
      return this;
    }

    /** Sets riskTags from values. */
    public Builder riskTags(String... v) {
      this.riskTags = List.of(v);
      return this;
    }

    /** Sets requires: meta requires. */
    public Builder requires(List<String> v) {
      this.requires = v;
      return this;
    }

    /** Sets requires from values. */
    public Builder requires(String... v) {
      this.requires = List.of(v);
      return this;
    }

    /** Sets packId: meta pack id. */
    public Builder packId(String v) {
      this.packId = v;
      return this;
    }

    /** Sets labels: request labels merged with meta labels (meta wins). */
    public Builder labels(Map<String, String> v) {
      this.labels = v == null ? Map.of() : new java.util.LinkedHashMap<>(v);
      this.labelsShared = v == null;
      return this;
    }

    /** Adds one entry to labels. */
    public Builder putLabels(String key, String value) {
      if (labelsShared) {
        this.labels = new java.util.LinkedHashMap<>(labels);
        this.labelsShared = false;
      }
      this.labels.put(key, value);
      return this;
    }

    /** Sets memoryId: the memory id. */
    public Builder memoryId(String v) {
      this.memoryId = v;
      return this;
    }

    /** Sets workflowId: the workflow id, if any. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** Sets attempts: how many times the job entered SCHEDULED from another state. */
    public Builder attempts(int v) {
      this.attempts = v;
      return this;
    }

    /**
     * Sets version: increases with every write; the compare-and-set token of {@link
     * Transition#expectedVersion()}.
     */
    public Builder version(long v) {
      this.version = v;
      return this;
    }

    /** Sets createdAt: when the record was created. */
    public Builder createdAt(Instant v) {
      this.createdAt = v;
      return this;
    }

    /** Sets updatedAt: when the state was last set. */
    public Builder updatedAt(Instant v) {
      this.updatedAt = v;
      return this;
    }

    /** Sets deadline: when the job times out regardless of state; absent for none. */
    public Builder deadline(@Nullable Instant v) {
      this.deadline = v;
      return this;
    }

    /**
     * Sets wakeAt: when the scheduler must look at the job again (retry backoff, dispatch or
     * running timeout); absent for none.
     */
    public Builder wakeAt(@Nullable Instant v) {
      this.wakeAt = v;
      return this;
    }

    /** Sets resultPtr: pointer to the output, once reported. */
    public Builder resultPtr(String v) {
      this.resultPtr = v;
      return this;
    }

    /** Sets workerId: the worker that reported the result. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /**
     * Sets reasonCode: why the job failed or was retried, such as {@code no_pool_mapping}; empty on
     * success.
     */
    public Builder reasonCode(String v) {
      this.reasonCode = v;
      return this;
    }

    /** Sets reason: a human-readable explanation of {@link #reasonCode()}. */
    public Builder reason(String v) {
      this.reason = v;
      return this;
    }

    /** Sets safety: the latest safety decision, if any. */
    public Builder safety(@Nullable SafetyDecisionRecord v) {
      this.safety = v;
      return this;
    }

    /** Builds the record. */
    public JobRecord build() {
      return new JobRecord(
          id,
          traceId,
          state,
          topic,
          tenant,
          team,
          principal,
          actorId,
          actorType,
          idempotencyKey,
          capability,
          riskTags,
          requires,
          packId,
          labels,
          memoryId,
          workflowId,
          attempts,
          version,
          createdAt,
          updatedAt,
          deadline,
          wakeAt,
          resultPtr,
          workerId,
          reasonCode,
          reason,
          safety);
    }
  }
}
