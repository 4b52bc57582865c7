package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepMeta;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.TimelineQuery;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backends.class)
class EngineBasicsTest {
  final WfHarness h;

  EngineBasicsTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  static StepDefinition.Builder job(String id) {
    return StepDefinition.builder(id).topic("job.default");
  }

  @Test
  void aChainRunsStepByStepWithDataflowAndDeterministicJobIds() {
    h.engine.save(
        WorkflowDefinition.builder("chain")
            .tenant("acme")
            .step(
                job("a")
                    .input("q", "${input.q}")
                    .input("greeting", "hello ${input.q}")
                    .outputPath("results.first"))
            .step(
                job("b")
                    .dependsOn("a")
                    .input("v", "${steps.a.output.v}")
                    .input("again", "${ctx.results.first.v}"))
            .build());
    WorkflowRun run =
        h.engine.start("chain", StartOptions.builder().input("q", "bar").runId("r1").build());
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.tenant()).isEqualTo("acme");
    assertThat(run.workflowVersion()).isEqualTo(1);
    assertThat(run.step("a").orElseThrow().jobId()).isEqualTo("r1:a@1");
    // Spec case 15: whole-value and interpolated templates in the stored step input.
    assertThat(run.step("a").orElseThrow().input())
        .isEqualTo(Map.of("q", "bar", "greeting", "hello bar"));
    assertThat(run.step("b")).isEmpty();

    h.ok("r1:a@1", "{\"v\": 7}");
    h.awaitStep("r1", "b", StepStatus.RUNNING);
    assertThat(h.run("r1").step("b").orElseThrow().input()).isEqualTo(Map.of("v", 7L, "again", 7L));
    assertThat(h.run("r1").context()).containsKey("results");
    h.ok("r1:b@1", "\"done\"");
    WorkflowRun done = h.awaitStatus("r1", RunStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo(Map.of("b", "done"));
    assertThat(done.completedAt()).isNotNull();
    assertThat(done.wakeAt()).isNull();
    assertThat(h.timelineTypes("r1"))
        .containsExactly(
            "run_created=pending",
            "run_status=running",
            "step_dispatched:a=running",
            "step_completed:a=succeeded",
            "step_dispatched:b=running",
            "step_completed:b=succeeded",
            "run_status=succeeded");
    assertThat(h.timeline("r1").get(3).resultPtr()).isEqualTo("redis://res:r1:a@1");
  }

  @Test
  void independentBranchesStartInTheSamePass() {
    h.engine.save(
        WorkflowDefinition.builder("fork")
            .step(job("a"))
            .step(job("b"))
            .step(job("c").dependsOn("a", "b"))
            .build());
    h.engine.start("fork", StartOptions.builder().runId("r").build());
    assertThat(h.jobIds()).containsExactlyInAnyOrder("r:a@1", "r:b@1");
    h.ok("r:b@1", "1");
    h.awaitStep("r", "b", StepStatus.SUCCEEDED);
    assertThat(h.run("r").step("c")).isEmpty();
    h.ok("r:a@1", "2");
    h.awaitStep("r", "c", StepStatus.RUNNING);
  }

