package io.cordum.redis.internal;

import io.cordum.api.artifact.ArtifactMetadata;
import io.cordum.api.artifact.RetentionClass;
import io.cordum.api.internal.store.Micros;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of an artifact's metadata in Redis: Cordum's {@code content_type}, {@code size_bytes},
 * {@code retention}, {@code labels}, plus {@code tenant}, {@code created_at} and {@code expires_at}
 * (micros).
 */
public final class ArtifactJson {
  private ArtifactJson() {}

  /** The JSON text of the metadata. */
  public static String encode(ArtifactMetadata m) {
    ObjectNode o = Json.object();
    o.put("content_type", m.contentType());
    o.put("size_bytes", m.sizeBytes());
    o.put("retention", m.retention().wireName());
    o.set("labels", Json.map(m.labels()));
    o.put("tenant", m.tenant());
    o.put("created_at", Micros.of(m.createdAt()));
    o.put("expires_at", Micros.of(m.expiresAt()));
    return Json.write(o);
  }

  /** The metadata of its JSON text. */
  public static ArtifactMetadata decode(String json) {
    JsonNode n = Json.parse(json);
    return new ArtifactMetadata(
        Json.str(n, "content_type"),
        Json.num(n, "size_bytes"),
        RetentionClass.parse(Json.str(n, "retention")),
        Json.map(n, "labels"),
        Json.str(n, "tenant"),
        Micros.toInstant(Json.num(n, "created_at")),
        Micros.toInstant(Json.num(n, "expires_at")));
  }
}
