package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowError;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Inline schemas and {@code *_schema_id}s on the project's schema registry. */
@ParameterizedClass
@EnumSource(Backends.class)
class EngineSchemasTest {
  static final String ORDER =
      """
      {"type":"object","required":["id","qty"],
       "properties":{"id":{"type":"string"},"qty":{"type":"integer","minimum":1}}}""";

  final WfHarness h;

  EngineSchemasTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void saveRejectsAnInvalidInlineSchemaAndAnUnknownSchemaId() {
    assertThatThrownBy(
            () ->
                h.engine.save(
                    WorkflowDefinition.builder("w")
                        .step(job("a").inputSchema(Map.of("type", "thing")))
                        .step(job("b").inputSchemaId("orders/in"))
                        .step(job("c").outputSchemaId("orders/out"))
                        .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .contains(
                      "steps.a.input_schema.type",
                      "steps.b.input_schema_id",
                      "steps.c.output_schema_id");
              assertThat(e.violations())
                  .filteredOn(v -> v.field().equals("steps.b.input_schema_id"))
                  .extracting(Violation::rule)
                  .singleElement()
                  .asString()
                  .contains("unknown schema \"orders/in\"")
                  .contains("register it first");
            });
    assertThat(h.engine.definition("w")).isEmpty();
  }

  @Test
  void aRegisteredInputSchemaChecksTheRenderedInputListingEveryViolation() {
    h.schemas.register("orders/in", ORDER);
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(job("a").input("qty", "${input.qty}").inputSchemaId("orders/in"))
            .build());
    WorkflowRun run =
        h.engine.start("w", StartOptions.builder().runId("r").input("qty", 0).build());
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    WorkflowError e = run.step("a").orElseThrow().error();
    assertThat(e.code()).isEqualTo("input_invalid");
    assertThat(e.message())
        .startsWith("input schema: ")
        .contains("$.id: ", "(required)", "$.qty: ", "(minimum)");
    assertThat(h.jobIds()).isEmpty();
  }

  @Test
  void aRegisteredOutputSchemaChecksTheWorkerResult() {
    h.schemas.register("orders/out", "{\"type\":\"object\",\"required\":[\"ok\"]}");
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(job("a").outputSchemaId("orders/out"))
            // After a: a failing b cancels whatever still runs, which must not race a's result.
            .step(job("b").dependsOn("a").outputSchemaId("orders/out"))
            .build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    h.ok("r:a@1", "{\"ok\":true}");
    h.ok("r:b@1", "{\"nope\":1}");
    WorkflowRun run = h.awaitStatus("r", RunStatus.FAILED);
    assertThat(run.step("a").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
    WorkflowError e = run.step("b").orElseThrow().error();
    assertThat(e.code()).isEqualTo("output_invalid");
    assertThat(e.message()).startsWith("output schema: $.ok: ").contains("(required)");
  }

  @Test
  void anInlineSchemaWinsOverAnIdAndAConditionOutputIsChecked() {
    h.schemas.register("bool", "{\"type\":\"boolean\"}");
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(
                StepDefinition.builder("c")
                    .type(StepType.CONDITION)
                    .condition("input.n > 1")
                    .outputSchemaId("bool"))
            .step(
                StepDefinition.builder("d")
                    .type(StepType.CONDITION)
                    .condition("input.n > 1")
                    .outputSchemaId("bool")
                    .outputSchema(Map.of("type", "string")))
            .build());
    WorkflowRun run = h.engine.start("w", StartOptions.builder().runId("r").input("n", 2).build());
    assertThat(run.step("c").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(run.step("d").orElseThrow().error().message()).contains("$: ", "(type)");
  }

  @Test
  void aSchemaDeletedAfterTheSaveFailsTheStepAtRunTime() {
    h.schemas.register("orders/in", ORDER);
    h.engine.save(
        WorkflowDefinition.builder("w").step(job("a").inputSchemaId("orders/in")).build());
    h.schemas.delete("orders/in");
    WorkflowRun run = h.engine.start("w", StartOptions.builder().runId("r").build());
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    WorkflowError e = run.step("a").orElseThrow().error();
    assertThat(e.code()).isEqualTo("schema_unknown");
    assertThat(e.message()).contains("\"orders/in\" is not in the schema registry");
  }

  @Test
  void theRunInputListsEveryViolationAsAField() {
    h.engine.save(
        WorkflowDefinition.builder("w")
            .inputSchema(Map.of("type", "object", "required", List.of("repo", "branch")))
            .step(job("a"))
            .build());
    assertThatThrownBy(() -> h.engine.start("w", StartOptions.DEFAULT))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactlyInAnyOrder("input.repo", "input.branch"));
  }
}
