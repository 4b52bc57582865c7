package io.cordum.core.internal.config;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.schema.SchemaValidationResult;
import io.cordum.core.internal.schema.CompiledSchema;
import io.cordum.core.internal.schema.JsonSchemas;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON schemas of Cordum's safety documents, bundled with cordum-core, validation against them,
 * and the check of every section of a config document ({@link #checkSection}). Every problem is
 * reported, each naming the field (a JSON path under the document's root) and the rule it broke.
 *
 * <pre>{@code
 * ConfigSchemas.validateText(ConfigSchemas.Kind.SAFETY_POLICY, Files.readString(path));
 * }</pre>
 *
 * <p>The {@link DefaultConfigService} checks the {@code pools}, {@code timeouts} and {@code safety}
 * sections of every document written to it with {@link #checkSection}. {@code pools.yaml} and
 * {@code timeouts.yaml} have no schema here: their parsers are their one definition.
 */
public final class ConfigSchemas {
  /** The documents that have a schema. */
  public enum Kind {
    /** The {@code safety} key of a config document (what the safety kernel reads). */
    SAFETY_CONFIG("safety", "safety-config.schema.json"),
    /** A safety policy: {@code safety.yaml} or the content of a policy bundle. */
    SAFETY_POLICY("safety_policy", "safety-policy.schema.json");

    private final String root;
    private final String resource;

    Kind(String root, String resource) {
      this.root = root;
      this.resource = resource;
    }

    /** The name the violations' fields start with, such as {@code pools}. */
    public String root() {
      return root;
    }

    /** The schema's file name in {@code io/cordum/core/config/}. */
    public String resource() {
      return resource;
    }
  }

  private static final Map<Kind, CompiledSchema> SCHEMAS = new EnumMap<>(Kind.class);

  static {
    for (Kind k : Kind.values()) {
      SCHEMAS.put(k, JsonSchemas.compile(read(k.resource)));
    }
  }

  private ConfigSchemas() {}

  /** The schema text of a kind of document. */
  public static String schemaText(Kind kind) {
    return read(kind.resource);
  }

  /** Validates a JSON tree against a kind's schema; every violation is reported. */
  public static SchemaValidationResult validate(Kind kind, JsonNode document) {
    // The static initializer compiles a schema for every kind.
    return Objects.requireNonNull(SCHEMAS.get(kind)).validate(document);
  }

  /**
   * Validates YAML or JSON text. Blank text is accepted (it means "no document").
   *
   * @throws ValidationException naming every offending field under {@link Kind#root()}
   */
  public static void validateText(Kind kind, String yamlOrJson) {
    if (yamlOrJson.isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = new YAMLMapper().readTree(yamlOrJson);
    } catch (JacksonException e) {
      throw new ValidationException(
          kind.root, "is not valid YAML or JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    validate(kind, node).orThrow(kind.root);
  }

  /**
   * The violations of one section of a config document, so that a stored section is one the engines
   * can apply. {@code pools} and {@code timeouts} are checked by the scheduler's own parsers
   * ({@link PoolConfig#parse}, {@link TimeoutConfig#parse}), the one definition of those documents
   * (structure and meaning, such as topics without wildcards); {@code safety} by its schema. Other
   * sections are free-form.
   *
   * @param section the section's key, such as {@code pools}
   * @param value the section's value
   * @param root the fields' prefix, such as {@code data.pools}
   */
  static List<Violation> checkSection(String section, @Nullable Object value, String root) {
    JsonNode node = CanonicalJson.tree(value, root);
    try {
      switch (section) {
        case "pools" -> PoolConfig.parse(JsonValues.MAPPER.writeValueAsString(node));
        case "timeouts" -> TimeoutConfig.parse(JsonValues.MAPPER.writeValueAsString(node));
        case "safety" -> {
          return validate(Kind.SAFETY_CONFIG, node).toViolations(root);
        }
        default -> {
          return List.of();
        }
      }
      return List.of();
    } catch (ValidationException e) {
      List<Violation> out = new ArrayList<>();
      for (Violation v : e.violations()) {
        // The parsers name the document itself "pools"/"timeouts"; fields are relative to it.
        out.add(new Violation(v.field().equals(section) ? root : root + "." + v.field(), v.rule()));
      }
      return out;
    }
  }

  private static String read(String resource) {
    try (InputStream in = ConfigSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
