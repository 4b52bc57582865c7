package io.cordum.core.internal.workflow;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.cap.Subjects;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.core.internal.schema.JsonSchemas;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a definition before it is saved (a typo in {@code depends_on} or a cycle would otherwise
 * hang its runs for ever): the workflow and step ids, step types, {@code depends_on} targets,
 * cycles (each named, such as {@code a -> b -> a}), expressions and templates, inline schemas, and
 * the per-type settings. Every violation names the step and the field.
 */
public final class WorkflowValidator {
  /** Step ids: no {@code :}, {@code [}, {@code ]}, {@code @} (the job-id grammar), no spaces. */
  private static final Pattern STEP_ID = Pattern.compile("[^:\\[\\]@\\s\\p{Cntrl}]+");

  private static final Pattern WORKFLOW_ID = Pattern.compile("[^\\s\\p{Cntrl}]+");

  private WorkflowValidator() {}

  /**
   * Throws a {@link ValidationException} listing every problem of the definition, without looking
   * schema ids up.
   */
  public static void check(WorkflowDefinition def) {
    check(def, id -> true);
  }

  /**
   * Throws a {@link ValidationException} listing every problem of the definition.
   *
   * @param schemaExists whether a {@code *_schema_id} names a registered schema
   */
  public static void check(WorkflowDefinition def, Predicate<String> schemaExists) {
    List<Violation> v = violations(def, schemaExists);
    if (!v.isEmpty()) {
      throw new ValidationException(v);
    }
  }

  /**
   * Every problem of the definition, in definition order, without looking schema ids up; empty when
   * it is valid.
   */
  public static List<Violation> violations(WorkflowDefinition def) {
    return violations(def, id -> true);
  }

  /**
   * Every problem of the definition, in definition order; empty when it is valid.
   *
   * @param schemaExists whether a {@code *_schema_id} names a registered schema
   */
  public static List<Violation> violations(WorkflowDefinition def, Predicate<String> schemaExists) {
    List<Violation> errors = new ArrayList<>();
    if (def.id().isBlank()) {
      errors.add(new Violation("id", "must not be blank"));
    } else if (!WORKFLOW_ID.matcher(def.id()).matches()) {
      errors.add(new Violation("id", "must not contain whitespace or control characters"));
    }
    if (def.timeoutSec() < 0) {
      errors.add(new Violation("timeout_sec", "must not be negative"));
    }
    if (!def.inputSchema().isEmpty()) {
      checkSchema(def.inputSchema(), "input_schema", errors);
    }
    for (var e : def.steps().entrySet()) {
      String key = e.getKey();
      StepDefinition s = e.getValue();
      String p = "steps." + key + ".";
      if (!key.equals(s.id())) {
        errors.add(new Violation(p + "id", "must equal its key in steps, was \"" + s.id() + "\""));
      }
      if (!STEP_ID.matcher(key).matches()) {
        errors.add(
            new Violation(
                "steps." + key,
                "the step id must be non-empty without ':',"
                    + " '[', ']', '@' or whitespace (they are reserved by job ids <run>:<step>[i]@n)"));
      }
      step(def, s, p, errors);
      schemaIds(s, p, schemaExists, errors);
    }
    cycles(def, errors);
    return errors;
  }

