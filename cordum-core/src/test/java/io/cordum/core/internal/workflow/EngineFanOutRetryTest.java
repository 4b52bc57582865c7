package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobState;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepRetry;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backends.class)
class EngineFanOutRetryTest {
  final WfHarness h;

  EngineFanOutRetryTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void fanOutAggregatesChildOutputsInIndexOrder() {
    // Spec case 1.
    h.engine.save(
        WorkflowDefinition.builder("fan")
            .step(job("fan").forEach("input.items").input("path", "${item}").outputPath("all"))
            .build());
    h.engine.start(
        "fan",
        StartOptions.builder().runId("run-foreach").input("items", List.of("a", "b")).build());
    assertThat(h.jobIds())
        .containsExactlyInAnyOrder("run-foreach:fan[0]@1", "run-foreach:fan[1]@1");
    JobRequest second = h.awaitJob("run-foreach:fan[1]@1");
    assertThat(second.env())
        .containsEntry("foreach_index", "1")
        .containsEntry("foreach_item", "\"b\"")
        .containsEntry("step_id", "fan[1]");
    assertThat(h.run("run-foreach").step("fan[1]").orElseThrow().input())
        .isEqualTo(Map.of("path", "b", "item", "b"));
    h.ok("run-foreach:fan[1]@1", "\"B\"");
    h.ok("run-foreach:fan[0]@1", "\"A\"");
    WorkflowRun done = h.awaitStatus("run-foreach", RunStatus.SUCCEEDED);
    assertThat(done.step("fan").orElseThrow().output()).isEqualTo(List.of("A", "B"));
    assertThat(done.context().get("all")).isEqualTo(List.of("A", "B"));
    assertThat(h.timelineTypes("run-foreach")).contains("step_fanout_completed:fan=succeeded");
  }

  @Test
  void maxParallelLimitsChildrenInFlight() {
    // Spec case 16.
    h.engine.save(
        WorkflowDefinition.builder("fan")
            .step(job("fan").forEach("input.items").maxParallel(1))
            .build());
    h.engine.start(
        "fan", StartOptions.builder().runId("r").input("items", List.of(1, 2, 3)).build());
    assertThat(h.jobIds()).containsExactly("r:fan[0]@1");
    h.ok("r:fan[0]@1", "1");
    h.awaitJob("r:fan[1]@1");
    assertThat(h.jobIds()).hasSize(2);
    h.ok("r:fan[1]@1", "2");
    h.awaitJob("r:fan[2]@1");
    assertThat(h.jobIds()).hasSize(3);
  }

