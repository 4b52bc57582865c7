package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.CordumException;
import io.cordum.api.NotFoundException;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backends.class)
class EngineAwaitTest {
  final WfHarness h;

  EngineAwaitTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void completesWhenTheRunEndsOnThisEngine() {
    h.engine.save(WorkflowDefinition.builder("w").step(job("a")).build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    CompletableFuture<WorkflowRun> end = h.engine.awaitTerminal("r");
    assertThat(end).isNotDone();
    h.ok("r:a@1", "1");
    WorkflowRun run = end.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(h.engine.awaitTerminal("r"))
        .isCompletedWithValueMatching(r -> r.status() == RunStatus.SUCCEEDED);
  }

  @Test
  void seesARunEndedByAnotherEngineAtItsNextTick() {
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
            .build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    DefaultWorkflowEngine other = h.newEngine();
    CompletableFuture<WorkflowRun> end = other.awaitTerminal("r");
    h.engine.approve("r", "ok", "me", "");
    assertThat(end).isNotDone();
    other.tick();
    assertThat(end).isCompletedWithValueMatching(r -> r.status() == RunStatus.SUCCEEDED);
    other.close();
  }

  @Test
  void failsForAnUnknownRunAndWhenTheEngineCloses() {
    assertThat(h.engine.awaitTerminal("nope"))
        .isCompletedExceptionally()
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NotFoundException.class);
    h.engine.save(
        WorkflowDefinition.builder("w")
            .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
            .build());
    h.engine.start("w", StartOptions.builder().runId("r").build());
    CompletableFuture<WorkflowRun> end = h.engine.awaitTerminal("r");
    h.engine.close();
    assertThat(end)
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(CordumException.class);
  }
}
