package io.cordum.gateway.internal.routes;

import io.cordum.api.LimitExceededException;
import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.core.workflow.WorkflowDefinitions;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.internal.Timestamps;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Reply;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Workflows, runs, timelines, run control and approval steps. */
final class WorkflowRoutes {
  static final int LIST_LIMIT = 100;

  private final Cordum cordum;

  WorkflowRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  // ---- definitions

  Object list(Call c) {
    String tenant = c.tenant(c.query("org_id"));
    return cordum.workflows().definitions(tenant, c.limit(LIST_LIMIT, 1000)).stream()
        .map(WorkflowViews::definition)
        .toList();
  }

  Object create(Call c) {
    JsonBody b = c.json(false);
    ObjectNode body = b.node().deepCopy();
    String tenant = c.tenant(b.string("org_id"));
    String id = b.string("id").trim();
    if (id.isEmpty()) {
      id = Ids.uuid();
    }
    ObjectNode merged = Json.MAPPER.createObjectNode();
    var stored = cordum.workflows().definition(id);
    if (stored.isPresent()) {
      if (!stored.get().tenant().isEmpty() && !stored.get().tenant().equals(tenant)) {
        // Another tenant's workflow: answered as if the id did not exist for this caller.
        throw ApiError.notFound("workflow_not_found", "workflow not found");
      }
      // Fields the request leaves out (or blank) keep their stored values, steps included
      // (Cordum dropped the steps of an upsert without steps).
      JsonNode old = Json.MAPPER.valueToTree(WorkflowViews.definition(stored.get()));
      merged.setAll((ObjectNode) old);
      merged.remove("revision");
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      JsonNode v = e.getValue();
      boolean blank =
          v.isNull()
              || v.isString() && v.asString().isBlank()
              || v.isNumber() && v.asDouble() == 0
              || v.isContainer() && v.isEmpty();
      if (!blank || !merged.has(e.getKey())) {
        merged.set(e.getKey(), v);
      }
    }
    merged.put("id", id);
    merged.put("org_id", tenant);
    if (!merged.hasNonNull("created_by") || merged.get("created_by").asString("").isBlank()) {
      merged.put("created_by", c.principal().id());
    }
    merged.remove("created_at");
    merged.remove("updated_at");
    WorkflowDefinition def = WorkflowDefinitions.parse(merged.toString());
    WorkflowDefinition saved = cordum.workflows().save(def);
    return Reply.json(201, Map.of("id", saved.id()));
  }

  WorkflowDefinition definition(Call c, String notFound) {
    WorkflowDefinition d =
        cordum
            .workflows()
            .definition(c.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("workflow_not_found", notFound));
    c.checkTenant(d.tenant(), ApiError.notFound("workflow_not_found", notFound));
    return d;
  }

  Object get(Call c) {
    return WorkflowViews.definition(definition(c, "not found"));
  }

  Object delete(Call c) {
    definition(c, "not found");
    cordum.workflows().deleteDefinition(c.pathParam("id"));
    return Reply.noContent();
  }

  // ---- runs

