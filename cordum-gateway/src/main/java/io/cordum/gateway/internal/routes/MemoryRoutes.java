package io.cordum.gateway.internal.routes;

import io.cordum.api.ValidationException;
import io.cordum.api.artifact.Artifact;
import io.cordum.api.artifact.ArtifactMetadata;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.artifact.RetentionClass;
import io.cordum.api.job.JobRecord;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Memory pointers and artifacts. */
final class MemoryRoutes {
  private final Cordum cordum;

  MemoryRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }

  Object memory(Call c) {
    String ptr = unquote(c.query("ptr", ""));
    String key = unquote(c.query("key", ""));
    if (ptr.isEmpty() && key.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "missing ptr or key");
    }
    if (ptr.isEmpty()) {
      key = key.startsWith("redis://") ? key.substring("redis://".length()) : key;
      if (key.isEmpty()) {
        throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "invalid key pointer");
      }
    } else {
      if (!ptr.startsWith("redis://") || ptr.length() == "redis://".length()) {
        throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "invalid pointer");
      }
      key = ptr.substring("redis://".length());
    }
    String kind;
    if (key.startsWith("ctx:")) {
      kind = "context";
    } else if (key.startsWith("res:")) {
      kind = "result";
    } else if (key.startsWith("mem:")) {
      throw new ApiError(501, ErrorCodes.NOT_IMPLEMENTED, "memory inspection unavailable");
    } else {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "unsupported pointer key (only ctx:*, res:*, or mem:*)");
    }
    String jobId = key.substring(4);
    // The pointer belongs to a job: only those who may see the job may read it (Cordum read
    // any key with no tenant check).
    Optional<JobRecord> job = cordum.jobs().get(jobId);
    if (job.isEmpty() ? !c.principal().crossTenant() : !c.canSee(job.get().tenant())) {
      throw ApiError.notFound("not_found", "not found");
    }
    String pointer = "redis://" + key;
    byte[] data =
        cordum
            .pointers()
            .get(pointer)
            .orElseThrow(() -> ApiError.notFound("not_found", "not found"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pointer", pointer);
    m.put("key", key);
    m.put("kind", kind);
    m.put("size_bytes", data.length);
    m.put("base64", Base64.getEncoder().encodeToString(data));
    String text = Json.utf8(data);
    if (text != null) {
      m.put("text", text);
      JsonNode json = Json.tryParse(data);
      if (json != null) {
        m.put("json", json);
      }
    }
    return m;
  }

  Object putArtifact(Call c) {
    JsonBody b = c.json(false);
    byte[] content;
    if (b.has("content_base64")) {
      try {
        content = Base64.getDecoder().decode(b.string("content_base64"));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "invalid base64 content");
      }
    } else if (b.has("content")) {
      content = b.string("content").getBytes(StandardCharsets.UTF_8);
    } else {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "content required");
    }
    long clientMax = parseMax(c.query("max_bytes"));
    if (clientMax == 0) {
      clientMax = parseMax(c.header("X-Max-Artifact-Bytes"));
    }
    if (clientMax > 0 && content.length > clientMax) {
      throw new ApiError(413, "artifact_too_large", "artifact too large");
    }
    RetentionClass retention;
    try {
      String r = b.string("retention");
      retention = r.isBlank() ? RetentionClass.STANDARD : RetentionClass.parse(r);
    } catch (RuntimeException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "retention must be short, standard or audit");
    }
    Map<String, String> labels = new LinkedHashMap<>(b.stringMap("labels"));
    String tenant = c.tenant(labels.get("tenant_id"));
    labels.put("tenant_id", tenant);
    String ptr =
        cordum
            .artifacts()
            .put(
                ArtifactUpload.builder(content)
                    .contentType(b.string("content_type"))
                    .retention(retention)
                    .labels(labels)
                    .tenant(tenant)
                    .build());
    return Map.of("artifact_ptr", ptr, "size_bytes", content.length);
  }

  private static long parseMax(@Nullable String v) {
    if (v == null || v.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "max_bytes must be an integer");
    }
  }

  Object getArtifact(Call c) {
    String ptr = c.pathParam("ptr");
    Optional<Artifact> a;
    try {
      a = cordum.artifacts().get(ptr);
    } catch (ValidationException e) {
      throw ApiError.notFound("artifact_not_found", "artifact not found");
    }
    Artifact art =
        a.orElseThrow(() -> ApiError.notFound("artifact_not_found", "artifact not found"));
    c.checkTenant(
        art.metadata().tenant(), ApiError.notFound("artifact_not_found", "artifact not found"));
    ArtifactMetadata md = art.metadata();
    Map<String, Object> meta =
        new Views.Obj()
            .omit("content_type", md.contentType())
            .put("size_bytes", md.sizeBytes())
            .put("retention", md.retention().wireName())
            .omit("labels", md.labels())
            .put("created_at", Json.time(md.createdAt()))
            .put("expires_at", Json.time(md.expiresAt()))
            .map();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("artifact_ptr", art.pointer());
    m.put("content_base64", Base64.getEncoder().encodeToString(art.content()));
    m.put("metadata", meta);
    return m;
  }
}
