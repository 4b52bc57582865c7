package io.cordum.redis.internal;

import io.cordum.api.cap.JobStatus;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.job.JobState;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of a DLQ entry: Cordum's {@code DLQEntry} fields ({@code job_id}, {@code topic}, {@code
 * status} as the proto enum name, {@code reason}, {@code reason_code}, {@code last_state}, {@code
 * attempts}, {@code created_at} in RFC 3339 with nanoseconds, empty values omitted except the job
 * id and time), plus {@code tenant} and {@code request} (the request as {@link RequestJson}).
 */
public final class DeadLetterJson {
  private DeadLetterJson() {}

  /** The JSON text of an entry. */
  public static String encode(DeadLetterEntry e) {
    ObjectNode o = Json.object();
    o.put("job_id", e.jobId());
    putIfSet(o, "topic", e.topic());
    putIfSet(o, "tenant", e.tenant());
    if (e.status() != null) {
      o.put("status", e.status().protoName());
    }
    putIfSet(o, "reason", e.reason());
    putIfSet(o, "reason_code", e.reasonCode());
    if (e.lastState() != null) {
      o.put("last_state", e.lastState().name());
    }
    if (e.attempts() != 0) {
      o.put("attempts", e.attempts());
    }
    o.put("created_at", e.createdAt().toString());
    if (e.request() != null) {
      o.set("request", Json.parse(RequestJson.encode(e.request())));
    }
    return Json.write(o);
  }

  /** The entry of its JSON text. */
  public static DeadLetterEntry decode(String json) {
    JsonNode n = Json.parse(json);
    String status = Json.str(n, "status");
    String state = Json.str(n, "last_state");
    JsonNode req = n.get("request");
    return DeadLetterEntry.builder()
        .jobId(Json.str(n, "job_id"))
        .topic(Json.str(n, "topic"))
        .tenant(Json.str(n, "tenant"))
        .status(status.isEmpty() ? null : JobStatus.forName(status))
        .reason(Json.str(n, "reason"))
        .reasonCode(Json.str(n, "reason_code"))
        .lastState(state.isEmpty() ? null : JobState.valueOf(state))
        .attempts((int) Json.num(n, "attempts"))
        .createdAt(Instant.parse(Json.str(n, "created_at")))
        .request(req == null || req.isNull() ? null : RequestJson.decode(Json.write(req)))
        .build();
  }

  private static void putIfSet(ObjectNode o, String field, String value) {
    if (!value.isEmpty()) {
      o.put(field, value);
    }
  }
}
