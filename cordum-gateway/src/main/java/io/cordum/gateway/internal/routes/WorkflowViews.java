package io.cordum.gateway.internal.routes;

import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepMeta;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.gateway.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Workflows, runs, steps and timeline events in Cordum's JSON: the field names the workflow parser
 * reads ({@code org_id}, {@code depends_on}, ...), times as RFC 3339.
 */
final class WorkflowViews {
  private WorkflowViews() {}

  static Map<String, Object> definition(WorkflowDefinition d) {
    Views.Obj o =
        new Views.Obj()
            .put("id", d.id())
            .put("org_id", d.tenant())
            .omit("team_id", d.team())
            .put("name", d.name())
            .omit("description", d.description())
            .omit("version", d.label())
            .put("revision", d.version())
            .omit("timeout_sec", d.timeoutSec());
    Map<String, Object> steps = new LinkedHashMap<>();
    d.steps().forEach((id, s) -> steps.put(id, step(s)));
    o.put("steps", steps)
        .omit("config", d.config())
        .omit("input_schema", d.inputSchema())
        .omit("parameters", d.parameters())
        .omit("created_by", d.createdBy())
        .put("created_at", Json.time(d.createdAt()))
        .put("updated_at", Json.time(d.updatedAt()));
    return o.map();
  }

  static Map<String, Object> step(StepDefinition s) {
    Views.Obj o =
        new Views.Obj()
            .put("id", s.id())
            .omit("name", s.name())
            .put("type", s.type().wireName())
            .omit("worker_id", s.workerId())
            .omit("topic", s.topic())
            .omit("depends_on", s.dependsOn())
            .omit("condition", s.condition())
            .omit("for_each", s.forEach())
            .omit("max_parallel", s.maxParallel())
            .omit("input", s.input())
            .omit("input_schema", s.inputSchema())
            .omit("input_schema_id", s.inputSchemaId())
            .omit("output_path", s.outputPath())
            .omit("output_schema", s.outputSchema())
            .omit("output_schema_id", s.outputSchemaId());
    StepMeta m = s.meta();
    if (m != null) {
      Map<String, Object> meta =
          new Views.Obj()
              .omit("actor_id", m.actorId())
              .omit("actor_type", m.actorType())
              .omit("idempotency_key", m.idempotencyKey())
              .omit("pack_id", m.packId())
              .omit("capability", m.capability())
              .omit("risk_tags", m.riskTags())
              .omit("requires", m.requires())
              .omit("labels", m.labels())
              .map();
      o.omit("meta", meta);
    }
    if (!s.onError().wireName().equals("fail")) {
      o.put("on_error", s.onError().wireName());
    }
    StepRetry r = s.retry();
    if (r != null) {
      o.put(
          "retry",
          new Views.Obj()
              .omit("max_retries", r.maxRetries())
              .omit("initial_backoff_sec", r.initialBackoffSec())
              .omit("max_backoff_sec", r.maxBackoffSec())
              .omit("multiplier", r.multiplier())
              .omit("jitter", r.jitter())
              .map());
    }
    return o.omit("timeout_sec", s.timeoutSec())
        .omit("delay_sec", s.delaySec())
        .omit("delay_until", s.delayUntil())
        .omit("route_labels", s.routeLabels())
        .omit("workflow_id", s.workflowId())
        .map();
  }

  static Map<String, Object> run(WorkflowRun r) {
    Map<String, Object> steps = new LinkedHashMap<>();
    r.steps().forEach((id, s) -> steps.put(id, stepRun(s)));
    Views.Obj o =
        new Views.Obj()
            .put("id", r.id())
            .put("workflow_id", r.workflowId())
            .put("workflow_version", r.workflowVersion())
            .put("org_id", r.tenant())
            .put("team_id", r.team())
            .put("input", r.input())
            .put("context", r.context())
            .put("status", r.status().wireName())
            .put("started_at", Json.time(r.startedAt()))
            .put("completed_at", Json.time(r.completedAt()))
            .put("output", r.output())
            .put("error", error(r.error()))
            .put("steps", steps)
            .put("total_cost", 0)
            .put("triggered_by", r.triggeredBy())
            .put("created_at", Json.time(r.createdAt()))
            .put("updated_at", Json.time(r.updatedAt()))
            .omit("labels", r.labels())
            .omit("metadata", r.metadata())
            .omit("idempotency_key", r.idempotencyKey())
            .omit("rerun_of", r.rerunOf())
            .omit("rerun_step", r.rerunStep())
            .omit("dry_run", r.dryRun())
            .omit("parent_run_id", r.parentRunId())
            .omit("parent_step_id", r.parentStepId());
    return o.map();
  }

  static @Nullable Map<String, Object> error(@Nullable WorkflowError e) {
    if (e == null) {
      return null;
    }
    return new Views.Obj()
        .put("message", e.message())
        .omit("code", e.code())
        .omit("step_id", e.stepId())
        .map();
  }

  static Map<String, Object> stepRun(StepRun s) {
    return new Views.Obj()
        .put("step_id", s.stepId())
        .put("status", s.status().wireName())
        .omit("started_at", Json.time(s.startedAt()))
        .omit("completed_at", Json.time(s.completedAt()))
        .omit("next_attempt_at", Json.time(s.nextAttemptAt()))
        .omit("deadline", Json.time(s.deadline()))
        .omit("attempts", s.attempts())
        .omit("input", s.input())
        .omit("output", s.output())
        .omit("result_ptr", s.resultPtr())
        .omit("error", error(s.error()))
        .omit("job_id", s.jobId())
        .omit("item", s.item())
        .omit("approval_id", s.approvalId())
        .omit("decided_by", s.decidedBy())
        .omit("decision_reason", s.decisionReason())
        .omit("child_run_id", s.childRunId())
        .map();
  }

  static Map<String, Object> event(TimelineEvent e) {
    return new Views.Obj()
        .put("time", Json.time(e.time()))
        .put("type", e.type())
        .omit("run_id", e.runId())
        .omit("workflow_id", e.workflowId())
        .omit("step_id", e.stepId())
        .omit("job_id", e.jobId())
        .omit("status", e.status())
        .omit("result_ptr", e.resultPtr())
        .omit("message", e.message())
        .omit("data", e.data())
        .put("seq", e.seq())
        .map();
  }
}
