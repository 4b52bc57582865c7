package io.cordum.api.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link WorkflowDefinition}. Build with {@link #builder(String)}. Field names on the
 * wire (JSON/YAML) are the snake_case forms given below.
 *
 * @param id the step id ({@code id}, equal to its key in the workflow's {@code steps}); it must not
 *     contain {@code :}, {@code [}, {@code ]}, {@code @} or whitespace, which the job-id grammar
 *     {@code <run>:<step>[i]@<attempt>} reserves
 * @param name a display name ({@code name}); the notify message falls back to it
 * @param type what the step does ({@code type})
 * @param workerId a worker hint copied to the job's {@code adapter_id} ({@code worker_id})
 * @param topic the job topic ({@code topic}); default {@code job.workflow.<workflow id>}
 * @param dependsOn the steps that must finish first ({@code depends_on})
 * @param condition for {@code condition} steps the expression to compute; for every other type a
 *     gate: when it is false the step is skipped ({@code condition})
 * @param forEach an expression giving an array to fan out over, for job steps ({@code for_each})
 * @param maxParallel how many fan-out children may be in flight at once; 0 for no limit ({@code
 *     max_parallel})
 * @param input the input template ({@code input}, may hold {@code ${...}}); empty passes the run
 *     input through; for notify steps the alert fields
 * @param inputSchema an inline JSON schema for the rendered input ({@code input_schema})
 * @param inputSchemaId a schema-registry id for the rendered input ({@code input_schema_id})
 * @param outputPath a dotted path in the run context that receives the output ({@code output_path})
 * @param outputSchema an inline JSON schema for the output ({@code output_schema})
 * @param outputSchemaId a schema-registry id for the output ({@code output_schema_id})
 * @param meta job metadata ({@code meta})
 * @param onError what a failure of this step does ({@code on_error})
 * @param retry the retry policy ({@code retry}), or {@code null} for none
 * @param timeoutSec the step's time limit in seconds, 0 for none ({@code timeout_sec}): a job
 *     step's deadline, an approval's expiry, a child run's limit
 * @param delaySec a delay step's length in seconds ({@code delay_sec})
 * @param delayUntil a delay step's end as an RFC 3339 time, used when {@code delay_sec} is 0
 *     ({@code delay_until})
 * @param routeLabels labels merged into the job's labels ({@code route_labels})
 * @param workflowId the workflow a {@code subworkflow} step runs ({@code workflow_id})
 */
public record StepDefinition(
    String id,
    String name,
    StepType type,
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
    StepMeta meta,
    OnError onError,
    @Nullable StepRetry retry,
    long timeoutSec,
    long delaySec,
    String delayUntil,
    Map<String, String> routeLabels,
    String workflowId) {

  /** Copies collections and turns nulls into empty values. */
  public StepDefinition {
    id = JsonTrees.str(id);
    name = JsonTrees.str(name);
    type = type == null ? StepType.WORKER : type;
    workerId = JsonTrees.str(workerId);
    topic = JsonTrees.str(topic);
    dependsOn = JsonTrees.list(dependsOn);
    condition = JsonTrees.str(condition);
    forEach = JsonTrees.str(forEach);
    maxParallel = Math.max(0, maxParallel);
    input = JsonTrees.freezeMap(input);
    inputSchema = JsonTrees.freezeMap(inputSchema);
    inputSchemaId = JsonTrees.str(inputSchemaId);
    outputPath = JsonTrees.str(outputPath);
    outputSchema = JsonTrees.freezeMap(outputSchema);
    outputSchemaId = JsonTrees.str(outputSchemaId);
    meta = meta == null ? StepMeta.EMPTY : meta;
    onError = onError == null ? OnError.FAIL : onError;
    delayUntil = JsonTrees.str(delayUntil);
    routeLabels = JsonTrees.strings(routeLabels);
    workflowId = JsonTrees.str(workflowId);
  }

  /** A builder for a step with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this step's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.name = name;
    b.type = type;
    b.workerId = workerId;
    b.topic = topic;
    b.dependsOn = new ArrayList<>(dependsOn);
    b.condition = condition;
    b.forEach = forEach;
    b.maxParallel = maxParallel;
    b.input = new LinkedHashMap<>(input);
    b.inputSchema = inputSchema;
    b.inputSchemaId = inputSchemaId;
    b.outputPath = outputPath;
    b.outputSchema = outputSchema;
    b.outputSchemaId = outputSchemaId;
    b.meta = meta;
    b.onError = onError;
    b.retry = retry;
    b.timeoutSec = timeoutSec;
    b.delaySec = delaySec;
    b.delayUntil = delayUntil;
    b.routeLabels = new LinkedHashMap<>(routeLabels);
    b.workflowId = workflowId;
    return b;
  }

  /** Whether the step fans out over {@code for_each} (job steps only). */
  public boolean fansOut() {
    return !forEach.isBlank() && type.isJob();
  }

  /** Builds {@link StepDefinition}s; every field but the id is optional. */
  public static final class Builder {
    private String id;
    private String name = "";
    private StepType type = StepType.WORKER;
    private String workerId = "";
    private String topic = "";
    private List<String> dependsOn = new ArrayList<>();
    private String condition = "";
    private String forEach = "";
    private int maxParallel;
    private Map<String, Object> input = new LinkedHashMap<>();
    private Map<String, Object> inputSchema = Map.of();
    private String inputSchemaId = "";
    private String outputPath = "";
    private Map<String, Object> outputSchema = Map.of();
    private String outputSchemaId = "";
    private StepMeta meta = StepMeta.EMPTY;
    private OnError onError = OnError.FAIL;
    private @Nullable StepRetry retry;
    private long timeoutSec;
    private long delaySec;
    private String delayUntil = "";
    private Map<String, String> routeLabels = new LinkedHashMap<>();
    private String workflowId = "";

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The step id. */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** The display name. */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /** The step type (default worker). */
    public Builder type(StepType v) {
      this.type = v;
      return this;
    }

    /** The worker hint. */
    public Builder workerId(String v) {
      this.workerId = v;
      return this;
    }

    /** The job topic. */
    public Builder topic(String v) {
      this.topic = v;
      return this;
    }

    /** Replaces the dependencies. */
    public Builder dependsOn(List<String> v) {
      this.dependsOn = new ArrayList<>(v);
      return this;
    }

    /** Adds dependencies. */
    public Builder dependsOn(String... v) {
      this.dependsOn.addAll(List.of(v));
      return this;
    }

    /** The condition expression (condition steps) or gate (other steps). */
    public Builder condition(String v) {
      this.condition = v;
      return this;
    }

    /** The fan-out expression. */
    public Builder forEach(String v) {
      this.forEach = v;
      return this;
    }

    /** The fan-out throttle (0 for none). */
    public Builder maxParallel(int v) {
      this.maxParallel = v;
      return this;
    }

    /** Replaces the input template. */
    public Builder input(Map<String, ?> v) {
      this.input = new LinkedHashMap<>(v);
      return this;
    }

    /** Adds one input template entry. */
    public Builder input(String key, @Nullable Object value) {
      this.input.put(key, value);
      return this;
    }

    /** The inline input schema. */
    public Builder inputSchema(Map<String, ?> v) {
      this.inputSchema = new LinkedHashMap<>(v);
      return this;
    }

    /** The input schema's registry id. */
    public Builder inputSchemaId(String v) {
      this.inputSchemaId = v;
      return this;
    }

    /** Where the output goes in the run context. */
    public Builder outputPath(String v) {
      this.outputPath = v;
      return this;
    }

    /** The inline output schema. */
    public Builder outputSchema(Map<String, ?> v) {
      this.outputSchema = new LinkedHashMap<>(v);
      return this;
    }

    /** The output schema's registry id. */
    public Builder outputSchemaId(String v) {
      this.outputSchemaId = v;
      return this;
    }

    /** The job metadata. */
    public Builder meta(StepMeta v) {
      this.meta = v;
      return this;
    }

    /** What a failure does. */
    public Builder onError(OnError v) {
      this.onError = v;
      return this;
    }

    /** The retry policy. */
    public Builder retry(@Nullable StepRetry v) {
      this.retry = v;
      return this;
    }

    /** The step's time limit in seconds. */
    public Builder timeoutSec(long v) {
      this.timeoutSec = v;
      return this;
    }

    /** A delay step's length in seconds. */
    public Builder delaySec(long v) {
      this.delaySec = v;
      return this;
    }

    /** A delay step's end (RFC 3339). */
    public Builder delayUntil(String v) {
      this.delayUntil = v;
      return this;
    }

    /** Replaces the route labels. */
    public Builder routeLabels(Map<String, String> v) {
      this.routeLabels = new LinkedHashMap<>(v);
      return this;
    }

    /** The workflow a subworkflow step runs. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** Builds the step. */
    public StepDefinition build() {
      return new StepDefinition(
          id,
          name,
          type,
          workerId,
          topic,
          dependsOn,
          condition,
          forEach,
          maxParallel,
          input,
          inputSchema,
          inputSchemaId,
          outputPath,
          outputSchema,
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
