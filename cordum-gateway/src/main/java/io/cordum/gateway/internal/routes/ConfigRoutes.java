package io.cordum.gateway.internal.routes;

import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.config.ConfigWrite;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The hierarchical config service. */
final class ConfigRoutes {
  private final Cordum cordum;

  ConfigRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  private static ConfigScope scope(@Nullable String s) {
    if (s == null || s.isBlank()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "scope required");
    }
    try {
      return ConfigScope.parse(s.trim());
    } catch (RuntimeException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "scope must be system, org, team, workflow or step");
    }
  }

  /** The key a request names; an org scope must be the caller's tenant. */
  private static ConfigKey key(Call c, ConfigScope scope, @Nullable String scopeId) {
    String id = scopeId == null ? "" : scopeId.trim();
    if (scope == ConfigScope.SYSTEM) {
      return ConfigKey.of(scope, id.isEmpty() ? "default" : id);
    }
    if (scope == ConfigScope.ORG) {
      return ConfigKey.of(scope, c.tenant(id));
    }
    if (id.isEmpty()) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "scope_id required for non-system scope");
    }
    return ConfigKey.of(scope, id);
  }

  Object get(Call c) {
    ConfigKey k = key(c, scope(c.query("scope", "system")), c.query("scope_id"));
    var doc =
        cordum
            .config()
            .find(k)
            .orElseThrow(() -> ApiError.notFound("config_not_found", "config not found"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scope", k.scope().wireName());
    m.put("scope_id", k.scopeId());
    m.put("data", doc.data());
    m.put("revision", doc.revision());
    m.put("updated_at", Json.time(doc.updatedAt()));
    if (!doc.meta().isEmpty()) {
      m.put("meta", doc.meta());
    }
    m.put("hash", doc.hash());
    return m;
  }

  Object set(Call c) {
    JsonBody b = c.json(false);
    ConfigKey k = key(c, scope(b.string("scope")), b.string("scope_id"));
    if (b.has("data") && b.object("data") == null) {
      throw ApiError.invalidJson("invalid json: data must be an object");
    }
    ConfigWrite.Builder w = ConfigWrite.builder(k).data(Json.plainObject(b.object("data")));
    b.stringMap("meta").forEach(w::meta);
    if (b.has("revision")) {
      // Optional compare-and-set: the revision the client read (Cordum had none).
      w.expectedRevision(b.int64("revision"));
    }
    cordum.config().set(w.build());
    return Reply.noContent();
  }

  Object effective(Call c) {
    String org = c.tenant(c.query("org_id"));
    var e =
        cordum
            .config()
            .resolve(
                new ConfigTarget(
                    org,
                    c.query("team_id", ""),
                    c.query("workflow_id", ""),
                    c.query("step_id", "")));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", e.version());
    m.put("hash", e.hash());
    m.put("data", e.data());
    return m;
  }
}
