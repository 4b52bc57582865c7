package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.workflow.EngineConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Job results of one run that arrive while another of its results is being stored are applied
 * together, in one run update, in arrival order; a concurrent writer only makes the batch decide
 * again; results still queued when the engine stops are applied after a restart.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class EngineResultBatchTest {
  final WfHarness h;
  GatedWorkflowStore gated;
  DefaultWorkflowEngine engine;
  List<JobRecord> finished;

  EngineResultBatchTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @BeforeEach
  void startAFanOutOfThreeNobodyWatches() throws Exception {
    h.engine.save(
        WorkflowDefinition.builder("fan")
            .step(job("fan").forEach("input.items"))
            .step(job("after").dependsOn("fan"))
            .build());
    h.engine.start(
        "fan", StartOptions.builder().runId("r").input("items", List.of(0, 1, 2)).build());
    h.awaitJob("r:fan[2]@1");
    h.restart(false); // the results below reach the engine only through onJobTerminal
    for (int i = 0; i < 3; i++) {
      h.jobStore.transition("r:fan[" + i + "]@1", Transition.to(JobState.SUCCEEDED).build());
    }
    finished =
        List.of(
            h.jobStore.get("r:fan[0]@1").orElseThrow(),
            h.jobStore.get("r:fan[1]@1").orElseThrow(),
            h.jobStore.get("r:fan[2]@1").orElseThrow());
    gated = new GatedWorkflowStore(h.store);
    engine = engineOn(gated);
  }

  private DefaultWorkflowEngine engineOn(GatedWorkflowStore store) {
    return new DefaultWorkflowEngine(
        store,
        h.jobs,
        h.bus,
        h.clock,
        h.executor,
        EngineConfig.builder()
            .tickInterval(Duration.ofHours(1))
            .jobCheckInterval(Duration.ofSeconds(30))
            .build(),
        h.schemas);
  }

  @AfterEach
  void close() {
    engine.close();
    h.close();
  }

  @Test
  void resultsArrivingTogetherAreOneUpdateInArrivalOrderEvenAfterAConflict() throws Exception {
    CountDownLatch[] gate = gated.arm();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> engine.onJobTerminal(finished.get(0)));
    assertThat(gate[0].await(10, TimeUnit.SECONDS)).isTrue();
    // While fan[0]'s update is held: two more results queue (these calls return at once) ...
    engine.onJobTerminal(finished.get(2));
    engine.onJobTerminal(finished.get(1));
    // ... and another writer changes the run, so the held update loses its compare-and-set.
    WorkflowRun cur = h.run("r");
    h.store.updateRun(
        cur.toBuilder().labels(java.util.Map.of("touched", "yes")).build(),
        cur.version(),
        List.of());
    long before = cur.version() + 1;
    gate[1].countDown();
    first.get(10, TimeUnit.SECONDS);

    h.awaitStep("r", "after", StepStatus.RUNNING);
    WorkflowRun run = h.run("r");
    assertThat(run.labels()).containsEntry("touched", "yes"); // the other write is kept
    assertThat(gated.conflicts.get()).isEqualTo(1);
    // fan[0] decided again and stored (1), then fan[2] and fan[1] together, which also ended the
    // fan-out and dispatched "after" (2): two updates for three results.
    assertThat(gated.updates.get()).isEqualTo(2);
    assertThat(run.version()).isEqualTo(before + 2);
    assertThat(
            h.timeline("r").stream()
                .filter(e -> e.type().equals(TimelineEvent.STEP_COMPLETED))
                .map(TimelineEvent::stepId))
        .containsExactly("fan[0]", "fan[2]", "fan[1]");
  }

  @Test
  void resultsStillQueuedWhenTheEngineStopsAreAppliedAfterARestart() throws Exception {
    CountDownLatch[] gate = gated.arm();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> engine.onJobTerminal(finished.get(0)));
    assertThat(gate[0].await(10, TimeUnit.SECONDS)).isTrue();
    engine.onJobTerminal(finished.get(1));
    engine.onJobTerminal(finished.get(2));
    engine.close(); // the process stops: fan[0]'s update is in flight, fan[1] and fan[2] queued
    gate[1].countDown();
    first.get(10, TimeUnit.SECONDS);
    h.settle();
    WorkflowRun stopped = h.run("r");
    assertThat(stopped.step("fan[0]").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(stopped.step("fan[1]").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
    assertThat(stopped.step("fan[2]").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
    assertThat(gated.updates.get()).isEqualTo(1);

    engine = engineOn(new GatedWorkflowStore(h.store));
    engine.recover(); // a restarted replica watches the jobs of runs in flight
    h.awaitStep("r", "fan", StepStatus.SUCCEEDED);
    h.ok("r:after@1", "1");
    assertThat(h.awaitStatus("r", RunStatus.SUCCEEDED).step("fan[2]").orElseThrow().status())
        .isEqualTo(StepStatus.SUCCEEDED);
  }
}