  @Test
  void stepMetadataAndJobSettingsPropagate() {
    // Spec cases 4, 20 and 24.
    h.engine.save(
        WorkflowDefinition.builder("meta")
            .tenant("org1")
            .step(
                job("s")
                    .workerId("wk")
                    .timeoutSec(5)
                    .routeLabels(Map.of("zone", "eu"))
                    .meta(
                        new StepMeta(
                            " alice ",
                            "HUMAN",
                            "idem-1",
                            "pack",
                            "cap.x",
                            List.of(" prod ", "network", " "),
                            List.of("", "git"),
                            Map.of("k", "v"))))
            .build());
    h.engine.start(
        "meta",
        StartOptions.builder().runId("m").input("priority", "critical").dryRun(true).build());
    JobRequest req = h.awaitJob("m:s@1");
    assertThat(req.principalId()).isEqualTo("alice");
    assertThat(req.priority()).isEqualTo(JobPriority.CRITICAL);
    assertThat(req.memoryId()).isEqualTo("run:m");
    assertThat(req.adapterId()).isEqualTo("wk");
    assertThat(req.budget().deadlineMs()).isEqualTo(5000);
    assertThat(req.meta().tenantId()).isEqualTo("org1");
    assertThat(req.meta().actorType()).isEqualTo(ActorType.HUMAN);
    assertThat(req.meta().idempotencyKey()).isEqualTo("idem-1");
    assertThat(req.meta().packId()).isEqualTo("pack");
    assertThat(req.meta().capability()).isEqualTo("cap.x");
    assertThat(req.meta().riskTags()).containsExactly("prod", "network");
    assertThat(req.meta().requires()).containsExactly("git");
    assertThat(req.env())
        .containsEntry("run_id", "m")
        .containsEntry("step_id", "s")
        .containsEntry("context_mode", "raw")
        .containsEntry("dry_run", "true")
        .containsEntry("workflow_id", "meta");
    assertThat(req.labels())
        .containsEntry("worker_id", "wk")
        .containsEntry("zone", "eu")
        .containsEntry("cordum.dry_run", "true")
        .containsEntry("run_id", "m");
    assertThat(h.jobs.input("m:s@1").map(String::new).orElseThrow())
        .isEqualTo("{\"priority\":\"critical\"}");
  }

  @Test
  void startChecksTheInputSchemaAndTheWorkflow() {
    h.engine.save(
        WorkflowDefinition.builder("typed")
            .inputSchema(Map.of("type", "object", "required", List.of("repo")))
            .step(job("a"))
            .build());
    assertThatThrownBy(() -> h.engine.start("typed", StartOptions.DEFAULT))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("input.repo"));
    assertThatThrownBy(() -> h.engine.start("missing", StartOptions.DEFAULT))
        .isInstanceOf(NotFoundException.class);
    assertThat(h.store.listRuns(io.cordum.api.workflow.RunQuery.all(10)).items()).isEmpty();
  }

  @Test
  void savingAnInvalidDefinitionListsEveryViolation() {
    assertThatThrownBy(
            () ->
                h.engine.save(
                    WorkflowDefinition.builder("bad")
                        .step(job("a").dependsOn("b").condition("input.x =="))
                        .step(job("b").dependsOn("a"))
                        .build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field())
                    .contains("steps.a.condition", "steps.a.depends_on"));
    assertThat(h.engine.definition("bad")).isEmpty();
  }

  @Test
  void idempotencyKeysAreScopedByTenant() {
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    WorkflowRun a =
        h.engine.start("w", StartOptions.builder().tenant("t1").idempotencyKey("k").build());
    WorkflowRun again =
        h.engine.start("w", StartOptions.builder().tenant("t1").idempotencyKey("k").build());
    WorkflowRun other =
        h.engine.start("w", StartOptions.builder().tenant("t2").idempotencyKey("k").build());
    assertThat(again.id()).isEqualTo(a.id());
    assertThat(other.id()).isNotEqualTo(a.id());
    assertThat(h.jobIds()).hasSize(2);
  }

  @Test
  void runsArePinnedToTheirDefinitionVersion() {
    // Bug 13: editing a workflow changed runs in flight.
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    h.engine.start("w", StartOptions.builder().runId("old").build());
    h.engine.save(
        WorkflowDefinition.builder("w").step(job("a")).step(job("extra").dependsOn("a")).build());
    h.engine.deleteDefinition("w");
    h.ok("old:a@1", "1");
    WorkflowRun done = h.awaitStatus("old", RunStatus.SUCCEEDED);
    assertThat(done.steps()).containsOnlyKeys("a");
  }

  @Test
  void anEmptyWorkflowSucceedsOnItsFirstPass() {
    h.engine.save(WorkflowDefinition.builder("empty").build());
    assertThat(h.engine.start("empty", StartOptions.DEFAULT).status())
        .isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void timelinePagesFromTheNewestEnd() {
    // Bug 12: the original returned the oldest events only.
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    h.ok("r:a@1", "1");
    h.awaitStatus("r", RunStatus.SUCCEEDED);
    List<TimelineEvent> newest = h.engine.timeline("r", TimelineQuery.newest(2)).items();
    assertThat(newest)
        .extracting(TimelineEvent::type)
        .containsExactly(TimelineEvent.RUN_STATUS, TimelineEvent.STEP_COMPLETED);
  }
}
