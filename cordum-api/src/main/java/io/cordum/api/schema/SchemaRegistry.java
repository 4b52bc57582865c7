package io.cordum.api.schema;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON-schema registry: register schemas by id, then validate payloads against them with every
 * violation reported by its JSON path. Obtained from {@code Cordum.schemas()}.
 *
 * <pre>{@code
 * schemas.register("order", "{\"type\":\"object\",\"required\":[\"id\"]}");
 * SchemaValidationResult r = schemas.validate("order", "{}");
 * r.valid();          // false
 * r.violations();     // [$.id: required property 'id' not found (required)]
 * }</pre>
 *
 * <p>A schema is compiled (and checked against its dialect's meta-schema) when it is registered, so
 * an invalid one is rejected then, with every problem listed. Draft 2020-12 is the default; {@code
 * $schema} selects draft 4, 6, 7 or 2019-09. A schema re-registered on another replica is used on
 * its next validation here.
 */
public interface SchemaRegistry {

  /**
   * Checks, compiles and stores a schema, replacing one with the same id.
   *
   * @param id the schema id, trimmed; may hold {@code /} (packs use {@code <pack>/<name>})
   * @param schemaJson the schema, JSON text
   * @return the stored entry
   * @throws io.cordum.api.ValidationException if the id is blank or the schema is invalid (every
   *     problem, each naming the field under {@code schema} and the rule); nothing is stored
   */
  SchemaEntry register(String id, String schemaJson);

  /**
   * The registered schema.
   *
   * @throws io.cordum.api.NotFoundException if there is none with this id
   */
  SchemaEntry get(String id);

  /** The registered schema, if any. */
  Optional<SchemaEntry> find(String id);

  /** Ids, the most recently registered first; a limit of 0 or less means 100. */
  List<String> list(int limit);

  /** Removes a schema; {@code false} if there was none. Idempotent. */
  boolean delete(String id);

  /**
   * Validates JSON text against a registered schema; text that is not JSON is one violation.
   *
   * @throws io.cordum.api.NotFoundException if no schema has this id
   */
  SchemaValidationResult validate(String schemaId, String json);

  /**
   * Validates a value made of maps, lists, strings, numbers, booleans and {@code null}.
   *
   * @throws io.cordum.api.NotFoundException if no schema has this id
   */
  SchemaValidationResult validateValue(String schemaId, @Nullable Object value);
}
