package io.cordum.core.config;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.core.schema.CompiledSchema;
import io.cordum.core.schema.JsonSchemas;
import io.cordum.core.schema.SchemaValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON schemas of Cordum's own documents, bundled with cordum-core, and validation against
 * them. Every problem is reported, each naming the field (a JSON path under the document's root)
 * and the rule it broke.
 *
 * <pre>{@code
 * ConfigSchemas.validateText(ConfigSchemas.Kind.POOLS, Files.readString(path));  // throws
 * }</pre>
 *
 * <p>The {@link ConfigService} checks the {@code pools}, {@code timeouts} and {@code safety}
 * sections of every document written to it with these.
 */
public final class ConfigSchemas {
  /** The documents that have a schema. */
  public enum Kind {
    /** {@code pools.yaml}, and the {@code pools} key of a config document. */
    POOLS("pools", "pools.schema.json"),
    /** {@code timeouts.yaml}, and the {@code timeouts} key of a config document. */
    TIMEOUTS("timeouts", "timeouts.schema.json"),
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
    return SCHEMAS.get(kind).validate(document);
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
      throw new ValidationException(kind.root, "is not valid YAML or JSON: "
          + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    validate(kind, node).orThrow(kind.root);
  }

  /**
   * The violations of one section of a config document: its schema first, then, for pools and
   * timeouts, the checks of the scheduler's own parser (such as topics without wildcards), so a
   * stored section is one the scheduler can apply.
   *
   * @param kind which section
   * @param value the section's value
   * @param root the fields' prefix, such as {@code data.pools}
   */
  static List<Violation> check(Kind kind, @Nullable Object value, String root) {
    JsonNode node = CanonicalJson.tree(value, root);
    List<Violation> out = new ArrayList<>(validate(kind, node).toViolations(root));
    if (!out.isEmpty()) {
      return out;
    }
    try {
      String json = JsonValues.MAPPER.writeValueAsString(node);
      if (kind == Kind.POOLS) {
        PoolConfig.parse(json);
      } else if (kind == Kind.TIMEOUTS) {
        TimeoutConfig.parse(json);
      }
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        out.add(new Violation(root + "." + v.field(), v.rule()));
      }
    }
    return out;
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
