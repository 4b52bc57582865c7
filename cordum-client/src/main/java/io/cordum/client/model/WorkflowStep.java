package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a workflow. Types: {@code worker} (a job on {@code topic}), {@code approval}, {@code
 * delay}, {@code notify}, {@code condition} and {@code subworkflow}; see the workflow docs for each
 * field's meaning. Build one with {@link #builder(String)}.
 *
 * @param id the step id (the gateway sets it to the key in the workflow's step map)
 * @param name a display name
 * @param type the step type
 * @param workerId pin the step's job to this worker
 * @param topic the job topic of a worker step
 * @param dependsOn steps that must end first
 * @param condition an expression; a false condition skips the step
 * @param forEach an expression giving a list to fan out over
 * @param maxParallel how many fan-out items run at once
 * @param input the step's input (templates allowed)
 * @param inputSchema a JSON schema for the input
 * @param inputSchemaId a registered schema for the input
 * @param outputPath where the output goes in the run context
 * @param outputSchema a JSON schema for the output
 * @param outputSchemaId a registered schema for the output
 * @param meta job metadata (actor, capability, risk tags, labels, ...)
 * @param onError {@code fail} (default) or {@code continue}
 * @param retry retry settings ({@code max_retries}, {@code initial_backoff_sec}, ...)
 * @param timeoutSec the step's timeout
 * @param delaySec a delay step's wait
 * @param delayUntil a delay step's end time
 * @param routeLabels labels that route the step's job
 * @param workflowId the child workflow of a {@code subworkflow} step
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WorkflowStep(
    String id,
    String name,
    String type,
    String workerId,
    String topic,
    List<String> dependsOn,
    String condition,
    String forEach,
    int maxParallel,
    Map<String, Object> input,
    Map<String, Object> inputSchema,
    String inputSchemaId,
    String outputPath,
    Map<String, Object> outputSchema,
    String outputSchemaId,
    Map<String, Object> meta,
    String onError,
    Map<String, Object> retry,
    long timeoutSec,
    long delaySec,
    String delayUntil,
    Map<String, String> routeLabels,
    String workflowId) {

  /** Normalizes nulls. */
  public WorkflowStep {
    id = Norm.s(id);
    name = Norm.s(name);
    type = Norm.s(type);
    workerId = Norm.s(workerId);
    topic = Norm.s(topic);
    dependsOn = Norm.list(dependsOn);
    condition = Norm.s(condition);
    forEach = Norm.s(forEach);
    input = Norm.map(input);
    inputSchema = Norm.map(inputSchema);
    inputSchemaId = Norm.s(inputSchemaId);
    outputPath = Norm.s(outputPath);
    outputSchema = Norm.map(outputSchema);
    outputSchemaId = Norm.s(outputSchemaId);
    meta = Norm.map(meta);
    onError = Norm.s(onError);
    retry = Norm.map(retry);
    delayUntil = Norm.s(delayUntil);
    routeLabels = Norm.map(routeLabels);
    workflowId = Norm.s(workflowId);
  }

  /** A builder for a step of this type ({@code worker}, {@code approval}, ...). */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** A worker step: a job on this topic. */
  public static Builder worker(String topic) {
    return new Builder("worker").topic(topic);
  }

  /** Builds a {@link WorkflowStep}. */
  public static final class Builder {
    private final String type;
    private String name = "";
    private String topic = "";
    private String workerId = "";
    private final List<String> dependsOn = new ArrayList<>();
    private String condition = "";
    private String forEach = "";
    private int maxParallel;
    private final Map<String, Object> input = new LinkedHashMap<>();
    private String inputSchemaId = "";
    private String outputPath = "";
    private String outputSchemaId = "";
    private final Map<String, Object> meta = new LinkedHashMap<>();
    private String onError = "";
    private final Map<String, Object> retry = new LinkedHashMap<>();
    private long timeoutSec;
    private long delaySec;
    private String delayUntil = "";
    private final Map<String, String> routeLabels = new LinkedHashMap<>();
    private String workflowId = "";

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /** A display name. */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /** The job topic. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** Pins the job to a worker. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /** Steps that must end first. */
    public Builder dependsOn(String... steps) {
      dependsOn.addAll(List.of(steps));
      return this;
    }

    /** A condition expression. */
    public Builder condition(String v) {
      this.condition = v;
      return this;
    }

    /** Fans out over the list this expression gives, at most {@code maxParallel} at once. */
    public Builder forEach(String expression, int maxParallel) {
      this.forEach = expression;
      this.maxParallel = maxParallel;
      return this;
    }

    /** Adds an input field (templates allowed). */
    public Builder input(String key, Object value) {
      input.put(key, value);
      return this;
    }

    /** A registered schema for the input. */
    public Builder inputSchemaId(String v) {
      this.inputSchemaId = v;
      return this;
    }

    /** Where the output goes in the run context. */
    public Builder outputPath(String v) {
      this.outputPath = v;
      return this;
    }

    /** A registered schema for the output. */
    public Builder outputSchemaId(String v) {
      this.outputSchemaId = v;
      return this;
    }

    /** Adds a job metadata field ({@code capability}, {@code risk_tags}, {@code labels}, ...). */
    public Builder meta(String key, Object value) {
      meta.put(key, value);
      return this;
    }

    /** {@code continue} to go on when the step fails. */
    public Builder onError(String v) {
      this.onError = v;
      return this;
    }

    /** Retries: at most {@code maxRetries}, waiting from {@code initialBackoffSec}. */
    public Builder retry(int maxRetries, double initialBackoffSec) {
      retry.put("max_retries", maxRetries);
      retry.put("initial_backoff_sec", initialBackoffSec);
      return this;
    }

    /** The step's timeout in seconds. */
    public Builder timeoutSec(long v) {
      this.timeoutSec = v;
      return this;
    }

    /** A delay step's wait in seconds. */
    public Builder delaySec(long v) {
      this.delaySec = v;
      return this;
    }

    /** A delay step's end time (RFC 3339 or a template). */
    public Builder delayUntil(String v) {
      this.delayUntil = v;
      return this;
    }

    /** Adds a label that routes the step's job. */
    public Builder routeLabel(String key, String value) {
      routeLabels.put(key, value);
      return this;
    }

    /** The child workflow of a {@code subworkflow} step. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** Builds the step (its id is the key it gets in the workflow). */
    public WorkflowStep build() {
      return new WorkflowStep(
          "",
          name,
          type,
          workerId,
          topic,
          dependsOn,
          condition,
          forEach,
          maxParallel,
          input,
          Map.of(),
          inputSchemaId,
          outputPath,
          Map.of(),
          outputSchemaId,
          meta,
          onError,
          retry,
          timeoutSec,
          delaySec,
          delayUntil,
          routeLabels,
          workflowId);
    }
  }
}
