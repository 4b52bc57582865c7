package io.cordum.core.internal.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.schema.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compiles JSON schemas (networknt json-schema-validator). Draft 2020-12 unless the schema's {@code
 * $schema} names draft 4, 6, 7 or 2019-09. A schema is first validated against its dialect's
 * meta-schema, then compiled with every {@code $ref} resolved, so a bad schema is rejected here
 * with every problem listed, not at its first use. References may point inside the schema and to
 * the bundled meta-schemas only: nothing is read from the network or the file system.
 */
public final class JsonSchemas {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The dialect of a schema without {@code $schema}. */
  public static final String DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12.getDialectId();

  /** Keywords whose violation names a property that the path should include. */
  private static final Set<String> PROPERTY_KEYWORDS =
      Set.of(
          "required",
          "additionalProperties",
          "dependentRequired",
          "dependencies",
          "unevaluatedProperties",
          "propertyNames");

  private static final SchemaRegistryConfig CONFIG =
      SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build();

  /** For meta-schemas only: they never change, so caching them is safe. */
  private static final com.networknt.schema.SchemaRegistry META = newRegistry(true);

  private JsonSchemas() {}

  /**
   * Checks and compiles a schema given as JSON text.
   *
   * @throws ValidationException naming {@code schema...} fields: not JSON, not an object or
   *     boolean, an unknown {@code $schema}, meta-schema violations, unresolvable references
   */
  public static CompiledSchema compile(String json) {
    if (json == null || json.isBlank()) {
      throw new ValidationException("schema", "is required");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new ValidationException("schema", "is not valid JSON: " + e.getOriginalMessage());
    }
    return compile(node, sha256(json));
  }

  /**
   * Like {@link #compile(String)}, for a schema made of maps, lists, strings, numbers and booleans
   * (such as an inline schema of a workflow definition).
   */
  public static CompiledSchema compileValue(Object schema) {
    return compile(MAPPER.valueToTree(schema));
  }

  /** Like {@link #compile(String)}, for a tree. */
  public static CompiledSchema compile(JsonNode schema) {
    return compile(schema, sha256(MAPPER.writeValueAsString(schema)));
  }

  private static CompiledSchema compile(JsonNode node, String sha) {
    if (node == null || !(node.isObject() || node.isBoolean())) {
      throw new ValidationException("schema", "must be a JSON object or a boolean");
    }
    String dialect = DEFAULT_DIALECT;
    JsonNode declared = node.get("$schema");
    if (declared != null) {
      dialect = declared.isString() ? declared.asString().trim() : "";
      if (SpecificationVersion.fromDialectId(dialect).isEmpty()
          && SpecificationVersion.fromDialectId(dialect + "#").isEmpty()) {
        throw new ValidationException(
            "schema.$schema",
            "must name draft-04, draft-06, draft-07,"
                + " 2019-09 or 2020-12 (such as "
                + DEFAULT_DIALECT
                + "), was "
                + declared);
      }
    }
    List<Violation> errors = new ArrayList<>();
    Schema meta = META.getSchema(SchemaLocation.of(metaId(dialect)));
    for (Error e : meta.validate(node)) {
      SchemaViolation v = violation(e);
      errors.add(new Violation("schema" + v.path().substring(1), v.keyword() + ": " + v.message()));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    try {
      // A registry per schema: networknt caches schemas by $id, and a re-registered schema
      // with the same $id must not get the old compiled one.
      Schema schema = newRegistry(false).getSchema(node);
      schema.initializeValidators();
      return new CompiledSchema(schema, dialect, sha);
    } catch (SchemaException e) {
      throw new ValidationException("schema", "does not compile: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ValidationException("schema", "does not compile: " + e);
    }
  }

  /** Hex SHA-256 of the text's UTF-8 bytes. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  static SchemaViolation violation(Error e) {
    String path = String.valueOf(e.getInstanceLocation());
    String prop = e.getProperty();
    if (prop != null && PROPERTY_KEYWORDS.contains(e.getKeyword())) {
      path = e.getInstanceLocation().append(prop).toString();
    }
    return new SchemaViolation(path, String.valueOf(e.getKeyword()), e.getMessage());
  }

  private static String metaId(String dialect) {
    return SpecificationVersion.fromDialectId(dialect)
        .or(() -> SpecificationVersion.fromDialectId(dialect + "#"))
        .orElse(SpecificationVersion.DRAFT_2020_12)
        .getDialectId();
  }

  private static com.networknt.schema.SchemaRegistry newRegistry(boolean cache) {
    return com.networknt.schema.SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        b ->
            b.schemaRegistryConfig(CONFIG)
                .schemaCacheEnabled(cache)
                .schemaLoader(l -> l.block(iri -> !isMetaSchema(iri.toString()))));
  }

  private static boolean isMetaSchema(String iri) {
    return iri.startsWith("https://json-schema.org/") || iri.startsWith("http://json-schema.org/");
  }
}
