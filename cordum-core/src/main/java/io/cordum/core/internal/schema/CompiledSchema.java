package io.cordum.core.internal.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.cordum.api.schema.SchemaValidationResult;
import io.cordum.api.schema.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON schema checked against its dialect's meta-schema and compiled, ready to validate any
 * number of instances. Thread-safe. Made by {@link JsonSchemas#compile(String)} or taken from the
 * {@link DefaultSchemaRegistry}.
 */
public final class CompiledSchema {
  private final Schema schema;
  private final String dialect;
  private final String sha256;

  CompiledSchema(Schema schema, String dialect, String sha256) {
    this.schema = schema;
    this.dialect = dialect;
    this.sha256 = sha256;
  }

  /** The dialect (meta-schema URI) the schema was compiled with. */
  public String dialect() {
    return dialect;
  }

  /** Hex SHA-256 of the schema text it was compiled from. */
  public String sha256() {
    return sha256;
  }

  /** Validates a JSON tree; every violation is reported. */
  public SchemaValidationResult validate(JsonNode instance) {
    List<SchemaViolation> out = new ArrayList<>();
    for (Error e : schema.validate(instance)) {
      out.add(JsonSchemas.violation(e));
    }
    return out.isEmpty() ? SchemaValidationResult.VALID : new SchemaValidationResult(out);
  }

  /**
   * Validates JSON text. Text that is not JSON gives one violation at {@code $} with the keyword
   * {@code json}.
   */
  public SchemaValidationResult validateJson(String json) {
    JsonNode node;
    try {
      node = JsonSchemas.MAPPER.readTree(json);
    } catch (JacksonException e) {
      return new SchemaValidationResult(
          List.of(
              new SchemaViolation("$", "json", "is not valid JSON: " + e.getOriginalMessage())));
    }
    return validate(node == null || node.isMissingNode() ? JsonSchemas.MAPPER.nullNode() : node);
  }

  /**
   * Validates a Java value made of maps, lists, strings, numbers, booleans and {@code null} (such
   * as a decoded step input).
   */
  public SchemaValidationResult validateValue(@Nullable Object value) {
    return validate(JsonSchemas.MAPPER.valueToTree(value));
  }
}
