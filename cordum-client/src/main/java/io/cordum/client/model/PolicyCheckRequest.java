package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A job as the safety kernel would see it, to evaluate, simulate or explain a decision without
 * running anything. Build it with {@link #builder(String)}; only the topic is required.
 *
 * @param jobId a job id (default: one made up)
 * @param topic the topic
 * @param tenant the tenant (default: the key's)
 * @param orgId the tenant, Cordum's other name for it
 * @param teamId the team
 * @param workflowId the workflow
 * @param stepId the step
 * @param principalId the principal (default: the key's)
 * @param priority the priority
 * @param estimatedCost an estimated cost
 * @param budget token and time budgets, or {@code null}
 * @param labels labels
 * @param memoryId the memory id
 * @param effectiveConfig the effective config to decide with (default: the gateway computes it)
 * @param meta job metadata, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PolicyCheckRequest(
    String jobId,
    String topic,
    String tenant,
    String orgId,
    String teamId,
    String workflowId,
    String stepId,
    String principalId,
    String priority,
    double estimatedCost,
    @Nullable Budget budget,
    Map<String, String> labels,
    String memoryId,
    @Nullable Object effectiveConfig,
    @Nullable Meta meta) {

  /** Normalizes nulls. */
  public PolicyCheckRequest {
    jobId = Norm.s(jobId);
    topic = Norm.s(topic);
    tenant = Norm.s(tenant);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
    workflowId = Norm.s(workflowId);
    stepId = Norm.s(stepId);
    principalId = Norm.s(principalId);
    priority = Norm.s(priority);
    labels = Norm.map(labels);
    memoryId = Norm.s(memoryId);
  }

  /** A builder for a check of this topic. */
  public static Builder builder(String topic) {
    return new Builder(topic);
  }

  /**
   * Token and time budgets.
   *
   * @param maxInputTokens input tokens
   * @param maxOutputTokens output tokens
   * @param maxTotalTokens total tokens
   * @param deadlineMs deadline in milliseconds
   */
  public record Budget(
      long maxInputTokens, long maxOutputTokens, long maxTotalTokens, long deadlineMs) {}

  /**
   * Job metadata the rules match on.
   *
   * @param actorId who asks
   * @param actorType {@code human} or {@code service}
   * @param idempotencyKey an idempotency key
   * @param capability the capability
   * @param riskTags risk tags
   * @param requires required capabilities
   * @param packId the pack
   * @param labels labels
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Meta(
      String actorId,
      String actorType,
      String idempotencyKey,
      String capability,
      List<String> riskTags,
      List<String> requires,
      String packId,
      Map<String, String> labels) {
    /** Normalizes nulls. */
    public Meta {
      actorId = Norm.s(actorId);
      actorType = Norm.s(actorType);
      idempotencyKey = Norm.s(idempotencyKey);
      capability = Norm.s(capability);
      riskTags = Norm.list(riskTags);
      requires = Norm.list(requires);
      packId = Norm.s(packId);
      labels = Norm.map(labels);
    }
  }

  /** Builds a {@link PolicyCheckRequest}. */
  public static final class Builder {
    private final String topic;
    private String jobId = "";
    private String tenant = "";
    private String teamId = "";
    private String workflowId = "";
    private String stepId = "";
    private String principalId = "";
    private String priority = "";
    private double estimatedCost;
    private @Nullable Budget budget;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String memoryId = "";
    private @Nullable Object effectiveConfig;
    private String actorId = "";
    private String actorType = "";
    private String capability = "";
    private final List<String> riskTags = new ArrayList<>();
    private final List<String> requires = new ArrayList<>();
    private String packId = "";

    private Builder(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** A job id. */
    public Builder jobId(String v) {
      this.jobId = v;
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** The team. */
    public Builder teamId(String v) {
      this.teamId = v;
      return this;
    }

    /** The workflow and step. */
    public Builder workflowStep(String workflow, String step) {
      this.workflowId = workflow;
      this.stepId = step;
      return this;
    }

    /** The principal. */
    public Builder principalId(String v) {
      this.principalId = v;
      return this;
    }

    /** The priority. */
    public Builder priority(String v) {
      this.priority = v;
      return this;
    }

    /** An estimated cost. */
    public Builder estimatedCost(double v) {
      this.estimatedCost = v;
      return this;
    }

    /** Budgets. */
    public Builder budget(Budget v) {
      this.budget = v;
      return this;
    }

    /** Adds a label. */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /** The memory id. */
    public Builder memoryId(String v) {
      this.memoryId = v;
      return this;
    }

    /** The effective config to decide with. */
    public Builder effectiveConfig(Object v) {
      this.effectiveConfig = v;
      return this;
    }

    /** Who asks, and whether a {@code human} or a {@code service}. */
    public Builder actor(String id, String type) {
      this.actorId = id;
      this.actorType = type;
      return this;
    }

    /** The capability. */
    public Builder capability(String v) {
      this.capability = v;
      return this;
    }

    /** Adds risk tags. */
    public Builder riskTags(List<String> v) {
      riskTags.addAll(v);
      return this;
    }

    /** Adds required capabilities. */
    public Builder requires(List<String> v) {
      requires.addAll(v);
      return this;
    }

    /** The pack. */
    public Builder packId(String v) {
      this.packId = v;
      return this;
    }

    /** Builds the request. */
    public PolicyCheckRequest build() {
      Meta meta =
          new Meta(actorId, actorType, "", capability, riskTags, requires, packId, Map.of());
      boolean emptyMeta =
          actorId.isEmpty()
              && actorType.isEmpty()
              && capability.isEmpty()
              && riskTags.isEmpty()
              && requires.isEmpty()
              && packId.isEmpty();
      return new PolicyCheckRequest(
          jobId,
          topic,
          tenant,
          "",
          teamId,
          workflowId,
          stepId,
          principalId,
          priority,
          estimatedCost,
          budget,
          labels,
          memoryId,
          effectiveConfig,
          emptyMeta ? null : meta);
    }
  }
}
