package io.cordum.gateway.internal.routes;

import io.cordum.api.Page;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.policy.ApprovalRecord;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.internal.Timestamps;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Jobs: submit, list, detail, decisions, cancel, traces. */
final class JobRoutes {
  static final int MAX_PROMPT_BYTES = 100_000;
  static final int MAX_TAGS = 50;
  static final int MAX_LABELS = 50;

  private final Cordum cordum;

  JobRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  // ---- POST /api/v1/jobs

  Object submit(Call c) {
    JsonBody b = c.json(false);
    String prompt = b.string("prompt");
    if (prompt.isBlank()) {
      throw bad("prompt is required");
    }
    if (prompt.getBytes(StandardCharsets.UTF_8).length > MAX_PROMPT_BYTES) {
      throw bad("prompt too long (>100000 chars)");
    }
    String topic = b.string("topic").trim();
    if (topic.isEmpty()) {
      topic = "job.default";
    }
    if (!topic.startsWith("job.")) {
      throw bad("topic must start with job.");
    }
    long maxIn = b.int32("max_input_tokens");
    long maxOut = b.int64("max_output_tokens");
    long maxTotal = b.int64("max_total_tokens");
    if (maxIn < 0 || maxOut < 0 || maxTotal < 0) {
      throw bad("token limits must be non-negative");
    }
    long deadlineMs = b.int64("deadline_ms");
    if (deadlineMs < 0) {
      throw bad("deadline_ms must be non-negative");
    }
    ActorType actorType =
        switch (b.string("actor_type").trim().toLowerCase(Locale.ROOT)) {
          case "" -> ActorType.UNSPECIFIED;
          case "human" -> ActorType.HUMAN;
          case "service" -> ActorType.SERVICE;
          default -> throw bad("actor_type must be 'human' or 'service'");
        };
    List<String> tags = b.strings("tags");
    if (tags.size() > MAX_TAGS) {
      throw bad("too many tags (max 50)");
    }
    Map<String, String> labels = b.stringMap("labels");
    if (labels.size() > MAX_LABELS) {
      throw bad("too many labels (max 50)");
    }
    String contextMode = b.string("context_mode").trim().toLowerCase(Locale.ROOT);
    if (!contextMode.isEmpty() && !List.of("chat", "rag", "raw").contains(contextMode)) {
      throw bad("context_mode must be chat, rag or raw");
    }
    maxIn = maxIn == 0 ? 8000 : maxIn;
    maxOut = maxOut == 0 ? 1024 : maxOut;
    String org = b.string("org_id").isBlank() ? b.string("tenant_id") : b.string("org_id");
    String tenant = c.tenant(org);
    String principal = c.actingPrincipal(b.string("principal_id"));
    String key = b.string("idempotency_key").trim();
    // A keyed submit gets the key's job id, so a repeat is the same request (and answered with
    // the first job) while a different request under the same key is a 409 naming what differs.
    String jobId = key.isEmpty() ? Ids.uuid() : Ids.fromKey(tenant, key);
    String traceId = Ids.uuid();
    String memoryId = b.string("memory_id").isBlank() ? "mem:" + jobId : b.string("memory_id");
    String priority = b.string("priority");

    Map<String, Object> ctx = new LinkedHashMap<>();
    ctx.put("prompt", prompt);
    ctx.put("adapter_id", b.string("adapter_id"));
    ctx.put("priority", priority);
    ctx.put("topic", topic);
    if (key.isEmpty()) {
      ctx.put(
          "created_at",
          Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
    ctx.put("tenant_id", tenant);
    JsonNode context = b.tree("context");
    if (context != null) {
      ctx.put("context", context);
    }

    Map<String, String> env = new LinkedHashMap<>();
    env.put("tenant_id", tenant);
    putIf(env, "team_id", b.string("team_id"));
    putIf(env, "project_id", b.string("project_id"));
    putIf(env, "context_mode", contextMode);
    env.put("memory_id", memoryId);
    env.put("max_input_tokens", Long.toString(maxIn));
    env.put("max_output_tokens", Long.toString(maxOut));
    String actorId = b.string("actor_id").isBlank() ? principal : b.string("actor_id");
    JobMetadata meta =
        JobMetadata.builder()
            .tenantId(tenant)
            .actorId(actorId)
            .actorType(actorType)
            .idempotencyKey(b.string("idempotency_key"))
            .capability(b.string("capability"))
            .riskTags(b.strings("risk_tags"))
            .requires(b.strings("requires"))
            .packId(b.string("pack_id"))
            .labels(labels)
            .build();
    JobRequest req =
        JobRequest.builder()
            .jobId(jobId)
            .topic(topic)
            .priority(priority(priority))
            .adapterId(b.string("adapter_id"))
            .env(env)
            .memoryId(memoryId)
            .contextHints(
                ContextHints.builder()
                    .maxInputTokens((int) maxIn)
                    .allowSummarization(b.bool("allow_summarization"))
                    .allowRetrieval(b.bool("allow_retrieval"))
                    .tags(tags)
                    .build())
            .budget(
                Budget.builder()
                    .maxInputTokens(maxIn)
                    .maxOutputTokens(maxOut)
                    .maxTotalTokens(maxTotal)
                    .deadlineMs(deadlineMs)
                    .build())
            .tenantId(tenant)
            .principalId(principal)
            .labels(labels)
            .meta(meta)
            .build();
    SubmittedJob s =
        cordum
            .jobs()
            .submit(
                JobSubmission.of(req, Json.string(ctx).getBytes(StandardCharsets.UTF_8), traceId));
    return Map.of("job_id", s.jobId(), "trace_id", s.traceId());
  }

  static JobPriority priority(String p) {
    return switch (p.trim().toLowerCase(Locale.ROOT)) {
      case "batch" -> JobPriority.BATCH;
      case "critical" -> JobPriority.CRITICAL;
      default -> JobPriority.INTERACTIVE;
    };
  }

  private static void putIf(Map<String, String> m, String k, String v) {
    if (!v.isBlank()) {
      m.put(k, v.trim());
    }
  }

  private static ApiError bad(String message) {
    return ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, message);
  }

  // ---- GET /api/v1/jobs

  Object list(Call c) {
    String tenantParam = c.query("tenant");
    String tenant =
        (tenantParam == null || tenantParam.isBlank()) && c.principal().crossTenant()
            ? null
            : c.tenant(tenantParam);
    String traceId = c.query("trace_id");
    JobState state = state(c.query("state"));
    String topic = c.query("topic", "");
    Instant after = Timestamps.parse("updated_after", c.query("updated_after"), false);
    Instant before = Timestamps.parse("updated_before", c.query("updated_before"), true);
    if (traceId != null && !traceId.isBlank()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (JobRecord r : cordum.jobs().traceJobs(traceId.trim())) {
        if ((tenant == null ? c.canSee(r.tenant()) : tenant.equals(r.tenant()))
            && (state == null || r.state() == state)
            && (topic.isEmpty() || topic.equals(r.topic()))
            && (after == null || !r.updatedAt().isBefore(after))
            && (before == null || !r.updatedAt().isAfter(before))) {
          items.add(Views.job(r));
        }
      }
      return page(items, null);
    }
    JobQuery.Builder q =
        JobQuery.builder()
            .limit(c.limit(JobQuery.DEFAULT_LIMIT, JobQuery.MAX_LIMIT))
            .state(state)
            .topic(topic.isEmpty() ? null : topic)
            .tenant(tenant)
            .updatedAfter(after)
            .updatedBefore(before);
    String cursor = c.query("cursor", "");
    if (!cursor.isEmpty()) {
      if (Timestamps.isNumeric(cursor)) {
        // Cordum's cursor: "at or before this time" (microseconds, or another unit).
        Instant at = Timestamps.fromNumber(Long.parseLong(cursor), true);
        q.updatedBefore(before == null || at.isBefore(before) ? at : before);
      } else {
        q.cursor(cursor);
      }
    }
    Page<JobRecord> p = list(q.build());
    return page(p.items().stream().map(Views::job).toList(), p.nextCursor());
  }

  private Page<JobRecord> list(JobQuery q) {
    try {
      return cordum.jobs().list(q);
    } catch (io.cordum.api.ValidationException e) {
      if (e.violations().stream().anyMatch(v -> v.field().equals("cursor"))) {
        throw bad("cursor is not valid: pass back the next_cursor of a previous page");
      }
      throw e;
    }
  }

  static Map<String, Object> page(List<?> items, @Nullable String next) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", items);
    m.put("next_cursor", next);
    return m;
  }

