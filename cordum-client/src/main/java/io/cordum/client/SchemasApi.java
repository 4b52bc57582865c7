package io.cordum.client;

import io.cordum.client.model.SchemaEntry;
import io.cordum.client.model.SchemaValidation;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The JSON-schema registry ({@code /api/v1/schemas}). Ids may contain {@code /}. */
public final class SchemasApi {
  private final Transport t;

  SchemasApi(Transport t) {
    this.t = t;
  }

  /**
   * Registers (or replaces) a schema; it is checked and compiled first.
   *
   * @param schema the schema: a map, or any value Jackson writes as a JSON object
   * @throws BadRequestException with every problem of the schema
   */
  public void register(String id, Object schema) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("id", id);
    body.put("schema", schema);
    t.req("POST", "/api/v1/schemas").json(body).idempotent(true).execute();
  }

  /** Registers a schema given as JSON text. */
  public void registerJson(String id, String schemaJson) {
    register(id, t.json.readTree(schemaJson));
  }

  /**
   * A schema.
   *
   * @throws NotFoundException when there is none with this id
   */
  public SchemaEntry get(String id) {
    return t.req("GET", PathSegments.of("/api/v1/schemas", id)).fetch(SchemaEntry.class);
  }

  /** Schema ids, newest first (at most {@code limit}; 0 for the default, 100). */
  public List<String> list(int limit) {
    JsonNode r = t.req("GET", "/api/v1/schemas").query("limit", limit).fetch(JsonNode.class);
    return r.path("schemas").valueStream().map(n -> n.asString("")).toList();
  }

  /** Deletes a schema (whether or not it exists). */
  public void delete(String id) {
    t.req("DELETE", PathSegments.of("/api/v1/schemas", id)).execute();
  }

  /**
   * Validates a document (any JSON value) against a registered schema.
   *
   * @throws NotFoundException when there is no such schema
   */
  public SchemaValidation validate(String id, Object document) {
    return t.req("POST", PathSegments.of("/api/v1/schemas", id, "/validate"))
        .json(document)
        .idempotent(true)
        .fetch(SchemaValidation.class);
  }

  /** Validates a document given as JSON text. */
  public SchemaValidation validateJson(String id, String documentJson) {
    return t.req("POST", PathSegments.of("/api/v1/schemas", id, "/validate"))
        .rawJson(documentJson)
        .idempotent(true)
        .fetch(SchemaValidation.class);
  }
}
