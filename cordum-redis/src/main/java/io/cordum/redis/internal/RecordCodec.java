package io.cordum.redis.internal;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Tenants;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of the {@code job:meta:<id>} hash and the {@link JobRecord} they make. Times are
 * decimal micros; lists and maps are JSON; {@code safety} is the latest decision's JSON ({@link
 * SafetyJson}); {@code expires_at} is when the record expires by the injected clock.
 */
public final class RecordCodec {
  private static final JobMetadata NO_META = JobMetadata.builder().build();

  private RecordCodec() {}

  /**
   * The field/value pairs a save writes: the metadata derived from the request, by the rules of
   * {@link JobRecord} (tenant by {@link Tenants#of}, labels merged with meta winning, actor falling
   * back to the principal).
   */
  public static List<String> metadata(JobRequest request) {
    JobMetadata meta = request.meta() == null ? NO_META : request.meta();
    Map<String, String> labels = new LinkedHashMap<>(request.labels());
    labels.putAll(meta.labels()); // meta wins
    return List.of(
        "topic", request.topic(),
        "tenant", Tenants.of(request),
        "team", request.env().getOrDefault("team_id", ""),
        "principal", request.principalId(),
        "actor_id", meta.actorId().isBlank() ? request.principalId() : meta.actorId(),
        "actor_type", meta.actorType().name(),
        "idempotency_key", meta.idempotencyKey(),
        "capability", meta.capability(),
        "risk_tags", Json.write(Json.strings(meta.riskTags())),
        "requires", Json.write(Json.strings(meta.requires())),
        "pack_id", meta.packId(),
        "labels", Json.write(Json.map(labels)),
        "memory_id", request.memoryId(),
        "workflow_id", request.workflowId());
  }

  /**
   * The hash {@code job_save.lua} writes for a new job: the request's metadata, PENDING, version 1,
   * created and updated at {@code now} (micros).
   */
  public static Map<String, String> created(
      String id, JobRequest request, @Nullable String traceId, long now) {
    List<String> meta = metadata(request);
    Map<String, String> f = new HashMap<>(meta.size() / 2 + 8);
    for (int i = 0; i + 1 < meta.size(); i += 2) {
      f.put(meta.get(i), meta.get(i + 1));
    }
    String t = Long.toString(now);
    f.put("id", id);
    f.put("state", "PENDING");
    f.put("version", "1");
    f.put("attempts", "0");
    f.put("created_at", t);
    f.put("updated_at", t);
    f.put("trace_id", traceId == null || traceId.isBlank() ? "" : traceId);
    return f;
  }

  /** A flat field/value list (as HGETALL replies inside a script) as a map. */
  public static Map<String, String> fields(List<?> flat) {
    Map<String, String> m = new HashMap<>(flat.size());
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return m;
  }

  /** When the record expires by the injected clock (micros); 0 if unknown. */
  public static long expiresAt(Map<String, String> f) {
    String v = f.get("expires_at");
    return v == null ? 0 : Long.parseLong(v);
  }

  /** The update time (micros) of a record's hash. */
  public static long updatedAt(Map<String, String> f) {
    return Long.parseLong(f.getOrDefault("updated_at", "0"));
  }

  /** The record a hash holds. */
  public static JobRecord decode(Map<String, String> f) {
    String safety = f.getOrDefault("safety", "");
    String actorType = f.getOrDefault("actor_type", "");
    return JobRecord.builder()
        .id(s(f, "id"))
        .traceId(s(f, "trace_id"))
        .state(JobState.valueOf(s(f, "state")))
        .topic(s(f, "topic"))
        .tenant(s(f, "tenant"))
        .team(s(f, "team"))
        .principal(s(f, "principal"))
        .actorId(s(f, "actor_id"))
        .actorType(actorType.isEmpty() ? ActorType.UNSPECIFIED : ActorType.valueOf(actorType))
        .idempotencyKey(s(f, "idempotency_key"))
        .capability(s(f, "capability"))
        .riskTags(Json.stringList(s(f, "risk_tags")))
        .requires(Json.stringList(s(f, "requires")))
        .packId(s(f, "pack_id"))
        .labels(Json.stringMap(s(f, "labels")))
        .memoryId(s(f, "memory_id"))
        .workflowId(s(f, "workflow_id"))
        .attempts(Integer.parseInt(f.getOrDefault("attempts", "0")))
        .version(Long.parseLong(f.getOrDefault("version", "0")))
        .createdAt(Micros.toInstant(Long.parseLong(f.getOrDefault("created_at", "0"))))
        .updatedAt(Micros.toInstant(updatedAt(f)))
        .deadline(time(f, "deadline"))
        .wakeAt(time(f, "wake_at"))
        .resultPtr(s(f, "result_ptr"))
        .workerId(s(f, "worker_id"))
        .reasonCode(s(f, "reason_code"))
        .reason(s(f, "reason"))
        .safety(safety.isEmpty() ? null : SafetyJson.decode(safety))
        .build();
  }

  private static String s(Map<String, String> f, String field) {
    return f.getOrDefault(field, "");
  }

  private static java.time.@Nullable Instant time(Map<String, String> f, String field) {
    String v = f.get(field);
    return v == null || v.isEmpty() ? null : Micros.toInstant(Long.parseLong(v));
  }
}
