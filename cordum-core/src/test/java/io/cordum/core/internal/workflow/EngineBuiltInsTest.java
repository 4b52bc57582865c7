package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.cap.SystemAlert;
import io.cordum.api.workflow.OnError;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepRun;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backends.class)
class EngineBuiltInsTest {
  final WfHarness h;

  EngineBuiltInsTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void approvalPausesTheRunAndResumesOnApprove() {
    // Spec case 3, with the approver recorded (the original kept no identity).
    h.engine.save(
        WorkflowDefinition.builder("appr")
            .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
            .step(job("work").dependsOn("ok"))
            .build());
    WorkflowRun run = h.engine.start("appr", StartOptions.builder().runId("r").build());
    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(h.jobIds()).isEmpty();
    String approvalId = run.step("ok").orElseThrow().approvalId();
    assertThat(approvalId).isNotBlank();
    assertThatThrownBy(() -> h.engine.decide("r", "ok", "other-id", true, "bob", ""))
        .isInstanceOf(ConflictException.class);

    WorkflowRun after = h.engine.approve("r", "ok", "alice", "looks fine");
    assertThat(after.status()).isEqualTo(RunStatus.RUNNING);
    StepRun ok = after.step("ok").orElseThrow();
    assertThat(ok.decidedBy()).isEqualTo("alice");
    assertThat(ok.decisionReason()).isEqualTo("looks fine");
    assertThat(h.jobIds()).containsExactly("r:work@1");
    assertThatThrownBy(() -> h.engine.approve("r", "ok", "alice", ""))
        .isInstanceOf(ConflictException.class);
    h.ok("r:work@1", "{}");
    h.awaitStatus("r", RunStatus.SUCCEEDED);
    TimelineEvent approved =
        h.timeline("r").stream()
            .filter(e -> e.type().equals(TimelineEvent.STEP_APPROVED))
            .findFirst()
            .orElseThrow();
    assertThat(approved.data())
        .containsEntry("by", "alice")
        .containsEntry("approval_id", approvalId);
  }

