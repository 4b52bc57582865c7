package io.cordum.api.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A workflow: a DAG of named steps linked by {@code depends_on}. Build with {@link
 * #builder(String)}; the engine validates a definition when it is saved.
 *
 * <p>Definitions are versioned: every save stores a new {@link #version()} (1, 2, ...) and keeps
 * the old ones, and each run pins the version it started with, so editing or deleting a workflow
 * never changes runs already in flight.
 *
 * @param id the workflow id ({@code id})
 * @param tenant the tenant ({@code org_id})
 * @param team the team ({@code team_id}, informational)
 * @param name the display name
 * @param description a description
 * @param label a free-text version label ({@code version} on the wire)
 * @param version the stored version number, assigned by the store (0 before the first save)
 * @param timeoutSec the run-level time limit in seconds, 0 for none ({@code timeout_sec})
 * @param steps the steps by id, in definition order
 * @param config free-form configuration (stored, not used by the engine)
 * @param inputSchema an inline JSON schema every run's input must satisfy ({@code input_schema})
 * @param parameters free-form parameter descriptions (stored, not used by the engine)
 * @param createdBy who created it ({@code created_by})
 * @param createdAt when the first version was saved, set by the store
 * @param updatedAt when this version was saved, set by the store
 */
public record WorkflowDefinition(
    String id,
    String tenant,
    String team,
    String name,
    String description,
    String label,
    long version,
    long timeoutSec,
    Map<String, StepDefinition> steps,
    Map<String, Object> config,
    Map<String, Object> inputSchema,
    List<Object> parameters,
    String createdBy,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {

  /** Copies collections and turns nulls into empty values. */
  public WorkflowDefinition {
    id = JsonTrees.str(id);
    tenant = JsonTrees.str(tenant);
    team = JsonTrees.str(team);
    name = JsonTrees.str(name);
    description = JsonTrees.str(description);
    label = JsonTrees.str(label);
    steps = steps == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    config = JsonTrees.freezeMap(config);
    inputSchema = JsonTrees.freezeMap(inputSchema);
    @SuppressWarnings("unchecked")
    List<Object> p = parameters == null ? List.of() : (List<Object>) JsonTrees.freeze(parameters);
    parameters = p;
    createdBy = JsonTrees.str(createdBy);
  }

  /** A builder for a workflow with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this definition's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.tenant = tenant;
    b.team = team;
    b.name = name;
    b.description = description;
    b.label = label;
    b.version = version;
    b.timeoutSec = timeoutSec;
    b.steps = new LinkedHashMap<>(steps);
    b.config = config;
    b.inputSchema = inputSchema;
    b.parameters = parameters;
    b.createdBy = createdBy;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    return b;
  }

  /** A copy with the given version and save times (used by stores). */
  public WorkflowDefinition withVersion(long v, @Nullable Instant created, Instant updated) {
    return new WorkflowDefinition(
        id,
        tenant,
        team,
        name,
        description,
        label,
        v,
        timeoutSec,
        steps,
        config,
        inputSchema,
        parameters,
        createdBy,
        created,
        updated);
  }

  /** Builds {@link WorkflowDefinition}s. */
  public static final class Builder {
    private String id;
    private String tenant = "";
    private String team = "";
    private String name = "";
    private String description = "";
    private String label = "";
    private long version;
    private long timeoutSec;
    private Map<String, StepDefinition> steps = new LinkedHashMap<>();
    private Map<String, Object> config = Map.of();
    private Map<String, Object> inputSchema = Map.of();
    private List<Object> parameters = new ArrayList<>();
    private String createdBy = "";
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The workflow id. */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** The tenant. */
    public Builder tenant(String v) {
      this.tenant = v;
      return this;
    }

    /** The team. */
    public Builder team(String v) {
      this.team = v;
      return this;
    }

    /** The display name. */
    public Builder name(String v) {
      this.name = v;
      return this;
    }

    /** The description. */
    public Builder description(String v) {
      this.description = v;
      return this;
    }

    /** The free-text version label. */
    public Builder label(String v) {
      this.label = v;
      return this;
    }

    /** The stored version (normally set by the store). */
    public Builder version(long v) {
      this.version = v;
      return this;
    }

    /** The run-level time limit in seconds. */
    public Builder timeoutSec(long v) {
      this.timeoutSec = v;
      return this;
    }

    /** Adds (or replaces) a step, keyed by its id. */
    public Builder step(StepDefinition v) {
      this.steps.put(v.id(), v);
      return this;
    }

    /** Adds (or replaces) a step built from {@code v}. */
    public Builder step(StepDefinition.Builder v) {
      return step(v.build());
    }

    /** Replaces the steps. */
    public Builder steps(Map<String, StepDefinition> v) {
      this.steps = new LinkedHashMap<>(v);
      return this;
    }

    /** Free-form configuration. */
    public Builder config(Map<String, ?> v) {
      this.config = new LinkedHashMap<>(v);
      return this;
    }

    /** The run input schema. */
    public Builder inputSchema(Map<String, ?> v) {
      this.inputSchema = new LinkedHashMap<>(v);
      return this;
    }

    /** Free-form parameters. */
    public Builder parameters(List<?> v) {
      this.parameters = new ArrayList<>(v);
      return this;
    }

    /** Who created it. */
    public Builder createdBy(String v) {
      this.createdBy = v;
      return this;
    }

    /** When the first version was saved. */
    public Builder createdAt(@Nullable Instant v) {
      this.createdAt = v;
      return this;
    }

    /** When this version was saved. */
    public Builder updatedAt(@Nullable Instant v) {
      this.updatedAt = v;
      return this;
    }

    /** Builds the definition. */
    public WorkflowDefinition build() {
      return new WorkflowDefinition(
          id,
          tenant,
          team,
          name,
          description,
          label,
          version,
          timeoutSec,
          steps,
          config,
          inputSchema,
          parameters,
          createdBy,
          createdAt,
          updatedAt);
    }
  }
}
