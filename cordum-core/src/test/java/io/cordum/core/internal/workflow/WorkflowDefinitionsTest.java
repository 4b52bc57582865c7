package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.workflow.OnError;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.core.internal.schema.DefaultSchemaRegistry;
import io.cordum.core.workflow.WorkflowDefinitions;
import io.cordum.memory.InMemorySchemaStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowDefinitionsTest {
  static final String EXAMPLE =
      """
      id: demo.review
      org_id: default
      name: Review with fan-out
      timeout_sec: 600
      input_schema:
        type: object
        required: [repo, files]
      steps:
        gate:
          type: condition
          condition: "input.mode == 'full'"
          output_path: decision.full
        approve:
          type: approval
          depends_on: [gate]
          timeout_sec: 3600
        scan:
          type: worker
          topic: job.demo.scan
          depends_on: [approve]
          for_each: input.files
          max_parallel: 2
          input: { repo: "${input.repo}", path: "${item}" }
          retry: { max_retries: 2, initial_backoff_sec: 1, multiplier: 2, max_backoff_sec: 10 }
          timeout_sec: 120
          on_error: continue
          meta: { pack_id: demo, capability: demo.scan, risk_tags: [read, " ", net ] }
        wait:
          type: delay
          delay_sec: 5
          depends_on: [scan]
        done:
          type: notify
          depends_on: [wait]
          input: { level: info, message: "review of ${input.repo} finished", code: review_done }
      """;

  @Test
  void parsesTheSpecExampleFromYaml() {
    WorkflowDefinition d = WorkflowDefinitions.parse(EXAMPLE);
    assertThat(d.id()).isEqualTo("demo.review");
    assertThat(d.tenant()).isEqualTo("default");
    assertThat(d.timeoutSec()).isEqualTo(600);
    assertThat(d.steps().keySet()).containsExactly("gate", "approve", "scan", "wait", "done");
    StepDefinition scan = d.steps().get("scan");
    assertThat(scan.type()).isEqualTo(StepType.WORKER);
    assertThat(scan.dependsOn()).containsExactly("approve");
    assertThat(scan.maxParallel()).isEqualTo(2);
    assertThat(scan.retry()).isEqualTo(new StepRetry(2, 1, 10, 2, 0));
    assertThat(scan.onError()).isEqualTo(OnError.CONTINUE);
    assertThat(scan.input()).isEqualTo(Map.of("repo", "${input.repo}", "path", "${item}"));
    assertThat(scan.meta().riskTags()).containsExactly("read", "net");
    assertThat(d.steps().get("gate").outputPath()).isEqualTo("decision.full");
    assertThat(d.inputSchema()).containsEntry("required", List.of("repo", "files"));
    assertThat(WorkflowValidator.violations(d)).isEmpty();
  }

  @Test
  void parsesJsonAndAListOfSteps() {
    WorkflowDefinition d =
        WorkflowDefinitions.parse(
            """
        {"id":"w","steps":[{"id":"a","topic":"job.a"},{"id":"b","depends_on":["a"],
         "type":"APPROVAL"}]}""");
    assertThat(d.steps().keySet()).containsExactly("a", "b");
    assertThat(d.steps().get("b").type()).isEqualTo(StepType.APPROVAL);
    assertThat(d.steps().get("a").type()).isEqualTo(StepType.WORKER);
  }

  @Test
  void shapeErrorsAreAllListedWithTheirPath() {
    assertThatThrownBy(
            () ->
                WorkflowDefinitions.parse(
                    """
        id: w
        colour: red
        steps:
          a: { type: teleport, max_parallel: many, on_error: ignore, retry: 3 }
        """))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder(
                        "colour",
                        "steps.a.type",
                        "steps.a.max_parallel",
                        "steps.a.on_error",
                        "steps.a.retry"));
    assertThatThrownBy(() -> WorkflowDefinitions.parse("[1, 2"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkflowDefinitions.parse(" "))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void unknownDependenciesSelfDependenciesAndCyclesAreNamed() {
    WorkflowDefinition d =
        WorkflowDefinition.builder("w")
            .step(StepDefinition.builder("a").dependsOn("c").build())
            .step(StepDefinition.builder("b").dependsOn("a").build())
            .step(StepDefinition.builder("c").dependsOn("b").build())
            .step(StepDefinition.builder("d").dependsOn("nope", "d").build())
            .build();
    List<Violation> v = WorkflowValidator.violations(d);
    assertThat(v)
        .contains(
            new Violation("steps.d.depends_on", "unknown step \"nope\""),
            new Violation("steps.d.depends_on", "a step can not depend on itself"));
    assertThat(v)
        .filteredOn(x -> x.rule().startsWith("cycle"))
        .extracting(Violation::rule)
        .containsExactly("cycle: a -> c -> b -> a");
    assertThatThrownBy(() -> WorkflowValidator.check(d)).isInstanceOf(ValidationException.class);
  }

  @Test
  void perTypeSettingsIdsAndSchemasAreChecked() {
    WorkflowDefinition d =
        WorkflowDefinition.builder("w")
            .inputSchema(Map.of("type", "thing"))
            .step(StepDefinition.builder("c").type(StepType.CONDITION).build())
            .step(StepDefinition.builder("x:y").build())
            .step(
                StepDefinition.builder("del")
                    .type(StepType.DELAY)
                    .delaySec(-1)
                    .delayUntil("tomorrow")
                    .build())
            .step(StepDefinition.builder("sub").type(StepType.SUBWORKFLOW).build())
            .step(
                StepDefinition.builder("n")
                    .type(StepType.NOTIFY)
                    .forEach("input.items")
                    .retry(StepRetry.of(1))
                    .build())
            .step(
                StepDefinition.builder("o")
                    .outputPath("a..b")
                    .topic("job.*")
                    .outputSchema(Map.of("required", "x"))
                    .build())
            .build();
    assertThat(WorkflowValidator.violations(d))
        .extracting(Violation::field)
        .containsOnly(
            "input_schema.type",
            "steps.c.condition",
            "steps.x:y",
            "steps.x:y.topic",
            "steps.del.delay_sec",
            "steps.del.delay_until",
            "steps.sub.workflow_id",
            "steps.n.retry",
            "steps.n.for_each",
            "steps.o.topic",
            "steps.o.output_path",
            "steps.o.output_schema.required");
  }

  @Test
  void aJobStepWithoutATopicIsRefusedWhenSaved() {
    // It used to save and then fail every run on job.workflow.<id>, which no pool served.
    WorkflowDefinition d =
        WorkflowDefinitions.parse(
            """
        id: invoice
        steps:
          price: {}
          wait: { type: delay, delay_sec: 1, depends_on: [price] }
        """);
    assertThat(WorkflowValidator.violations(d))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("steps.price.topic");
              assertThat(v.rule()).contains("needs a topic");
            });
  }

  @Test
  void inlineSchemasValidateValuesListingEveryViolationWithItsPath() {
    // Spec cases 14 and 19: an object schema requiring "result".
    StepSchemas schemas =
        new StepSchemas(new DefaultSchemaRegistry(new InMemorySchemaStore(InstantSource.system())));
    Map<String, Object> schema =
        Map.of(
            "type",
            "object",
            "required",
            List.of("result"),
            "properties",
            Map.of("result", Map.of("type", "string")));
    assertThat(schemas.check(schema, "", Map.of("result", "ok"), "output schema", "bad")).isNull();
    StepSchemas.Failure missing =
        schemas.check(schema, "", Map.of("other", 1), "output schema", "bad");
    assertThat(missing.code()).isEqualTo("bad");
    assertThat(missing.message()).startsWith("output schema: $.result: ").contains("(required)");
    assertThat(schemas.check(schema, "", Map.of("result", 5), "output schema", "bad").message())
        .startsWith("output schema: $.result: ")
        .contains("(type)");
    StepSchemas.Failure two =
        schemas.check(
            Map.of("type", "array", "items", Map.of("type", "integer"), "maxItems", 2),
            "",
            List.of(1, 2.5, 3),
            "input schema",
            "bad");
    assertThat(two.message()).contains("$[1]: ").contains("(maxItems)");
  }
}