  @Test
  void rejectionFailsTheRunAndExpiryTimesTheStepOut() {
    h.engine.save(
        WorkflowDefinition.builder("appr")
            .step(StepDefinition.builder("ok").type(StepType.APPROVAL).timeoutSec(60))
            .build());
    h.engine.start("appr", StartOptions.builder().runId("rej").build());
    WorkflowRun rejected = h.engine.reject("rej", "ok", "carol", "too risky");
    assertThat(rejected.status()).isEqualTo(RunStatus.FAILED);
    assertThat(rejected.error().stepId()).isEqualTo("ok");
    assertThat(rejected.error().code()).isEqualTo("rejected");

    h.engine.start("appr", StartOptions.builder().runId("exp").build());
    h.advance(Duration.ofSeconds(59));
    assertThat(h.run("exp").status()).isEqualTo(RunStatus.WAITING);
    h.advance(Duration.ofSeconds(1));
    WorkflowRun expired = h.run("exp");
    assertThat(expired.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(expired.step("ok").orElseThrow().error().code()).isEqualTo("approval_expired");
  }

  @Test
  void aBranchFinishingWhileAnotherWaitsForApprovalStartsItsDependents() {
    // Bug 1 (waiting case): the original dispatched nothing while a run was waiting.
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
            .step(job("a"))
            .step(job("b").dependsOn("a"))
            .build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    h.ok("r:a@1", "1");
    h.awaitStep("r", "b", StepStatus.RUNNING);
    assertThat(h.run("r").status()).isEqualTo(RunStatus.WAITING);
  }

  @Test
  void delayStepsUseDurableTimers() {
    // Spec cases 5 and 11.
    h.engine.save(
        WorkflowDefinition.builder("d")
            .step(StepDefinition.builder("wait").type(StepType.DELAY).delaySec(2))
            .step(job("after").dependsOn("wait"))
            .build());
    WorkflowRun run = h.engine.start("d", StartOptions.builder().runId("r").build());
    assertThat(run.step("wait").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
    assertThat(run.wakeAt()).isEqualTo(h.clock.instant().plusSeconds(2));
    h.advance(Duration.ofMillis(1999));
    assertThat(h.jobIds()).isEmpty();
    h.restart(); // the timer is in the store, not in the engine
    h.advance(Duration.ofMillis(1));
    assertThat(h.run("r").step("wait").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(h.jobIds()).containsExactly("r:after@1");
    assertThat(h.timelineTypes("r"))
        .contains("step_delay_started:wait=running", "step_delay_completed:wait=succeeded");
  }

  @Test
  void delayUntilAPastTimeAndZeroDelaysCompleteAtOnce() {
    h.engine.save(
        WorkflowDefinition.builder("d")
            .step(
                StepDefinition.builder("past")
                    .type(StepType.DELAY)
                    .delayUntil("2020-01-01T00:00:00Z"))
            .step(StepDefinition.builder("zero").type(StepType.DELAY).dependsOn("past"))
            .build());
    assertThat(h.engine.start("d", StartOptions.DEFAULT).status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void notifyPublishesASystemAlert() {
    // Spec cases 6 and 12.
    h.engine.save(
        WorkflowDefinition.builder("n")
            .step(
                StepDefinition.builder("say")
                    .type(StepType.NOTIFY)
                    .input(Map.of("level", "warn", "message", "hello ${input.who}", "code", "c1")))
            .step(StepDefinition.builder("fallback").name("Done!").type(StepType.NOTIFY))
            .build());
    WorkflowRun run =
        h.engine.start("n", StartOptions.builder().runId("r").input("who", "bob").build());
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    h.settle();
    assertThat(h.alerts).hasSize(2);
    SystemAlert first = (SystemAlert) h.alerts.get(0).packet().payload();
    assertThat(first.level()).isEqualTo("WARN");
    assertThat(first.message()).isEqualTo("hello bob");
    assertThat(first.code()).isEqualTo("c1");
    assertThat(first.component()).isEqualTo("workflow-engine");
    assertThat(h.alerts.get(0).packet().traceId()).isEqualTo("r");
    SystemAlert second = (SystemAlert) h.alerts.get(1).packet().payload();
    assertThat(second.message()).isEqualTo("Done!");
    assertThat(second.level()).isEqualTo("INFO");
  }

  @Test
  void conditionStepsRecordTheirValueAndGatesSkipSteps() {
    // Spec case 7, plus a gate that skips a step with a timeline event.
    h.engine.save(
        WorkflowDefinition.builder("c")
            .step(
                StepDefinition.builder("cond")
                    .type(StepType.CONDITION)
                    .condition("input.allow")
                    .outputPath("decision.allowed"))
            .step(job("yes").dependsOn("cond").condition("steps.cond.output == true"))
            .step(job("no").dependsOn("cond").condition("steps.cond.output == false"))
            .build());
    WorkflowRun run =
        h.engine.start("c", StartOptions.builder().runId("r").input("allow", true).build());
    assertThat(run.step("cond").orElseThrow().output()).isEqualTo(true);
    assertThat(run.context()).containsEntry("decision", Map.of("allowed", true));
    assertThat(run.context().get("steps")).isEqualTo(Map.of("cond", Map.of("output", true)));
    assertThat(run.step("no").orElseThrow().skipped()).isTrue();
    assertThat(h.jobIds()).containsExactly("r:yes@1");
    assertThat(h.timelineTypes("r"))
        .contains("step_condition_evaluated:cond=succeeded", "step_skipped:no=succeeded");
  }

  @Test
  void aForEachThatCannotBeEvaluatedFailsTheStep() {
    // Bug 3 and spec case 10: the original left such a step pending for ever.
    h.engine.save(WorkflowDefinition.builder("c").step(job("a").forEach("input.obj")).build());
    WorkflowRun run =
        h.engine.start("c", StartOptions.builder().input("obj", Map.of("k", 1)).build());
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.step("a").orElseThrow().error().code()).isEqualTo("for_each");
    assertThat(run.step("a").orElseThrow().error().message()).contains("must return array");
  }

  @Test
  void onErrorContinueLetsDependentsRun() {
    h.engine.save(
        WorkflowDefinition.builder("c")
            .step(job("flaky").onError(OnError.CONTINUE))
            .step(job("next").dependsOn("flaky"))
            .build());
    h.engine.start("c", StartOptions.builder().runId("r").build());
    h.fail("r:flaky@1", "boom");
    h.awaitStep("r", "next", StepStatus.RUNNING);
    h.ok("r:next@1", "1");
    WorkflowRun done = h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThat(done.step("flaky").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void aSubworkflowStepCompletesWithItsChildRunsOutput() {
    h.engine.save(
        WorkflowDefinition.builder("child").step(job("inner").input("x", "${input.x}")).build());
    h.engine.save(
        WorkflowDefinition.builder("parent")
            .step(
                StepDefinition.builder("sub")
                    .type(StepType.SUBWORKFLOW)
                    .workflowId("child")
                    .input(Map.of("x", "${input.n}"))
                    .outputPath("child_result"))
            .step(job("after").dependsOn("sub").input("got", "${steps.sub.output.inner.y}"))
            .build());
    h.engine.start("parent", StartOptions.builder().runId("p").input("n", 3).build());
    WorkflowRun child = h.awaitStatus("p.sub", RunStatus.RUNNING);
    assertThat(child.parentRunId()).isEqualTo("p");
    assertThat(child.input()).isEqualTo(Map.of("x", 3L));
    h.ok("p.sub:inner@1", "{\"y\": 9}");
    h.awaitStep("p", "after", StepStatus.RUNNING);
    assertThat(h.run("p").step("after").orElseThrow().input()).isEqualTo(Map.of("got", 9L));
    assertThat(h.run("p").context().get("child_result"))
        .isEqualTo(Map.of("inner", Map.of("y", 9L)));
  }
}
