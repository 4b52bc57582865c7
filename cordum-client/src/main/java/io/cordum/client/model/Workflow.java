package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workflow definition: a DAG of steps keyed by step id. Read one with {@code
 * workflows().get(id)}; build one with {@link #builder(String)}.
 *
 * @param id its id (the gateway makes one up when it is empty)
 * @param orgId its tenant
 * @param teamId its team
 * @param name its name
 * @param description what it does
 * @param version a version label
 * @param revision the stored revision (the gateway counts it)
 * @param timeoutSec the run's timeout
 * @param steps the steps by id
 * @param config workflow config
 * @param inputSchema a JSON schema every run's input must pass
 * @param parameters declared parameters
 * @param createdBy who created it
 * @param createdAt when
 * @param updatedAt when it last changed
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Workflow(
    String id,
    String orgId,
    String teamId,
    String name,
    String description,
    String version,
    long revision,
    long timeoutSec,
    Map<String, WorkflowStep> steps,
    Map<String, Object> config,
    Map<String, Object> inputSchema,
    List<Object> parameters,
    String createdBy,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {

  /** Normalizes nulls. */
  public Workflow {
    id = Norm.s(id);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
    name = Norm.s(name);
    description = Norm.s(description);
    version = Norm.s(version);
    steps = Norm.map(steps);
    config = Norm.map(config);
    inputSchema = Norm.map(inputSchema);
    parameters = Norm.list(parameters);
    createdBy = Norm.s(createdBy);
  }

  /** A builder for a workflow with this name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Workflow} to create. */
  public static final class Builder {
    private final String name;
    private String id = "";
    private String orgId = "";
    private String teamId = "";
    private String description = "";
    private String version = "";
    private long timeoutSec;
    private final Map<String, WorkflowStep> steps = new LinkedHashMap<>();
    private Map<String, Object> config = Map.of();
    private Map<String, Object> inputSchema = Map.of();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Its id (default: one the gateway makes up). */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** Its tenant (default: the key's). */
    public Builder orgId(String v) {
      this.orgId = v;
      return this;
    }

    /** Its team. */
    public Builder teamId(String v) {
      this.teamId = v;
      return this;
    }

    /** What it does. */
    public Builder description(String v) {
      this.description = v;
      return this;
    }

    /** A version label. */
    public Builder version(String v) {
      this.version = v;
      return this;
    }

    /** The run's timeout in seconds. */
    public Builder timeoutSec(long v) {
      this.timeoutSec = v;
      return this;
    }

    /** Adds a step. */
    public Builder step(String stepId, WorkflowStep step) {
      steps.put(stepId, step);
      return this;
    }

    /** Workflow config. */
    public Builder config(Map<String, Object> v) {
      this.config = v;
      return this;
    }

    /** A JSON schema every run's input must pass. */
    public Builder inputSchema(Map<String, Object> v) {
      this.inputSchema = v;
      return this;
    }

    /** Builds the workflow. */
    public Workflow build() {
      return new Workflow(
          id,
          orgId,
          teamId,
          name,
          description,
          version,
          0,
          timeoutSec,
          steps,
          config,
          inputSchema,
          List.of(),
          "",
          null,
          null);
    }
  }
}