  private static void step(
      WorkflowDefinition def, StepDefinition s, String p, List<Violation> errors) {
    for (String d : s.dependsOn()) {
      if (d.equals(s.id())) {
        errors.add(new Violation(p + "depends_on", "a step can not depend on itself"));
      } else if (!def.steps().containsKey(d)) {
        errors.add(new Violation(p + "depends_on", "unknown step \"" + d + "\""));
      }
    }
    if (s.timeoutSec() < 0) {
      errors.add(new Violation(p + "timeout_sec", "must not be negative"));
    }
    if (s.retry() != null && s.type().isBuiltIn()) {
      errors.add(new Violation(p + "retry", "applies only to job steps"));
    }
    if (!s.forEach().isBlank() && s.type().isBuiltIn()) {
      errors.add(
          new Violation(p + "for_each", "applies only to job steps, not " + s.type().wireName()));
    }
    if (s.topic().isBlank() && !s.type().isBuiltIn()) {
      // Without one the step ran on job.workflow.<id>, which no pool serves unless mapped on
      // purpose: the definition saved, and every run failed at this step with no_pool_mapping.
      errors.add(
          new Violation(
              p + "topic",
              "a job step needs a topic that a pool serves," + " such as job.default"));
    } else if (!s.topic().isEmpty() && !Subjects.isLiteral(s.topic())) {
      errors.add(new Violation(p + "topic", "must be a subject without wildcards or spaces"));
    }
    if (!s.outputPath().isEmpty()) {
      for (String seg : s.outputPath().split("\\.", -1)) {
        if (seg.isBlank()) {
          errors.add(new Violation(p + "output_path", "must be dot-separated non-empty names"));
          break;
        }
      }
    }
    if (!s.inputSchema().isEmpty()) {
      checkSchema(s.inputSchema(), p + "input_schema", errors);
    }
    if (!s.outputSchema().isEmpty()) {
      checkSchema(s.outputSchema(), p + "output_schema", errors);
    }
    switch (s.type()) {
      case CONDITION -> {
        if (s.condition().isBlank()) {
          errors.add(new Violation(p + "condition", "a condition step needs an expression"));
        }
      }
      case DELAY -> {
        if (s.delaySec() < 0) {
          errors.add(new Violation(p + "delay_sec", "must not be negative"));
        }
        if (!s.delayUntil().isEmpty()) {
          try {
            OffsetDateTime.parse(s.delayUntil());
          } catch (DateTimeParseException ex) {
            errors.add(
                new Violation(
                    p + "delay_until",
                    "must be an RFC 3339 time, such as" + " 2026-01-02T15:04:05Z"));
          }
        }
      }
      case SUBWORKFLOW -> {
        if (s.workflowId().isBlank()) {
          errors.add(
              new Violation(
                  p + "workflow_id", "a subworkflow step names the workflow" + " to run"));
        } else if (s.workflowId().equals(def.id())) {
          errors.add(new Violation(p + "workflow_id", "a workflow can not run itself"));
        }
      }
      default -> {}
    }
    Expressions.check(s, p, errors);
  }

  /**
   * Compiles an inline schema as the registry would (meta-schema check, references); every problem
   * becomes a violation under {@code path}, such as {@code input_schema.type}.
   */
  private static void checkSchema(Map<String, Object> schema, String path, List<Violation> errors) {
    try {
      JsonSchemas.compileValue(schema);
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        String f = v.field();
        errors.add(
            new Violation(
                f.startsWith("schema") ? path + f.substring("schema".length()) : path + "." + f,
                v.rule()));
      }
    }
  }

  /** Schema ids must name registered schemas (the engine resolves them at every use). */
  private static void schemaIds(
      StepDefinition s, String p, Predicate<String> exists, List<Violation> errors) {
    if (!s.inputSchemaId().isBlank()
        && s.inputSchema().isEmpty()
        && !exists.test(s.inputSchemaId())) {
      errors.add(new Violation(p + "input_schema_id", unknown(s.inputSchemaId())));
    }
    if (!s.outputSchemaId().isBlank()
        && s.outputSchema().isEmpty()
        && !exists.test(s.outputSchemaId())) {
      errors.add(new Violation(p + "output_schema_id", unknown(s.outputSchemaId())));
    }
  }

  private static String unknown(String id) {
    return "unknown schema \""
        + id.trim()
        + "\": register it first (cordum.schemas()"
        + ".register or POST /api/v1/schemas), or use an inline schema";
  }

  /** Finds every cycle by depth-first search and names it, such as {@code a -> b -> a}. */
  private static void cycles(WorkflowDefinition def, List<Violation> errors) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    List<String> path = new ArrayList<>();
    for (String id : def.steps().keySet()) {
      visit(id, def, state, path, errors);
    }
  }

  private static void visit(
      String id,
      WorkflowDefinition def,
      Map<String, Integer> state,
      List<String> path,
      List<Violation> errors) {
    Integer st = state.get(id);
    if (st != null && st == 2) {
      return;
    }
    if (st != null && st == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
      cycle.add(id);
      errors.add(
          new Violation("steps." + id + ".depends_on", "cycle: " + String.join(" -> ", cycle)));
      return;
    }
    StepDefinition s = def.steps().get(id);
    if (s == null) {
      return;
    }
    state.put(id, 1);
    path.add(id);
    for (String d : s.dependsOn()) {
      if (!d.equals(id)) {
        visit(d, def, state, path, errors);
      }
    }
    path.remove(path.size() - 1);
    state.put(id, 2);
  }

  static boolean isJob(StepDefinition s) {
    return s.type() != StepType.SUBWORKFLOW && s.type().isJob();
  }
}
