package io.cordum.core.internal.workflow;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.schema.SchemaValidationResult;
import io.cordum.api.schema.SchemaViolation;
import io.cordum.api.workflow.WorkflowErrorCodes;
import io.cordum.core.internal.schema.CompiledSchema;
import io.cordum.core.internal.schema.DefaultSchemaRegistry;
import io.cordum.core.internal.schema.JsonSchemas;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The JSON schemas of workflows, on the project's one schema implementation ({@link JsonSchemas},
 * {@link DefaultSchemaRegistry}): inline schemas are compiled once and cached by content, {@code
 * *_schema_id}s are resolved through the registry at each use (the registry caches by id and text,
 * so a schema re-registered by another replica is picked up). An inline schema wins over an id.
 */
final class StepSchemas {
  private static final int MAX_CACHED = 512;

  private final DefaultSchemaRegistry registry;
  private final ConcurrentHashMap<Map<String, Object>, CompiledSchema> inline =
      new ConcurrentHashMap<>();

  StepSchemas(DefaultSchemaRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Why a value could not pass a schema check. */
  record Failure(String code, String message) {}

  /**
   * Checks a value against the inline schema, else the registered one, else passes.
   *
   * @param what what the schema is called in the message, such as {@code input schema}
   * @param invalidCode the code of a value that breaks the schema
   * @return null when the value passes; otherwise the failure, whose message lists every violation
   *     with its JSON path ({@code $.a.b: ... (keyword)}), or names an unknown or broken schema
   *     ({@code schema_unknown}, {@code schema_invalid})
   */
  @Nullable Failure check(
      Map<String, Object> schema,
      String schemaId,
      @Nullable Object value,
      String what,
      String invalidCode) {
    CompiledSchema c;
    try {
      if (!schema.isEmpty()) {
        c = inline(schema);
      } else if (!schemaId.isBlank()) {
        c = registry.compiled(schemaId);
      } else {
        return null;
      }
    } catch (NotFoundException e) {
      return new Failure(
          WorkflowErrorCodes.SCHEMA_UNKNOWN,
          what + ": schema \"" + schemaId.trim() + "\" is not in the schema registry");
    } catch (ValidationException e) {
      return new Failure(
          WorkflowErrorCodes.SCHEMA_INVALID, what + ": the schema is invalid: " + e.getMessage());
    }
    SchemaValidationResult r = c.validateValue(value);
    return r.valid() ? null : new Failure(invalidCode, what + ": " + describe(r));
  }

  /** The workflow input against the workflow's inline schema, as field violations. */
  List<Violation> checkInput(Map<String, Object> schema, Map<String, Object> input) {
    if (schema.isEmpty()) {
      return List.of();
    }
    return inline(schema).validateValue(input).toViolations("input");
  }

  /** Whether the registry holds a schema with this id. */
  boolean registered(String schemaId) {
    return registry.find(schemaId).isPresent();
  }

  /** Every violation, each with its JSON path, joined by {@code "; "}. */
  static String describe(SchemaValidationResult r) {
    return r.violations().stream().map(SchemaViolation::toString).collect(Collectors.joining("; "));
  }

  private CompiledSchema inline(Map<String, Object> schema) {
    CompiledSchema c = inline.get(schema);
    if (c == null) {
      c = JsonSchemas.compileValue(schema);
      if (inline.size() >= MAX_CACHED) {
        inline.clear(); // bounded; compiling again is cheap next to a leak
      }
      inline.put(schema, c);
    }
    return c;
  }
}
