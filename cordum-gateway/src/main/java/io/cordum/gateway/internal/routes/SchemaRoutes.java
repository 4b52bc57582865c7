package io.cordum.gateway.internal.routes;

import io.cordum.api.schema.SchemaEntry;
import io.cordum.api.schema.SchemaValidationResult;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import io.cordum.gateway.route.Reply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The JSON-schema registry. */
final class SchemaRoutes {
  private final Cordum cordum;

  SchemaRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  Object register(Call c) {
    JsonBody b = c.json(false);
    String id = b.string("id").trim();
    if (id.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "schema id required");
    }
    JsonNode schema = b.tree("schema");
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "schema required (a JSON object)");
    }
    cordum.schemas().register(id, Json.string(schema));
    return Reply.noContent();
  }

  Object list(Call c) {
    return Map.of("schemas", cordum.schemas().list(c.limit(100, 10_000)));
  }

  Object get(Call c) {
    SchemaEntry e =
        cordum
            .schemas()
            .find(c.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("schema_not_found", "schema not found"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("schema", Json.tryParse(e.body().getBytes(StandardCharsets.UTF_8)));
    m.put("revision", e.revision());
    m.put("registered_at", Json.time(e.registeredAt()));
    return m;
  }

  Object validate(Call c) {
    String id = c.pathParam("id");
    byte[] body = c.body();
    JsonNode instance = Json.tryParse(body);
    if (instance == null) {
      throw ApiError.invalidJson("invalid json: the body must be the JSON document to validate");
    }
    SchemaValidationResult r;
    try {
      r = cordum.schemas().validate(id, Json.string(instance));
    } catch (io.cordum.api.NotFoundException e) {
      throw ApiError.notFound("schema_not_found", "schema not found");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", r.valid());
    m.put(
        "errors",
        r.violations().stream()
            .map(v -> Map.of("path", v.path(), "keyword", v.keyword(), "message", v.message()))
            .toList());
    return m;
  }

  Object delete(Call c) {
    cordum.schemas().delete(c.pathParam("id"));
    return Reply.noContent();
  }
}
