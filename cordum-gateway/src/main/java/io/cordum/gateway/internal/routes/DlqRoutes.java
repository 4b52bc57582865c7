package io.cordum.gateway.internal.routes;

import io.cordum.api.NotFoundException;
import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.RetryOptions;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Reply;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The dead-letter queue. */
final class DlqRoutes {
  private final Cordum cordum;

  DlqRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  static Map<String, Object> entry(DeadLetterEntry e) {
    return new Views.Obj()
        .put("job_id", e.jobId())
        .omit("topic", e.topic())
        .omit("tenant", e.tenant())
        .omit("status", e.status() == null ? "" : e.status().protoName())
        .omit("reason", e.reason())
        .omit("reason_code", e.reasonCode())
        .omit("last_state", e.lastState() == null ? "" : e.lastState().name())
        .omit("attempts", e.attempts())
        .put("created_at", Json.time(e.createdAt()))
        .map();
  }

  private Page<DeadLetterEntry> page(Call c, String cursor) {
    String tenant = c.principal().crossTenant() ? "" : c.principal().tenant();
    DeadLetterQuery.Builder q =
        DeadLetterQuery.builder().tenant(tenant).limit(c.limit(100, DeadLetterQuery.MAX_LIMIT));
    if (!cursor.isEmpty()) {
      q.cursor(cursor);
    }
    try {
      return cordum.deadLetters().list(q.build());
    } catch (ValidationException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT,
          "cursor is not valid: pass back the next_cursor of a previous page");
    }
  }

  Object list(Call c) {
    return page(c, "").items().stream()
        .filter(e -> c.canSee(e.tenant()))
        .map(DlqRoutes::entry)
        .toList();
  }

  Object pageOf(Call c) {
    Page<DeadLetterEntry> p = page(c, c.query("cursor", ""));
    return JobRoutes.page(
        p.items().stream().filter(e -> c.canSee(e.tenant())).map(DlqRoutes::entry).toList(),
        p.nextCursor());
  }

  Object delete(Call c) {
    Optional<DeadLetterEntry> e = cordum.deadLetters().get(c.pathParam("job_id"));
    // Another tenant's entry is answered as an absent one (204) and left alone.
    if (e.isPresent() && c.canSee(e.get().tenant())) {
      cordum.deadLetters().delete(e.get().jobId());
    }
    return Reply.noContent();
  }

  private DeadLetterEntry find(Call c) {
    DeadLetterEntry e =
        cordum
            .deadLetters()
            .get(c.pathParam("job_id"))
            .orElseThrow(() -> ApiError.notFound("dlq_entry_not_found", "dlq entry not found"));
    c.checkTenant(e.tenant(), ApiError.notFound("dlq_entry_not_found", "dlq entry not found"));
    return e;
  }

  Object get(Call c) {
    return entry(find(c));
  }

  Object retry(Call c) {
    RetryOptions options = retryOptions(c.json(true));
    DeadLetterEntry e = find(c);
    if (e.topic().isBlank() && (e.request() == null || e.request().topic().isBlank())) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "missing topic for retry");
    }
    SubmittedJob s;
    try {
      s = cordum.deadLetters().retry(e.jobId(), options);
    } catch (NotFoundException ex) {
      throw ApiError.notFound(
          "dlq_entry_not_found",
          options.requireInput() && cordum.deadLetters().get(e.jobId()).isPresent()
              ? "input of job " + e.jobId() + " has expired: retry with an edited input"
              : "dlq entry not found");
    }
    return Map.of("job_id", s.jobId(), "trace_id", s.traceId());
  }

  /** The optional body of a retry: an edited input ({@code input} or {@code input_base64}). */
  static RetryOptions retryOptions(JsonBody b) {
    RetryOptions.Builder o = RetryOptions.builder().requireInput(b.bool("require_input"));
    if (b.has("input") && b.has("input_base64")) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "give input or input_base64, not both");
    }
    if (b.has("input_base64")) {
      try {
        o.input(Base64.getDecoder().decode(b.string("input_base64")));
      } catch (IllegalArgumentException ex) {
        throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "input_base64 is not base64");
      }
    } else if (b.has("input")) {
      JsonNode in = b.tree("input");
      // A string is the input's text (a worker reading text gets it as it is); any other
      // value is stored as its JSON.
      o.input(in != null && in.isString() ? in.asString() : Json.string(in));
    }
    return o.build();
  }
}