  static @Nullable JobState state(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return JobState.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad("state must be one of " + java.util.Arrays.toString(JobState.values()));
    }
  }

  // ---- GET /api/v1/jobs/{id}

  JobRecord job(Call c) {
    JobRecord r =
        cordum
            .jobs()
            .get(c.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("job_not_found", "job not found"));
    c.checkTenant(r.tenant(), ApiError.notFound("job_not_found", "job not found"));
    return r;
  }

  Object get(Call c) {
    JobRecord r = job(c);
    String id = r.id();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("state", r.state().name());
    m.put("trace_id", r.traceId());
    Optional<JobRequest> req = cordum.jobs().request(id);
    m.put("context_ptr", req.map(JobRequest::contextPtr).orElse(""));
    m.put("context", cordum.jobs().input(id).map(JobRoutes::parsed).orElse(null));
    m.put("result_ptr", r.resultPtr());
    m.put(
        "result",
        r.resultPtr().isEmpty()
            ? null
            : cordum.jobs().result(id).map(JobRoutes::parsed).orElse(null));
    m.put("topic", r.topic());
    m.put("tenant", r.tenant());
    m.put("actor_id", r.actorId());
    m.put("actor_type", Views.actorType(r.actorType()));
    m.put("idempotency_key", r.idempotencyKey());
    m.put("capability", r.capability());
    m.put("pack_id", r.packId());
    m.put("risk_tags", r.riskTags());
    m.put("requires", r.requires());
    m.put("attempts", r.attempts());
    SafetyDecisionRecord s = r.safety();
    m.put("safety_decision", s == null ? "" : s.decision().name());
    m.put("safety_reason", s == null ? "" : s.reason());
    m.put("safety_rule_id", s == null ? "" : s.ruleId());
    m.put("safety_snapshot", s == null ? "" : s.policySnapshot());
    m.put("safety_constraints", s == null ? null : Views.constraints(s.constraints()));
    m.put("safety_remediations", s == null ? null : Views.remediations(s.remediations()));
    m.put("safety_job_hash", s == null ? "" : s.jobHash());
    m.put("approval_required", s != null && s.approvalRequired());
    m.put("approval_ref", s == null ? "" : s.approvalRef());
    m.put("labels", r.labels());
    m.put(
        "workflow_id",
        r.workflowId().isEmpty() ? r.labels().getOrDefault("workflow_id", "") : r.workflowId());
    String[] runStep = runStep(r);
    m.put("run_id", runStep[0]);
    m.put("step_id", runStep[1]);
    m.put("created_at", Json.micros(r.createdAt()));
    m.put("updated_at", Json.micros(r.updatedAt()));
    if (!r.reasonCode().isEmpty()) {
      m.put("reason_code", r.reasonCode());
      m.put("reason", r.reason());
    }
    m.put("wake_at", r.wakeAt() == null ? null : Json.micros(r.wakeAt()));
    m.put("deadline_unix", r.deadline() == null ? null : r.deadline().getEpochSecond());
    m.put("worker_id", r.workerId());
    m.put("waiting", Waits.job(r));
    Optional<DeadLetterEntry> dlq = cordum.deadLetters().get(id);
    dlq.ifPresent(
        e -> {
          m.put("error_message", e.reason());
          m.put("error_status", e.status() == null ? "" : e.status().protoName());
          m.put("error_code", e.reasonCode());
          m.put("last_state", e.lastState() == null ? "" : e.lastState().name());
          if (e.attempts() > 0) {
            m.put("attempts", e.attempts());
          }
        });
    for (SafetyDecisionRecord d : cordum.jobs().decisions(id, 20)) {
      ApprovalRecord a = d.approval();
      if (a != null) {
        m.put("approval_by", a.approver());
        m.put("approval_role", a.role());
        m.put("approval_at", a.decidedAt().getEpochSecond());
        m.put("approval_reason", a.reason());
        m.put("approval_note", a.note());
        m.put("approval_policy_snapshot", d.policySnapshot());
        m.put("approval_job_hash", d.jobHash());
        m.put("approval_granted", a.granted());
        break;
      }
    }
    return m;
  }

  private static String[] runStep(JobRecord r) {
    String run = r.labels().getOrDefault("run_id", "");
    String step = r.labels().getOrDefault("step_id", "");
    int colon = r.id().lastIndexOf(':');
    if (run.isEmpty() && colon > 0) {
      run = r.id().substring(0, colon);
      String rest = r.id().substring(colon + 1);
      int at = rest.indexOf('@');
      step = at < 0 ? rest : rest.substring(0, at);
    }
    return new String[] {run, step};
  }

  static @Nullable Object parsed(byte[] bytes) {
    JsonNode n = Json.tryParse(bytes);
    if (n != null) {
      return n;
    }
    String text = Json.utf8(bytes);
    return text != null ? text : null;
  }

  // ---- GET /api/v1/jobs/{id}/history

  Object history(Call c) {
    JobRecord r = job(c);
    return cordum.jobs().history(r.id()).stream()
        .map(
            e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("state", e.state().name());
              m.put("at", Json.time(e.at()));
              m.put("at_us", Json.micros(e.at()));
              return m;
            })
        .toList();
  }

  // ---- GET /api/v1/jobs/{id}/decisions

  Object decisions(Call c) {
    JobRecord r = job(c);
    int limit = c.limit(50, 1000);
    return cordum.jobs().decisions(r.id(), limit).stream().map(Views::decision).toList();
  }

  // ---- POST /api/v1/jobs/{id}/cancel

  Object cancel(Call c) {
    JobRecord r = job(c);
    if (r.isTerminal()) {
      return Map.of("id", r.id(), "state", r.state().name(), "reason", "job already terminal");
    }
    JobRecord after = cordum.jobs().cancel(r.id(), "cancelled via api by " + c.principal().id());
    if (after.state() != JobState.CANCELLED) {
      return Map.of("id", r.id(), "state", after.state().name(), "reason", "job already terminal");
    }
    return Map.of("id", r.id(), "state", "CANCELLED");
  }

  // ---- POST /api/v1/jobs/{id}/remediate

  Object remediate(Call c) {
    JsonBody b;
    try {
      b = c.json(true);
    } catch (ApiError e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_JSON, "invalid body");
    }
    JobRecord r =
        cordum
            .jobs()
            .get(c.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("job_not_found", "job not found"));
    c.checkTenant(r.tenant(), ApiError.notFound("job_not_found", "job not found"));
    String rid = b.string("remediation_id").trim();
    try {
      SubmittedJob s = cordum.jobs().remediate(r.id(), rid.isEmpty() ? null : rid);
      return Map.of("job_id", s.jobId(), "trace_id", s.traceId());
    } catch (io.cordum.api.NotFoundException e) {
      throw ApiError.notFound(
          "remediation_not_found", rid.isEmpty() ? "job not found" : "remediation not found");
    } catch (io.cordum.api.ConflictException e) {
      throw ApiError.conflict("no_remediations", "no remediations available");
    } catch (io.cordum.api.ValidationException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "remediation_id required");
    }
  }

  // ---- GET /api/v1/traces/{id}

  Object trace(Call c) {
    return cordum.jobs().traceJobs(c.pathParam("id")).stream()
        .filter(r -> c.canSee(r.tenant()))
        .map(Views::job)
        .toList();
  }
}