  Object start(Call c) {
    WorkflowDefinition d = definition(c, "workflow not found");
    JsonBody b = c.json(true);
    // No org_id: the workflow's tenant (visible to the caller, checked above); a cross-tenant
    // key thus starts another tenant's workflow in that tenant.
    String org =
        c.query("org_id", "").isEmpty() && !d.tenant().isEmpty()
            ? d.tenant()
            : c.tenant(c.query("org_id"));
    if (!d.tenant().isEmpty() && !d.tenant().equals(org)) {
      throw ApiError.tenantDenied();
    }
    String key =
        firstNonBlank(
            c.header("Idempotency-Key"),
            c.header("X-Idempotency-Key"),
            c.query("idempotency_key"),
            c.query("idempotency-key"));
    StartOptions.Builder o =
        StartOptions.builder()
            .input(Json.plainObject(b.node()))
            .tenant(d.tenant().isEmpty() ? org : d.tenant())
            .team(c.query("team_id", ""))
            .idempotencyKey(key)
            .dryRun(c.queryFlag("dry_run"))
            .triggeredBy(c.principal().id());
    try {
      WorkflowRun run = cordum.workflows().start(d.id(), o.build());
      return Map.of("run_id", run.id());
    } catch (LimitExceededException e) {
      throw runLimit();
    } catch (ValidationException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "input schema validation failed: " + e.getMessage());
    }
  }

  static ApiError runLimit() {
    return new ApiError(429, "max_concurrent_runs", "max concurrent runs reached")
        .withHeader("Retry-After", "5");
  }

  private static String firstNonBlank(@Nullable String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return "";
  }

  Object runsOfWorkflow(Call c) {
    WorkflowDefinition d = definition(c, "workflow not found");
    RunQuery q =
        RunQuery.builder()
            .workflowId(d.id())
            .tenant(c.principal().crossTenant() ? null : c.principal().tenant())
            .limit(c.limit(LIST_LIMIT, RunQuery.MAX_LIMIT))
            .build();
    return cordum.workflows().runs(q).items().stream()
        .filter(r -> c.canSee(r.tenant()))
        .map(WorkflowViews::run)
        .toList();
  }

  Object listRuns(Call c) {
    String org = c.query("org_id");
    String tenant =
        (org == null || org.isBlank()) && c.principal().crossTenant() ? null : c.tenant(org);
    RunStatus status = null;
    String s = c.query("status");
    if (s != null && !s.isBlank()) {
      status =
          RunStatus.fromWire(s)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          ErrorCodes.INVALID_ARGUMENT,
                          "status must be one of pending, running, waiting, "
                              + "succeeded, failed, cancelled, timed_out"));
    }
    Instant after = Timestamps.parse("updated_after", c.query("updated_after"), false);
    Instant before = Timestamps.parse("updated_before", c.query("updated_before"), true);
    RunQuery.Builder q =
        RunQuery.builder()
            .workflowId(c.query("workflow_id", ""))
            .status(status)
            .tenant(tenant)
            .team(c.query("team_id", ""))
            .updatedAfter(after)
            .limit(c.limit(50, RunQuery.MAX_LIMIT));
    String cursor = c.query("cursor", "");
    if (Timestamps.isNumeric(cursor)) {
      Instant at = Timestamps.fromNumber(Long.parseLong(cursor), true);
      before = before == null || at.isBefore(before) ? at : before;
    } else if (!cursor.isEmpty()) {
      q.cursor(cursor);
    }
    q.updatedBefore(before);
    Page<WorkflowRun> p;
    try {
      p = cordum.workflows().runs(q.build());
    } catch (ValidationException e) {
      if (e.violations().stream().anyMatch(v -> v.field().equals("cursor"))) {
        throw ApiError.badRequest(
            ErrorCodes.INVALID_ARGUMENT,
            "cursor is not valid: pass back the next_cursor of a previous page");
      }
      throw e;
    }
    return JobRoutes.page(p.items().stream().map(WorkflowViews::run).toList(), p.nextCursor());
  }

  WorkflowRun run(Call c, String param, String notFound) {
    WorkflowRun r =
        cordum
            .workflows()
            .run(c.pathParam(param))
            .orElseThrow(() -> ApiError.notFound("run_not_found", notFound));
    c.checkTenant(r.tenant(), ApiError.notFound("run_not_found", notFound));
    return r;
  }

  @SuppressWarnings("unchecked")
  Object getRun(Call c) {
    WorkflowRun run = run(c, "id", "not found");
    Map<String, Object> view = WorkflowViews.run(run);
    if (!run.status().isTerminal()) {
      Map<String, io.cordum.api.workflow.StepDefinition> defs =
          cordum
              .workflows()
              .definition(run.workflowId())
              .map(WorkflowDefinition::steps)
              .orElse(Map.of());
      Map<String, Map<String, Object>> waits =
          Waits.steps(run, defs, id -> cordum.jobs().get(id).orElse(null));
      // WorkflowViews.run always has the steps.
      Map<String, Object> steps = (Map<String, Object>) Objects.requireNonNull(view.get("steps"));
      waits.forEach(
          (id, w) -> {
            Object step = steps.get(id);
            if (step instanceof Map<?, ?> m) {
              ((Map<String, Object>) m).put("waiting", w);
            } else {
              Map<String, Object> pending = new LinkedHashMap<>();
              pending.put("step_id", id);
              pending.put("status", "pending");
              pending.put("waiting", w);
              steps.put(id, pending);
            }
          });
    }
    return view;
  }

  Object timeline(Call c) {
    WorkflowRun r = run(c, "id", "not found");
    int limit = c.limit(200, 1000);
    return cordum.workflows().timeline(r.id(), TimelineQuery.oldest(limit)).items().stream()
        .map(WorkflowViews::event)
        .toList();
  }

  Object deleteRun(Call c) {
    WorkflowRun r = run(c, "id", "not found");
    cordum.workflows().deleteRun(r.id());
    return Reply.noContent();
  }

  Object rerun(Call c) {
    WorkflowRun r = run(c, "id", "run not found");
    JsonBody b = c.json(true);
    try {
      WorkflowRun next = cordum.workflows().rerun(r.id(), b.string("from_step"), b.bool("dry_run"));
      return Map.of("run_id", next.id());
    } catch (LimitExceededException e) {
      throw runLimit();
    } catch (NotFoundException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, e.getMessage());
    }
  }

  Object approveStep(Call c) {
    JsonBody b = c.json(false);
    if (!b.has("approved")) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "invalid body: approved is required");
    }
    WorkflowRun r = run(c, "run_id", "run not found");
    String step = c.pathParam("step_id");
    String by = c.principal().id();
    String reason = b.string("reason");
    if (b.bool("approved")) {
      cordum.workflows().approve(r.id(), step, by, reason);
    } else {
      cordum.workflows().reject(r.id(), step, by, reason);
    }
    return Reply.noContent();
  }

  Object cancelRun(Call c) {
    WorkflowRun r = run(c, "run_id", "run not found");
    cordum.workflows().cancel(r.id(), "cancelled via api by " + c.principal().id());
    return Reply.noContent();
  }
}
