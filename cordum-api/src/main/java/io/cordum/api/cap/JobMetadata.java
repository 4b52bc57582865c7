package io.cordum.api.cap;

import java.util.List;
import java.util.Map;

/**
 * Who asked for a job and what it needs ({@code cordum.agent.v1.JobMetadata}). {@link #requires()}
 * drives pool eligibility; {@link #labels()} is not used for placement (only the request labels
 * are).
 *
 * @param tenantId field 1
 * @param actorId field 2
 * @param actorType field 3
 * @param idempotencyKey field 4
 * @param capability field 5
 * @param riskTags field 6
 * @param requires field 7, capabilities a pool must offer to run the job
 * @param packId field 8
 * @param labels field 9
 * @param unknownFields fields this version does not know
 */
public record JobMetadata(
    String tenantId,
    String actorId,
    ActorType actorType,
    String idempotencyKey,
    String capability,
    List<String> riskTags,
    List<String> requires,
    String packId,
    Map<String, String> labels,
    UnknownFields unknownFields) {

  /** Copies maps and lists and turns nulls into proto3 defaults. */
  public JobMetadata {
    tenantId = Values.str(tenantId);
    actorId = Values.str(actorId);
    actorType = actorType == null ? ActorType.UNSPECIFIED : actorType;
    idempotencyKey = Values.str(idempotencyKey);
    capability = Values.str(capability);
    riskTags = Values.list(riskTags);
    requires = Values.list(requires);
    packId = Values.str(packId);
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
    b.tenantId = tenantId;
    b.actorId = actorId;
    b.actorType = actorType;
    b.idempotencyKey = idempotencyKey;
    b.capability = capability;
    b.riskTags = riskTags;
    b.requires = requires;
    b.packId = packId;
    b.labels = new java.util.LinkedHashMap<>(labels);
    b.unknownFields = unknownFields;
    return b;
  }

  /** Builds {@link JobMetadata} values. */
  public static final class Builder {
    private String tenantId = "";
    private String actorId = "";
    private ActorType actorType = ActorType.UNSPECIFIED;
    private String idempotencyKey = "";
    private String capability = "";
    private List<String> riskTags = List.of();
    private List<String> requires = List.of();
    private String packId = "";
    private Map<String, String> labels = new java.util.LinkedHashMap<>();
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets tenantId: field 1. */
    public Builder tenantId(String v) {
      this.tenantId = v;
      return this;
    }

    /** Sets actorId: field 2. */
    public Builder actorId(String v) {
      this.actorId = v;
      return this;
    }

    /** Sets actorType: field 3. */
    public Builder actorType(ActorType v) {
      this.actorType = v;
      return this;
    }

    /** Sets idempotencyKey: field 4. */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = v;
      return this;
    }

    /** Sets capability: field 5. */
    public Builder capability(String v) {
      this.capability = v;
      return this;
    }

    /** Sets riskTags: field 6. */
    public Builder riskTags(List<String> v) {
      this.riskTags = v;
      return this;
    }

    /** Sets riskTags from values. */
    public Builder riskTags(String... v) {
      this.riskTags = List.of(v);
      return this;
    }

    /** Sets requires: field 7, capabilities a pool must offer to run the job. */
    public Builder requires(List<String> v) {
      this.requires = v;
      return this;
    }

    /** Sets requires from values. */
    public Builder requires(String... v) {
      this.requires = List.of(v);
      return this;
    }

    /** Sets packId: field 8. */
    public Builder packId(String v) {
      this.packId = v;
      return this;
    }

    /** Sets labels: field 9. */
    public Builder labels(Map<String, String> v) {
      this.labels = v == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(v);
      return this;
    }

    /** Adds one entry to labels. */
    public Builder putLabels(String key, String value) {
      this.labels.put(key, value);
      return this;
    }

    /** Sets unknownFields: fields this version does not know. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the record. */
    public JobMetadata build() {
      return new JobMetadata(
          tenantId,
          actorId,
          actorType,
          idempotencyKey,
          capability,
          riskTags,
          requires,
          packId,
          labels,
          unknownFields);
    }
  }
}
