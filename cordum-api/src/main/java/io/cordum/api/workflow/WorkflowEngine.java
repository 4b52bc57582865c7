package io.cordum.api.workflow;

import io.cordum.api.Page;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The workflow engine: saves definitions, starts runs and moves them forward; approves, rejects,
 * cancels and reruns them. Obtained from {@code Cordum.workflows()}.
 *
 * <p>Every change to a run is one compare-and-set on the stored run, so any number of replicas on
 * one store act as one engine: a run started on one replica may be approved on another and finished
 * by a third. Methods that change a run return it as stored after the change.
 */
public interface WorkflowEngine {

  /**
   * Validates and saves a new version of a definition.
   *
   * <p>Inline schemas must be valid JSON schemas, and every {@code input_schema_id} and {@code
   * output_schema_id} must name a schema already in the schema registry (register schemas before
   * the workflows that use them). A schema deleted from the registry after the save fails the steps
   * that use it at run time, with the code {@code schema_unknown}.
   *
   * @return the definition as stored, with its version
   * @throws io.cordum.api.ValidationException listing every problem of the definition
   */
  WorkflowDefinition save(WorkflowDefinition definition);

  /**
   * Validates and saves a definition if its latest version is {@code expectedVersion} (0: it must
   * be new; -1: any).
   *
   * @throws io.cordum.api.ValidationException listing every problem of the definition
   * @throws io.cordum.api.ConflictException if the expectation failed
   */
  WorkflowDefinition save(WorkflowDefinition definition, long expectedVersion);

  /** The latest version of a definition. */
  Optional<WorkflowDefinition> definition(String workflowId);

  /** Latest definitions, most recently saved first; a blank tenant lists every tenant's. */
  List<WorkflowDefinition> definitions(String tenant, int limit);

  /** Deletes a workflow; runs in flight finish on their pinned version. */
  boolean deleteDefinition(String workflowId);

  /**
   * Starts a run of the latest version of a workflow and schedules it at once.
   *
   * @return the run after its first pass, or the run already started with the same idempotency key
   * @throws io.cordum.api.NotFoundException if the workflow does not exist
   * @throws io.cordum.api.ValidationException if the input does not satisfy the workflow's input
   *     schema (each violation names the field), or the tenant or run id is not allowed
   */
  WorkflowRun start(String workflowId, StartOptions options);

  /** A run. */
  Optional<WorkflowRun> run(String runId);

  /**
   * How many runs may be active at once for a tenant, team and workflow: the effective config's
   * {@code limits.max_concurrent_runs}, else {@code rate_limits.concurrent_workflows}; 0 for no
   * limit. A start beyond it fails with {@link io.cordum.api.LimitExceededException}.
   */
  int maxActiveRuns(String tenant, String team, String workflowId);

  /**
   * A future completed with the run once it has ended (succeeded, failed, cancelled or timed out);
   * at once if it already has. A run ended by this engine completes it as the end is stored; one
   * ended by another replica is seen at this engine's next timer tick. Completes exceptionally with
   * {@link io.cordum.api.NotFoundException} if the run does not exist or is deleted, and with a
   * {@link io.cordum.api.CordumException} if the engine is closed first.
   */
  CompletableFuture<WorkflowRun> awaitTerminal(String runId);

  /** A page of runs, newest first. */
  Page<WorkflowRun> runs(RunQuery query);

  /** A page of a run's timeline, from either end. */
  Page<TimelineEvent> timeline(String runId, TimelineQuery query);

  /** Deletes a run, its timeline and its idempotency key. */
  boolean deleteRun(String runId);

  /**
   * Approves a waiting approval step; its dependents start at once.
   *
   * @throws io.cordum.api.NotFoundException if the run or the approval step does not exist
   * @throws io.cordum.api.ConflictException if the step is not waiting for a decision
   */
  WorkflowRun approve(String runId, String stepId, String by, String reason);

  /**
   * Rejects a waiting approval step, which fails it (and the run, unless the step has {@code
   * on_error: continue}).
   *
   * @throws io.cordum.api.NotFoundException if the run or the approval step does not exist
   * @throws io.cordum.api.ConflictException if the step is not waiting for a decision
   */
  WorkflowRun reject(String runId, String stepId, String by, String reason);

  /**
   * Decides an approval.
   *
   * @param approvalId when not blank, the decision applies only to this approval request (so a
   *     decision meant for an earlier run state can not approve a later one)
   * @throws io.cordum.api.NotFoundException if the run or the approval step does not exist
   * @throws io.cordum.api.ConflictException if the step is not waiting for this decision
   */
  WorkflowRun decide(
      String runId, String stepId, String approvalId, boolean approved, String by, String reason);

  /**
   * Cancels a run: its in-flight jobs and child runs are cancelled, every unfinished step becomes
   * cancelled.
   *
   * @throws io.cordum.api.NotFoundException if the run does not exist
   * @throws InvalidRunTransitionException if the run already ended
   */
  WorkflowRun cancel(String runId, String reason);

  /**
   * Reruns a run from a step: a new run (pinned to the same workflow version) keeps the succeeded
   * steps that are neither {@code fromStep} nor depend on it, and runs the rest. A blank step
   * reruns everything. The input is checked again.
   *
   * @throws io.cordum.api.NotFoundException if the run does not exist
   * @throws io.cordum.api.ValidationException if the step is unknown or the input no longer fits
   */
  WorkflowRun rerun(String runId, String fromStep, boolean dryRun);
}
