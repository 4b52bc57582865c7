package io.cordum.client;

import io.cordum.client.model.RunQuery;
import io.cordum.client.model.StartRunOptions;
import io.cordum.client.model.TimelineEvent;
import io.cordum.client.model.WorkflowRun;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Workflow runs: start, read, list, follow, cancel, rerun, approve steps ({@code
 * /api/v1/workflow-runs} and the run routes under {@code /api/v1/workflows}).
 */
public final class RunsApi {
  private final Transport t;
  private final JavaType pageType;
  private final JavaType timeline;

  RunsApi(Transport t) {
    this.t = t;
    this.pageType = t.json.getTypeFactory().constructParametricType(Page.class, WorkflowRun.class);
    this.timeline =
        t.json.getTypeFactory().constructCollectionType(List.class, TimelineEvent.class);
  }

  /**
   * Starts a run of a workflow. With an idempotency key the call is retried on 429/503 and a repeat
   * returns the first run.
   *
   * @return the run's id
   * @throws BadRequestException when the input fails the workflow's input schema
   * @throws RateLimitedException when the tenant's concurrent run limit is reached
   */
  public String start(String workflowId, StartRunOptions options) {
    JsonNode r =
        t.req("POST", PathSegments.of("/api/v1/workflows", workflowId, "/runs"))
            .query("dry_run", options.dryRun())
            .query("org_id", options.orgId())
            .query("team_id", options.teamId())
            .header("Idempotency-Key", options.idempotencyKey())
            .idempotent(!options.idempotencyKey().isBlank())
            .json(options.input())
            .fetch(JsonNode.class);
    return r.path("run_id").asString("");
  }

  /**
   * A run with its steps.
   *
   * @throws NotFoundException when there is none with this id
   */
  public WorkflowRun get(String runId) {
    return t.req("GET", PathSegments.of("/api/v1/workflow-runs", runId)).fetch(WorkflowRun.class);
  }

  /** One page of runs, newest first. */
  public Page<WorkflowRun> list(RunQuery q) {
    return t.req("GET", "/api/v1/workflow-runs")
        .query("limit", q.limit())
        .query("status", q.status() == null ? null : q.status().wireName())
        .query("workflow_id", q.workflowId())
        .query("org_id", q.orgId())
        .query("team_id", q.teamId())
        .query("updated_after", JobsApi.micros(q.updatedAfter()))
        .query("updated_before", JobsApi.micros(q.updatedBefore()))
        .query("cursor", q.cursor())
        .fetch(pageType);
  }

  /** Every run the query matches, newest first, fetched page by page as the stream is read. */
  public Stream<WorkflowRun> stream(RunQuery query) {
    return Pages.stream(query.cursor(), c -> list(query.withCursor(c)));
  }

  /** The run's timeline, oldest first (at most {@code limit}; 0 for the default, 200). */
  public List<TimelineEvent> timeline(String runId, int limit) {
    return t.req("GET", PathSegments.of("/api/v1/workflow-runs", runId, "/timeline"))
        .query("limit", limit)
        .fetch(timeline);
  }

  /**
   * Cancels a run.
   *
   * @throws ConflictException when the run has already ended
   */
  public void cancel(String runId) {
    WorkflowRun r = get(runId);
    t.req(
            "POST",
            PathSegments.of("/api/v1/workflows", workflowOf(r))
                + "/runs/"
                + PathSegments.encode(runId)
                + "/cancel")
        .execute();
  }

  /**
   * Starts a new run that repeats this one from a step (or from the start).
   *
   * @param fromStep the step to start from, or {@code null} for the whole run
   * @return the new run's id
   */
  public String rerun(String runId, @Nullable String fromStep, boolean dryRun) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (fromStep != null && !fromStep.isBlank()) {
      body.put("from_step", fromStep);
    }
    if (dryRun) {
      body.put("dry_run", true);
    }
    JsonNode r =
        t.req("POST", PathSegments.of("/api/v1/workflow-runs", runId, "/rerun"))
            .json(body)
            .fetch(JsonNode.class);
    return r.path("run_id").asString("");
  }

  /** Deletes a run. */
  public void delete(String runId) {
    t.req("DELETE", PathSegments.of("/api/v1/workflow-runs", runId)).execute();
  }

  /**
   * Approves or rejects a waiting approval step of a run.
   *
   * @param reason why, or {@code null}
   * @throws ConflictException when the step does not wait for approval
   */
  public void approveStep(String runId, String stepId, boolean approved, @Nullable String reason) {
    WorkflowRun r = get(runId);
    approveStep(workflowOf(r), runId, stepId, approved, reason);
  }

  /** Approves or rejects a waiting approval step, naming the workflow (one request). */
  public void approveStep(
      String workflowId, String runId, String stepId, boolean approved, @Nullable String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("approved", approved);
    if (reason != null && !reason.isBlank()) {
      body.put("reason", reason);
    }
    t.req(
            "POST",
            PathSegments.of("/api/v1/workflows", workflowId)
                + "/runs/"
                + PathSegments.encode(runId)
                + "/steps/"
                + PathSegments.encode(stepId)
                + "/approve")
        .json(body)
        .execute();
  }

  /**
   * Waits until the run ends, reading it at growing intervals (from 50 ms to 1 s).
   *
   * @param onChange called with the run each time its status or a step's status changes, or {@code
   *     null}
   * @throws TransportException (timed out) when it has not ended in time
   */
  public WorkflowRun await(
      String runId, Duration timeout, @Nullable Consumer<WorkflowRun> onChange) {
    return Waits.until(
        t,
        timeout,
        "run " + runId,
        () -> get(runId),
        WorkflowRun::isTerminal,
        r -> r.status() + " " + stepStates(r),
        onChange);
  }

  private static String stepStates(WorkflowRun r) {
    StringBuilder b = new StringBuilder();
    r.steps().forEach((id, s) -> b.append(id).append('=').append(s.status()).append(' '));
    return b.toString();
  }

  private static String workflowOf(WorkflowRun r) {
    return r.workflowId().isEmpty() ? "-" : r.workflowId();
  }
}
