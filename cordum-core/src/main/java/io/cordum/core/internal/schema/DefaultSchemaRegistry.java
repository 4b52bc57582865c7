package io.cordum.core.internal.schema;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.schema.SchemaEntry;
import io.cordum.api.schema.SchemaRegistry;
import io.cordum.api.schema.SchemaStore;
import io.cordum.api.schema.SchemaValidationResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON-schema registry: schemas registered by id, compiled once, and used to validate step
 * inputs and outputs and other payloads.
 *
 * <pre>{@code
 * DefaultSchemaRegistry schemas = cordum.schemas();
 * schemas.register("orders/input", "{\"type\":\"object\",\"required\":[\"id\"]}");
 * SchemaValidationResult r = schemas.validate("orders/input", "{\"qty\":1}");
 * r.valid();          // false
 * r.violations();     // [$.id: required property 'id' not found (required)]
 * }</pre>
 *
 * <p>A schema is compiled (and checked against its dialect's meta-schema) when it is registered, so
 * an invalid one is rejected then, with every problem listed. Draft 2020-12 is the default; {@code
 * $schema} selects draft 4, 6, 7 or 2019-09. Compiled schemas are cached by id and the SHA-256 of
 * their text, so a schema re-registered by another replica is picked up on its next use. Schemas
 * live in the {@link SchemaStore} (in-memory or Redis).
 */
public final class DefaultSchemaRegistry implements SchemaRegistry {
  /** How many ids {@link #list(int)} returns for a limit of 0 or less. */
  public static final int DEFAULT_LIST_LIMIT = 100;

  private static final int MAX_CACHED = 1024;

  private final SchemaStore store;
  private final ConcurrentHashMap<String, CompiledSchema> compiled = new ConcurrentHashMap<>();

  /** A registry over the given store. */
  public DefaultSchemaRegistry(SchemaStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Checks, compiles and stores a schema, replacing one with the same id.
   *
   * @param id the schema id, trimmed; may hold {@code /} (packs use {@code <pack>/<name>})
   * @param schemaJson the schema, JSON text
   * @return the stored entry
   * @throws ValidationException if the id is blank or the schema is invalid (every problem, each
   *     naming the field under {@code schema} and the rule); nothing is stored
   */
  @Override
  public SchemaEntry register(String id, String schemaJson) {
    String key = id(id);
    String body = schemaJson == null ? "" : schemaJson.trim();
    CompiledSchema c = JsonSchemas.compile(body);
    SchemaEntry e = store.put(key, body);
    remember(key, c);
    return e;
  }

  /** Like {@link #register(String, String)}, for a JSON tree. */
  public SchemaEntry register(String id, JsonNode schema) {
    return register(id, JsonSchemas.MAPPER.writeValueAsString(schema));
  }

  /**
   * The registered schema.
   *
   * @throws NotFoundException if there is none with this id
   */
  @Override
  public SchemaEntry get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("schema not found: " + id.trim()));
  }

  /** The registered schema, if any. */
  @Override
  public Optional<SchemaEntry> find(String id) {
    return store.get(id(id));
  }

  /** Ids, the most recently registered first; a limit of 0 or less means 100. */
  @Override
  public List<String> list(int limit) {
    return store.list(limit <= 0 ? DEFAULT_LIST_LIMIT : limit);
  }

  /** Removes a schema; {@code false} if there was none. Idempotent. */
  @Override
  public boolean delete(String id) {
    String key = id(id);
    compiled.remove(key);
    return store.delete(key);
  }

  /**
   * The compiled form of a registered schema.
   *
   * @throws NotFoundException if there is none with this id
   * @throws ValidationException if the stored text does not compile (it was stored by something
   *     other than this registry)
   */
  public CompiledSchema compiled(String id) {
    SchemaEntry e = get(id);
    String sha = JsonSchemas.sha256(e.body());
    CompiledSchema c = compiled.get(e.id());
    if (c != null && c.sha256().equals(sha)) {
      return c;
    }
    CompiledSchema fresh;
    try {
      fresh = JsonSchemas.compile(e.body());
    } catch (ValidationException ex) {
      throw new ValidationException(
          "schema_id", "schema " + e.id() + " is stored but invalid: " + ex.getMessage());
    }
    remember(e.id(), fresh);
    return fresh;
  }

  /**
   * Validates a JSON tree against a registered schema, reporting every violation.
   *
   * @throws NotFoundException if no schema has this id
   */
  public SchemaValidationResult validate(String schemaId, JsonNode instance) {
    return compiled(schemaId).validate(instance);
  }

  /**
   * Validates JSON text against a registered schema; text that is not JSON is one violation.
   *
   * @throws NotFoundException if no schema has this id
   */
  @Override
  public SchemaValidationResult validate(String schemaId, String json) {
    return compiled(schemaId).validateJson(json);
  }

  /**
   * Validates a value made of maps, lists, strings, numbers, booleans and {@code null}.
   *
   * @throws NotFoundException if no schema has this id
   */
  @Override
  public SchemaValidationResult validateValue(String schemaId, @Nullable Object value) {
    return compiled(schemaId).validateValue(value);
  }

  private void remember(String id, CompiledSchema c) {
    if (compiled.size() >= MAX_CACHED) {
      compiled.clear(); // crude but bounded; compiling again is cheap next to a leak
    }
    compiled.put(id, c);
  }

  private static String id(String id) {
    if (id == null || id.isBlank()) {
      throw new ValidationException("id", "is required");
    }
    return id.trim();
  }
}
