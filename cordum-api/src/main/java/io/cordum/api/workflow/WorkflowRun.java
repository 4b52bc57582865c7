package io.cordum.api.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a workflow. Immutable; every store write gives a new value with a higher {@link
 * #version()}, the token of the optimistic compare-and-set ({@link WorkflowStore#updateRun}).
 *
 * @param id the run id
 * @param workflowId the workflow
 * @param workflowVersion the definition version the run is pinned to
 * @param tenant the tenant ({@code org_id})
 * @param team the team
 * @param input the run input
 * @param context the dataflow scratchpad: {@code steps.<id>} entries and {@code output_path}
 *     targets
 * @param status the run status
 * @param startedAt when the first scheduling pass ran
 * @param completedAt when it reached a terminal status
 * @param deadline when the run times out ({@code timeout_sec} of the workflow), if ever
 * @param output the run output: the outputs of the steps no other step depends on, by step id
 * @param error why the run failed, if it did
 * @param steps the step states, by step id; fan-out children as {@code <step>[<i>]}
 * @param triggeredBy who started it
 * @param createdAt when it was created (set by the store)
 * @param updatedAt when it was last written (set by the store)
 * @param labels labels ({@code dry_run} lives here for dry runs)
 * @param metadata metadata ({@code rerun_of}, {@code rerun_step}, {@code dry_run})
 * @param idempotencyKey the start request's idempotency key (scoped by tenant)
 * @param rerunOf the run this one reruns
 * @param rerunStep the step it reruns from
 * @param dryRun whether jobs are marked as a dry run
 * @param parentRunId for a child run, the run of its subworkflow step
 * @param parentStepId for a child run, its subworkflow step
 * @param version the compare-and-set token; 0 before the run is created
 * @param wakeAt the earliest timer of the run (step retries, delays, expiries, timeouts, job
 *     checks, the run deadline), maintained by the engine and indexed by the store
 */
public record WorkflowRun(
    String id,
    String workflowId,
    long workflowVersion,
    String tenant,
    String team,
    Map<String, Object> input,
    Map<String, Object> context,
    RunStatus status,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable Instant deadline,
    Map<String, Object> output,
    @Nullable WorkflowError error,
    Map<String, StepRun> steps,
    String triggeredBy,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    Map<String, String> labels,
    Map<String, String> metadata,
    String idempotencyKey,
    String rerunOf,
    String rerunStep,
    boolean dryRun,
    String parentRunId,
    String parentStepId,
    long version,
    @Nullable Instant wakeAt) {

  /** Copies collections and turns nulls into empty values. */
  public WorkflowRun {
    id = JsonTrees.str(id);
    workflowId = JsonTrees.str(workflowId);
    tenant = JsonTrees.str(tenant);
    team = JsonTrees.str(team);
    input = JsonTrees.freezeMap(input);
    context = JsonTrees.freezeMap(context);
    status = status == null ? RunStatus.PENDING : status;
    output = JsonTrees.freezeMap(output);
    steps =
        steps == null
            ? Map.of()
            : Frozen.FrozenMap.is(steps, Frozen.Kind.STEPS)
                ? steps
                : new Frozen.FrozenMap<>(new LinkedHashMap<>(steps), Frozen.Kind.STEPS);
    triggeredBy = JsonTrees.str(triggeredBy);
    labels = JsonTrees.strings(labels);
    metadata = JsonTrees.strings(metadata);
    idempotencyKey = JsonTrees.str(idempotencyKey);
    rerunOf = JsonTrees.str(rerunOf);
    rerunStep = JsonTrees.str(rerunStep);
    parentRunId = JsonTrees.str(parentRunId);
    parentStepId = JsonTrees.str(parentStepId);
  }

  /** A builder for a run with this id. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Whether the run has ended. */
  public boolean isTerminal() {
    return status.isTerminal();
  }

  /** The state of a step (or child), if it has one. */
  public Optional<StepRun> step(String stepId) {
    return Optional.ofNullable(steps.get(stepId));
  }

  /** A copy with the given version and write time (used by stores). */
  public WorkflowRun stored(long newVersion, @Nullable Instant created, Instant updated) {
    return toBuilder().version(newVersion).createdAt(created).updatedAt(updated).build();
  }

  /** A builder holding this run's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.workflowId = workflowId;
    b.workflowVersion = workflowVersion;
    b.tenant = tenant;
    b.team = team;
    b.input = input;
    b.context = context;
    b.status = status;
    b.startedAt = startedAt;
    b.completedAt = completedAt;
    b.deadline = deadline;
    b.output = output;
    b.error = error;
    b.steps = steps; // frozen: copied on the builder's first change
    b.triggeredBy = triggeredBy;
    b.createdAt = createdAt;
    b.updatedAt = updatedAt;
    b.labels = labels;
    b.metadata = metadata;
    b.idempotencyKey = idempotencyKey;
    b.rerunOf = rerunOf;
    b.rerunStep = rerunStep;
    b.dryRun = dryRun;
    b.parentRunId = parentRunId;
    b.parentStepId = parentStepId;
    b.version = version;
    b.wakeAt = wakeAt;
    return b;
  }

  /** Builds {@link WorkflowRun}s. */
  public static final class Builder {
    private String id;
    private String workflowId = "";
    private long workflowVersion;
    private String tenant = "";
    private String team = "";
    private Map<String, Object> input = Map.of();
    private Map<String, Object> context = Map.of();
    private RunStatus status = RunStatus.PENDING;
    private @Nullable Instant startedAt;
    private @Nullable Instant completedAt;
    private @Nullable Instant deadline;
    private Map<String, Object> output = Map.of();
    private @Nullable WorkflowError error;
    private Map<String, StepRun> steps = Map.of();
    private boolean stepsOwned;
    private String triggeredBy = "";
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private Map<String, String> labels = Map.of();
    private Map<String, String> metadata = Map.of();
    private String idempotencyKey = "";
    private String rerunOf = "";
    private String rerunStep = "";
    private boolean dryRun;
    private String parentRunId = "";
    private String parentStepId = "";
    private long version;
    private @Nullable Instant wakeAt;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** The run id. */
    public Builder id(String v) {
      this.id = v;
      return this;
    }

    /** The workflow. */
    public Builder workflowId(String v) {
      this.workflowId = v;
      return this;
    }

    /** The pinned definition version. */
    public Builder workflowVersion(long v) {
      this.workflowVersion = v;
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

    /** The input. */
    public Builder input(Map<String, ?> v) {
      this.input = JsonTrees.freezeMap(v);
      return this;
    }

    /** The context. */
    public Builder context(Map<String, ?> v) {
      this.context = JsonTrees.freezeMap(v);
      return this;
    }

    /** The status. */
    public Builder status(RunStatus v) {
      this.status = v;
      return this;
    }

    /** When it started. */
    public Builder startedAt(@Nullable Instant v) {
      this.startedAt = v;
      return this;
    }

    /** When it ended. */
    public Builder completedAt(@Nullable Instant v) {
      this.completedAt = v;
      return this;
    }

    /** When it times out. */
    public Builder deadline(@Nullable Instant v) {
      this.deadline = v;
      return this;
    }

    /** The output. */
    public Builder output(Map<String, ?> v) {
      this.output = JsonTrees.freezeMap(v);
      return this;
    }

    /** The error. */
    public Builder error(@Nullable WorkflowError v) {
      this.error = v;
      return this;
    }

    /** Replaces the step states. */
    public Builder steps(Map<String, StepRun> v) {
      if (Frozen.FrozenMap.is(v, Frozen.Kind.STEPS)) {
        this.steps = v; // no one can change it: shared until this builder's first change
        this.stepsOwned = false;
      } else {
        this.steps = new Frozen.FrozenMap<>(new LinkedHashMap<>(v), Frozen.Kind.STEPS);
        this.stepsOwned = false;
      }
      return this;
    }

    /** Adds or replaces one step state. */
    public Builder step(StepRun v) {
      if (!stepsOwned) {
        this.steps = new LinkedHashMap<>(steps);
        this.stepsOwned = true;
      }
      this.steps.put(v.stepId(), v);
      return this;
    }

    /** Who started it. */
    public Builder triggeredBy(String v) {
      this.triggeredBy = v;
      return this;
    }

    /** When it was created. */
    public Builder createdAt(@Nullable Instant v) {
      this.createdAt = v;
      return this;
    }

    /** When it was last written. */
    public Builder updatedAt(@Nullable Instant v) {
      this.updatedAt = v;
      return this;
    }

    /** The labels. */
    public Builder labels(Map<String, String> v) {
      this.labels = v;
      return this;
    }

    /** The metadata. */
    public Builder metadata(Map<String, String> v) {
      this.metadata = v;
      return this;
    }

    /** The idempotency key. */
    public Builder idempotencyKey(String v) {
      this.idempotencyKey = v;
      return this;
    }

    /** The run this one reruns. */
    public Builder rerunOf(String v) {
      this.rerunOf = v;
      return this;
    }

    /** The step it reruns from. */
    public Builder rerunStep(String v) {
      this.rerunStep = v;
      return this;
    }

    /** Whether it is a dry run. */
    public Builder dryRun(boolean v) {
      this.dryRun = v;
      return this;
    }

    /** The parent run of a child run. */
    public Builder parentRunId(String v) {
      this.parentRunId = v;
      return this;
    }

    /** The parent step of a child run. */
    public Builder parentStepId(String v) {
      this.parentStepId = v;
      return this;
    }

    /** The compare-and-set version (normally set by the store). */
    public Builder version(long v) {
      this.version = v;
      return this;
    }

    /** The earliest timer. */
    public Builder wakeAt(@Nullable Instant v) {
      this.wakeAt = v;
      return this;
    }

    /** Builds the run. */
    public WorkflowRun build() {
      return new WorkflowRun(
          id,
          workflowId,
          workflowVersion,
          tenant,
          team,
          input,
          context,
          status,
          startedAt,
          completedAt,
          deadline,
          output,
          error,
          steps,
          triggeredBy,
          createdAt,
          updatedAt,
          labels,
          metadata,
          idempotencyKey,
          rerunOf,
          rerunStep,
          dryRun,
          parentRunId,
          parentStepId,
          version,
          wakeAt);
    }
  }
}
