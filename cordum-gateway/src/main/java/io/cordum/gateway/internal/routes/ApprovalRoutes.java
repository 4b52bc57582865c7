package io.cordum.gateway.internal.routes;

import io.cordum.api.Page;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.policy.Approval;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Timestamps;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jobs held by policy for approval. */
final class ApprovalRoutes {
  private final Cordum cordum;

  ApprovalRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  Object list(Call c) {
    String tenant = c.principal().crossTenant() ? null : c.principal().tenant();
    JobQuery.Builder q =
        JobQuery.builder()
            .state(JobState.APPROVAL_REQUIRED)
            .tenant(tenant)
            .order(JobQuery.Order.OLDEST_FIRST)
            .limit(c.limit(100, JobQuery.MAX_LIMIT));
    String cursor = c.query("cursor", "");
    if (Timestamps.isNumeric(cursor)) {
      Instant at = Timestamps.fromNumber(Long.parseLong(cursor), true);
      q.updatedBefore(at);
    } else if (!cursor.isEmpty()) {
      q.cursor(cursor);
    }
    Page<JobRecord> p;
    try {
      p = cordum.jobs().list(q.build());
    } catch (io.cordum.api.ValidationException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT,
          "cursor is not valid: pass back the next_cursor of a previous page");
    }
    List<Map<String, Object>> items =
        p.items().stream().filter(r -> c.canSee(r.tenant())).map(ApprovalRoutes::item).toList();
    return JobRoutes.page(items, p.nextCursor());
  }

  static Map<String, Object> item(JobRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", Views.job(r));
    m.put("job_id", r.id()); // Cordum's demo script reads .job_id; the job is also under .job
    SafetyDecisionRecord s = r.safety();
    m.put("decision", s == null ? "" : s.decision().name());
    m.put("policy_snapshot", s == null ? "" : s.policySnapshot());
    m.put("policy_rule_id", s == null ? "" : s.ruleId());
    m.put("policy_reason", s == null ? "" : s.reason());
    m.put("constraints", s == null ? null : Views.constraints(s.constraints()));
    m.put("job_hash", s == null ? "" : s.jobHash());
    m.put("approval_required", s != null && s.approvalRequired());
    m.put("approval_ref", s == null ? "" : s.approvalRef());
    return m;
  }

  private JobRecord waiting(Call c) {
    JobRecord r =
        cordum
            .jobs()
            .get(c.pathParam("job_id"))
            .orElseThrow(() -> ApiError.notFound("job_not_found", "job not found"));
    // The tenant first: another tenant's job must not even show its state.
    c.checkTenant(r.tenant(), ApiError.notFound("job_not_found", "job not found"));
    if (r.state() != JobState.APPROVAL_REQUIRED) {
      throw ApiError.conflict("not_awaiting_approval", "job not awaiting approval");
    }
    return r;
  }

  private static JsonBody body(Call c) {
    try {
      return c.json(true);
    } catch (ApiError e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_JSON, "invalid body");
    }
  }

  private static Approval approval(Call c, JsonBody b) {
    return Approval.by(c.principal().id())
        .role(c.principal().role())
        .reason(b.string("reason"))
        .note(b.string("note"))
        .build();
  }

  Object approve(Call c) {
    JsonBody b = body(c);
    JobRecord r = waiting(c);
    JobRecord after = cordum.approvals().approve(r.id(), approval(c, b));
    return Map.of("job_id", after.id(), "trace_id", after.traceId());
  }

  Object reject(Call c) {
    JsonBody b = body(c);
    JobRecord r = waiting(c);
    cordum.approvals().reject(r.id(), approval(c, b));
    return Map.of("job_id", r.id());
  }
}
