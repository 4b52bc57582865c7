package io.cordum.core.internal.workflow;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.workflow.OnError;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepMeta;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads workflow definitions from JSON or YAML (YAML is a superset of JSON, so one parser takes
 * both), with Cordum's field names ({@code org_id}, {@code depends_on}, {@code for_each}, ...).
 * {@code steps} is a map from step id to step (a step's id is its key); a list of steps that each
 * carry an {@code id} is accepted too. Parsing checks the shape of every field; the DAG,
 * expressions and schemas are checked by {@link WorkflowValidator}.
 */
public final class DefinitionParser {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> TOP =
      Set.of(
          "id",
          "org_id",
          "tenant",
          "team_id",
          "name",
          "description",
          "version",
          "timeout_sec",
          "steps",
          "config",
          "input_schema",
          "parameters",
          "created_by",
          "created_at",
          "updated_at");
  private static final Set<String> STEP =
      Set.of(
          "id",
          "name",
          "type",
          "worker_id",
          "topic",
          "depends_on",
          "condition",
          "for_each",
          "max_parallel",
          "input",
          "input_schema",
          "input_schema_id",
          "output_path",
          "output_schema",
          "output_schema_id",
          "meta",
          "on_error",
          "retry",
          "timeout_sec",
          "delay_sec",
          "delay_until",
          "route_labels",
          "workflow_id");

  private DefinitionParser() {}

  /** Reads and parses a file. */
  public static WorkflowDefinition load(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read workflow " + path, e);
    }
  }

  /**
   * Parses one definition.
   *
   * @throws ValidationException listing every problem, each naming its path and rule
   */
  public static WorkflowDefinition parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException("workflow", "is empty");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JacksonException e) {
      throw new ValidationException(
          "workflow", "is not valid JSON or YAML: " + e.getOriginalMessage());
    }
    return fromTree(root);
  }

  /** Converts an already parsed tree (such as a REST request body). */
  public static WorkflowDefinition fromTree(JsonNode root) {
    List<Violation> errors = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new ValidationException("workflow", "must be an object");
    }
    Nodes n = new Nodes(errors);
    unknown(root, TOP, "", errors);
    String tenant = n.str(root, "org_id", "");
    if (tenant.isEmpty()) {
      tenant = n.str(root, "tenant", "");
    }
    WorkflowDefinition.Builder b =
        WorkflowDefinition.builder(n.str(root, "id", "").trim())
            .tenant(tenant)
            .team(n.str(root, "team_id", ""))
            .name(n.str(root, "name", ""))
            .description(n.str(root, "description", ""))
            .label(n.str(root, "version", ""))
            .timeoutSec(n.num(root, "timeout_sec", ""))
            .config(n.object(root, "config", ""))
            .inputSchema(n.object(root, "input_schema", ""))
            .parameters(n.list(root, "parameters", ""))
            .createdBy(n.str(root, "created_by", ""));
    JsonNode steps = root.get("steps");
    if (steps != null && steps.isObject()) {
      for (var e : steps.properties()) {
        b.step(step(e.getKey(), e.getValue(), n, errors));
      }
    } else if (steps != null && steps.isArray()) {
      int i = 0;
      for (JsonNode s : steps) {
        String id = s.isObject() ? n.str(s, "id", "steps[" + i + "].") : "";
        if (id.isBlank()) {
          errors.add(new Violation("steps[" + i + "].id", "is required in a list of steps"));
        } else {
          b.step(step(id, s, n, errors));
        }
        i++;
      }
    } else if (steps != null && !steps.isNull()) {
      errors.add(new Violation("steps", "must be a map from step id to step"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return b.build();
  }

  private static void unknown(
      JsonNode node, Set<String> known, String path, List<Violation> errors) {
    for (String k : node.propertyNames()) {
      if (!known.contains(k)) {
        errors.add(new Violation(path + k, "unknown field"));
      }
    }
  }

  private static StepDefinition step(String id, JsonNode s, Nodes n, List<Violation> errors) {
    String p = "steps." + id + ".";
    StepDefinition.Builder b = StepDefinition.builder(id);
    if (s == null || !s.isObject()) {
      errors.add(new Violation("steps." + id, "must be an object"));
      return b.build();
    }
    unknown(s, STEP, p, errors);
    String type = n.str(s, "type", p);
    StepType t = StepType.fromWire(type).orElse(null);
    if (t == null) {
      errors.add(
          new Violation(
              p + "type",
              "unknown step type \""
                  + type
                  + "\"; one of "
                  + java.util.Arrays.stream(StepType.values()).map(StepType::wireName).toList()));
      t = StepType.WORKER;
    }
    String onError = n.str(s, "on_error", p);
    OnError oe = OnError.fromWire(onError).orElse(null);
    if (oe == null) {
      errors.add(
          new Violation(p + "on_error", "must be fail or continue, was \"" + onError + "\""));
      oe = OnError.FAIL;
    }
    long maxParallel = n.num(s, "max_parallel", p);
    b.type(t)
        .onError(oe)
        .name(n.str(s, "name", p))
        .workerId(n.str(s, "worker_id", p))
        .topic(n.str(s, "topic", p).trim())
        .dependsOn(n.strings(s, "depends_on", p).stream().map(String::trim).toList())
        .condition(n.str(s, "condition", p))
        .forEach(n.str(s, "for_each", p))
        .maxParallel((int) maxParallel)
        .input(n.object(s, "input", p))
        .inputSchema(n.object(s, "input_schema", p))
        .inputSchemaId(n.str(s, "input_schema_id", p))
        .outputPath(n.str(s, "output_path", p).trim())
        .outputSchema(n.object(s, "output_schema", p))
        .outputSchemaId(n.str(s, "output_schema_id", p))
        .timeoutSec(n.num(s, "timeout_sec", p))
        .delaySec(n.num(s, "delay_sec", p))
        .delayUntil(n.str(s, "delay_until", p).trim())
        .routeLabels(n.stringMap(s, "route_labels", p))
        .workflowId(n.str(s, "workflow_id", p).trim());
    if (maxParallel < 0) {
      errors.add(new Violation(p + "max_parallel", "must not be negative"));
    }
    JsonNode meta = s.get("meta");
    if (meta != null && meta.isObject()) {
      String mp = p + "meta.";
      b.meta(
          new StepMeta(
              n.str(meta, "actor_id", mp),
              n.str(meta, "actor_type", mp),
              n.str(meta, "idempotency_key", mp),
              n.str(meta, "pack_id", mp),
              n.str(meta, "capability", mp),
              n.strings(meta, "risk_tags", mp),
              n.strings(meta, "requires", mp),
              n.stringMap(meta, "labels", mp)));
    } else if (meta != null && !meta.isNull()) {
      errors.add(new Violation(p + "meta", "must be an object"));
    }
    JsonNode retry = s.get("retry");
    if (retry != null && retry.isObject()) {
      String rp = p + "retry.";
      double jitter = n.dbl(retry, "jitter", rp);
      b.retry(
          new StepRetry(
              (int) n.num(retry, "max_retries", rp),
              n.num(retry, "initial_backoff_sec", rp),
              n.num(retry, "max_backoff_sec", rp),
              n.dbl(retry, "multiplier", rp),
              jitter));
      if (jitter < 0 || jitter > 1) {
        errors.add(new Violation(rp + "jitter", "must be between 0 and 1"));
      }
    } else if (retry != null && !retry.isNull()) {
      errors.add(new Violation(p + "retry", "must be an object"));
    }
    return b.build();
  }
}
