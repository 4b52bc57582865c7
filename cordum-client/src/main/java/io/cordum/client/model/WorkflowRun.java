package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A workflow run with its steps ({@code GET /api/v1/workflow-runs/{id}}).
 *
 * @param id the run id
 * @param workflowId its workflow
 * @param workflowVersion the workflow revision it runs
 * @param orgId its tenant
 * @param teamId its team
 * @param input its input
 * @param context its context (step outputs by output path)
 * @param status its status
 * @param startedAt when it started
 * @param completedAt when it ended
 * @param output its output
 * @param error why it failed, or {@code null}
 * @param steps its steps by id
 * @param totalCost its cost
 * @param triggeredBy who started it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param labels its labels
 * @param metadata its metadata ({@code rerun_of}, {@code dry_run}, ...)
 * @param idempotencyKey the key it was started with
 * @param rerunOf the run it reruns
 * @param rerunStep the step it reruns from
 * @param dryRun whether it runs without real jobs
 * @param parentRunId the run that started it as a sub-workflow
 * @param parentStepId the step of that run
 */
public record WorkflowRun(
    String id,
    String workflowId,
    long workflowVersion,
    String orgId,
    String teamId,
    Map<String, Object> input,
    Map<String, Object> context,
    RunStatus status,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable Object output,
    @Nullable RunError error,
    Map<String, StepRun> steps,
    double totalCost,
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
    String parentStepId) {

  /** Normalizes nulls. */
  public WorkflowRun {
    id = Norm.s(id);
    workflowId = Norm.s(workflowId);
    orgId = Norm.s(orgId);
    teamId = Norm.s(teamId);
    input = Norm.map(input);
    context = Norm.map(context);
    status = status == null ? RunStatus.UNKNOWN : status;
    steps = Norm.map(steps);
    triggeredBy = Norm.s(triggeredBy);
    labels = Norm.map(labels);
    metadata = Norm.map(metadata);
    idempotencyKey = Norm.s(idempotencyKey);
    rerunOf = Norm.s(rerunOf);
    rerunStep = Norm.s(rerunStep);
    parentRunId = Norm.s(parentRunId);
    parentStepId = Norm.s(parentStepId);
  }

  /** Whether the run has ended. */
  @JsonIgnore
  public boolean isTerminal() {
    return status.isTerminal();
  }
}
