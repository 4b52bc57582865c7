package io.cordum.redis.internal;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.UnknownFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code job:req:<id>} snapshot of a {@link JobRequest}: JSON shaped like protobuf's JSON
 * mapping (lowerCamelCase names, enums by their proto names, int64 as strings, every field
 * written), plus {@code _unknownFields} (base64 protobuf bytes) on any message that carries fields
 * Cordum did not recognise, so a stored request round-trips exactly. Kept in this one class so it
 * can be swapped for the protobuf-JSON codec of {@code cordum-nats}.
 */
public final class RequestJson {
  private static final String UNKNOWN = "_unknownFields";

  private RequestJson() {}

  /** The JSON of a request. */
  public static String encode(JobRequest r) {
    ObjectNode o = Json.object();
    o.put("jobId", r.jobId());
    o.put("topic", r.topic());
    o.put("priority", r.priority().protoName());
    o.put("contextPtr", r.contextPtr());
    o.put("adapterId", r.adapterId());
    o.set("env", Json.map(r.env()));
    o.put("parentJobId", r.parentJobId());
    o.put("workflowId", r.workflowId());
    o.put("stepIndex", r.stepIndex());
    o.put("memoryId", r.memoryId());
    if (r.contextHints() != null) {
      ContextHints h = r.contextHints();
      ObjectNode n = o.putObject("contextHints");
      n.put("maxInputTokens", h.maxInputTokens());
      n.put("allowSummarization", h.allowSummarization());
      n.put("allowRetrieval", h.allowRetrieval());
      n.set("tags", Json.strings(h.tags()));
      Json.putBytes(n, UNKNOWN, h.unknownFields().toByteArray());
    }
    if (r.budget() != null) {
      Budget b = r.budget();
      ObjectNode n = o.putObject("budget");
      n.put("maxInputTokens", Long.toString(b.maxInputTokens()));
      n.put("maxOutputTokens", Long.toString(b.maxOutputTokens()));
      n.put("maxTotalTokens", Long.toString(b.maxTotalTokens()));
      n.put("deadlineMs", Long.toString(b.deadlineMs()));
      Json.putBytes(n, UNKNOWN, b.unknownFields().toByteArray());
    }
    o.put("tenantId", r.tenantId());
    o.put("principalId", r.principalId());
    o.set("labels", Json.map(r.labels()));
    if (r.meta() != null) {
      JobMetadata m = r.meta();
      ObjectNode n = o.putObject("meta");
      n.put("tenantId", m.tenantId());
      n.put("actorId", m.actorId());
      n.put("actorType", m.actorType().protoName());
      n.put("idempotencyKey", m.idempotencyKey());
      n.put("capability", m.capability());
      n.set("riskTags", Json.strings(m.riskTags()));
      n.set("requires", Json.strings(m.requires()));
      n.put("packId", m.packId());
      n.set("labels", Json.map(m.labels()));
      Json.putBytes(n, UNKNOWN, m.unknownFields().toByteArray());
    }
    Json.putBytes(o, UNKNOWN, r.unknownFields().toByteArray());
    return Json.write(o);
  }

  /** The request of a JSON snapshot written by {@link #encode}. */
  public static JobRequest decode(String json) {
    JsonNode o = Json.parse(json);
    return new JobRequest(
        Json.str(o, "jobId"),
        Json.str(o, "topic"),
        JobPriority.forName(
            Json.str(o, "priority").isEmpty() ? "UNSPECIFIED" : Json.str(o, "priority")),
        Json.str(o, "contextPtr"),
        Json.str(o, "adapterId"),
        Json.map(o, "env"),
        Json.str(o, "parentJobId"),
        Json.str(o, "workflowId"),
        (int) Json.num(o, "stepIndex"),
        Json.str(o, "memoryId"),
        hints(o.get("contextHints")),
        budget(o.get("budget")),
        Json.str(o, "tenantId"),
        Json.str(o, "principalId"),
        Json.map(o, "labels"),
        meta(o.get("meta")),
        unknown(o));
  }

  private static @Nullable ContextHints hints(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return new ContextHints(
        (int) Json.num(n, "maxInputTokens"),
        Json.bool(n, "allowSummarization"),
        Json.bool(n, "allowRetrieval"),
        Json.strings(n, "tags"),
        unknown(n));
  }

  private static @Nullable Budget budget(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return new Budget(
        Json.num(n, "maxInputTokens"),
        Json.num(n, "maxOutputTokens"),
        Json.num(n, "maxTotalTokens"),
        Json.num(n, "deadlineMs"),
        unknown(n));
  }

  private static @Nullable JobMetadata meta(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String actorType = Json.str(n, "actorType");
    return new JobMetadata(
        Json.str(n, "tenantId"),
        Json.str(n, "actorId"),
        ActorType.forName(actorType.isEmpty() ? "UNSPECIFIED" : actorType),
        Json.str(n, "idempotencyKey"),
        Json.str(n, "capability"),
        Json.strings(n, "riskTags"),
        Json.strings(n, "requires"),
        Json.str(n, "packId"),
        Json.map(n, "labels"),
        unknown(n));
  }

  private static UnknownFields unknown(JsonNode n) {
    return UnknownFields.of(Json.bytes(n, UNKNOWN));
  }
}