  @Test
  void anEmptyListSucceedsAtOnce() {
    h.engine.save(
        WorkflowDefinition.builder("fan").step(job("fan").forEach("input.items")).build());
    WorkflowRun run = h.engine.start("fan", StartOptions.DEFAULT);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.step("fan").orElseThrow().output()).isEqualTo(List.of());
  }

  @Test
  void aChildFailingAtDispatchFailsTheParent() {
    // Bug 2: the parent stayed running for ever when children failed at dispatch.
    h.engine.save(
        WorkflowDefinition.builder("fan")
            .step(
                job("fan")
                    .forEach("input.items")
                    .input("n", "${item}")
                    .inputSchema(
                        Map.of(
                            "type",
                            "object",
                            "properties",
                            Map.of("n", Map.of("type", "integer")))))
            .build());
    WorkflowRun run =
        h.engine.start(
            "fan", StartOptions.builder().runId("r").input("items", List.of("x", "y")).build());
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.step("fan").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    assertThat(run.step("fan[0]").orElseThrow().error().code()).isEqualTo("input_invalid");
    assertThat(h.jobIds()).isEmpty();
  }

  @Test
  void aFailedChildFailsFastAndCancelsItsSiblings() {
    // Bug 4: siblings in flight were orphaned.
    h.engine.save(
        WorkflowDefinition.builder("fan").step(job("fan").forEach("input.items")).build());
    h.engine.start("fan", StartOptions.builder().runId("r").input("items", List.of(1, 2)).build());
    h.fail("r:fan[0]@1", "boom");
    WorkflowRun failed = h.awaitStatus("r", RunStatus.FAILED);
    assertThat(failed.step("fan[1]").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
    h.settle();
    assertThat(h.jobs.get("r:fan[1]@1").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void failedAttemptsAreRetriedWithBackoff() {
    // Spec case 2, with the retry recorded on the timeline (the original wrote nothing).
    h.engine.save(
        WorkflowDefinition.builder("retry")
            .step(job("s").retry(new StepRetry(2, 1, 0, 3, 0)))
            .build());
    h.engine.start("retry", StartOptions.builder().runId("r").build());
    h.fail("r:s@1", "flaky");
    WorkflowRun pending =
        h.awaitRun("r", x -> x.step("s").orElseThrow().status() == StepStatus.PENDING);
    assertThat(pending.step("s").orElseThrow().nextAttemptAt())
        .isEqualTo(h.clock.instant().plusSeconds(1));
    h.advance(Duration.ofMillis(999));
    assertThat(h.jobIds()).containsExactly("r:s@1");
    h.advance(Duration.ofMillis(1));
    h.fail("r:s@2", "flaky again");
    h.awaitRun(
        "r",
        x ->
            x.step("s").orElseThrow().attempts() == 2
                && x.step("s").orElseThrow().status() == StepStatus.PENDING);
    h.advance(Duration.ofSeconds(2));
    assertThat(h.jobIds()).hasSize(2);
    h.advance(Duration.ofSeconds(1)); // 1 s * 3^1
    h.ok("r:s@3", "{}");
    h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThat(
            h.timeline("r").stream()
                .filter(e -> e.type().equals(TimelineEvent.STEP_RETRY_SCHEDULED))
                .count())
        .isEqualTo(2);
  }

  @Test
  void backoffFollowsTheSpecFormula() {
    StepRetry defaults = StepRetry.of(5);
    assertThat(List.of(1, 2, 3, 4).stream().map(a -> defaults.backoff(a, 0).toSeconds()))
        .containsExactly(1L, 2L, 4L, 8L);
    StepRetry capped = new StepRetry(5, 5, 30, 3, 0);
    assertThat(List.of(1, 2, 3, 4).stream().map(a -> capped.backoff(a, 0).toSeconds()))
        .containsExactly(5L, 15L, 30L, 30L);
    StepRetry slow = new StepRetry(5, 1, 0, 1.5, 0);
    assertThat(List.of(1, 2, 3).stream().map(a -> slow.backoff(a, 0).toSeconds()))
        .containsExactly(1L, 1L, 2L);
    assertThat(new StepRetry(1, 1, 0, 1, 0).multiplier()).isEqualTo(2);
    StepRetry jittered = new StepRetry(5, 10, 0, 2, 0.5);
    assertThat(jittered.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(7500));
    assertThat(defaults.allows(5)).isTrue();
    assertThat(defaults.allows(6)).isFalse();
  }

  @Test
  void policyDenialsAreNotRetried() {
    // Bug 14: DENIED was retried like a transient failure.
    h.engine.save(WorkflowDefinition.builder("d").step(job("s").retry(StepRetry.of(3))).build());
    h.engine.start("d", StartOptions.builder().runId("r").build());
    h.awaitJob("r:s@1");
    h.reply("r:s@1", new WfHarness.Reply(JobStatus.DENIED, null, "policy says no"));
    WorkflowRun failed = h.awaitStatus("r", RunStatus.FAILED);
    assertThat(failed.step("s").orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void aStepTimeoutCancelsTheJobAndRetriesOrTimesOut() {
    h.engine.save(
        WorkflowDefinition.builder("t")
            .step(job("s").timeoutSec(10).retry(StepRetry.of(1)))
            .build());
    h.engine.start("t", StartOptions.builder().runId("r").build());
    h.awaitJob("r:s@1");
    h.advance(Duration.ofSeconds(10));
    assertThat(h.run("r").step("s").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
    h.settle();
    // The scheduler's own deadline (budget.deadline_ms) or the engine's cancel ended it.
    assertThat(h.jobs.get("r:s@1").orElseThrow().state())
        .isIn(JobState.TIMEOUT, JobState.CANCELLED);
    h.advance(Duration.ofSeconds(1));
    h.awaitJob("r:s@2");
    h.advance(Duration.ofSeconds(10));
    WorkflowRun run = h.run("r");
    assertThat(run.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(run.step("s").orElseThrow().status()).isEqualTo(StepStatus.TIMED_OUT);
  }

  @Test
  void theRunTimeoutEndsTheRunAndCancelsItsJobs() {
    h.engine.save(WorkflowDefinition.builder("t").timeoutSec(30).step(job("s")).build());
    WorkflowRun run = h.engine.start("t", StartOptions.builder().runId("r").build());
    assertThat(run.deadline()).isEqualTo(h.clock.instant().plusSeconds(30));
    h.awaitJob("r:s@1");
    h.advance(Duration.ofSeconds(30));
    WorkflowRun done = h.run("r");
    assertThat(done.status()).isEqualTo(RunStatus.TIMED_OUT);
    assertThat(done.error().code()).isEqualTo("run_timeout");
    assertThat(done.step("s").orElseThrow().status()).isEqualTo(StepStatus.CANCELLED);
    h.settle();
    assertThat(h.jobs.get("r:s@1").orElseThrow().state()).isEqualTo(JobState.CANCELLED);
  }
}
