package io.cordum.redis.internal;

import io.cordum.api.internal.store.Micros;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Policy bundles, bundle snapshots and audit entries as JSON (snake_case fields, times as unix
 * microseconds), as stored by {@code RedisPolicyBundleStore}.
 */
public final class PolicyBundleJson {
  private PolicyBundleJson() {}

  /** A bundle map as a JSON object keyed by bundle id. */
  public static String encodeBundles(Map<String, PolicyBundle> bundles) {
    return Json.write(bundles(bundles));
  }

  /** The bundle map of {@link #encodeBundles}. */
  public static Map<String, PolicyBundle> decodeBundles(@Nullable String json) {
    return json == null || json.isEmpty() ? Map.of() : bundles(Json.parse(json));
  }

  /** A snapshot as JSON. */
  public static String encodeSnapshot(PolicyBundleSnapshot s) {
    ObjectNode o = Json.object();
    o.put("id", s.id());
    o.put("created_at", Micros.of(s.createdAt()));
    o.put("note", s.note());
    o.set("bundles", bundles(s.bundles()));
    return Json.write(o);
  }

  /** The snapshot of {@link #encodeSnapshot}. */
  public static PolicyBundleSnapshot decodeSnapshot(String json) {
    JsonNode o = Json.parse(json);
    return new PolicyBundleSnapshot(
        Json.str(o, "id"),
        Micros.toInstant(Json.num(o, "created_at")),
        Json.str(o, "note"),
        bundles(o.get("bundles")));
  }

  /** An audit entry as JSON. */
  public static String encodeAudit(PolicyBundleAuditEntry e) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    o.put("action", e.action());
    o.put("actor_id", e.actor());
    o.put("role", e.role());
    o.set("bundle_ids", Json.strings(e.bundleIds()));
    o.put("message", e.message());
    o.put("note", e.note());
    o.put("snapshot_before", e.snapshotBefore());
    o.put("snapshot_after", e.snapshotAfter());
    o.put("created_at", Micros.of(e.createdAt()));
    return Json.write(o);
  }

  /** The audit entry of {@link #encodeAudit}. */
  public static PolicyBundleAuditEntry decodeAudit(String json) {
    JsonNode o = Json.parse(json);
    return new PolicyBundleAuditEntry(
        Json.str(o, "id"),
        Json.str(o, "action"),
        Json.str(o, "actor_id"),
        Json.str(o, "role"),
        Json.strings(o, "bundle_ids"),
        Json.str(o, "message"),
        Json.str(o, "note"),
        Json.str(o, "snapshot_before"),
        Json.str(o, "snapshot_after"),
        Micros.toInstant(Json.num(o, "created_at")));
  }

  private static ObjectNode bundles(Map<String, PolicyBundle> bundles) {
    ObjectNode o = Json.object();
    bundles.forEach(
        (id, b) -> {
          ObjectNode n = o.putObject(id);
          n.put("content", b.content());
          n.put("enabled", b.enabled());
          n.put("priority", b.priority());
          n.put("author", b.author());
          n.put("message", b.message());
          n.put("signature", b.signature());
          if (b.createdAt() != null) {
            n.put("created_at", Micros.of(b.createdAt()));
          }
          if (b.updatedAt() != null) {
            n.put("updated_at", Micros.of(b.updatedAt()));
          }
          n.put("version", b.version());
        });
    return o;
  }

  private static Map<String, PolicyBundle> bundles(@Nullable JsonNode o) {
    Map<String, PolicyBundle> out = new LinkedHashMap<>();
    if (o == null || !o.isObject()) {
      return out;
    }
    o.properties()
        .forEach(
            e -> {
              JsonNode n = e.getValue();
              out.put(
                  e.getKey(),
                  PolicyBundle.builder(e.getKey())
                      .content(Json.str(n, "content"))
                      .enabled(Json.bool(n, "enabled"))
                      .priority((int) Json.num(n, "priority"))
                      .author(Json.str(n, "author"))
                      .message(Json.str(n, "message"))
                      .signature(Json.str(n, "signature"))
                      .createdAt(time(n, "created_at"))
                      .updatedAt(time(n, "updated_at"))
                      .version(Json.num(n, "version"))
                      .build());
            });
    return out;
  }

  private static @Nullable Instant time(JsonNode n, String field) {
    return n.has(field) ? Micros.toInstant(Json.num(n, field)) : null;
  }
}
