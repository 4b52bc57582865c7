package io.cordum.core.internal.workflow;

import static io.cordum.core.internal.workflow.EngineBasicsTest.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobRecord;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.TimelineEvent;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.internal.backends.Backends;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An engine decides a change first on the run as it last stored it. When another replica changed
 * the run since, a write loses its compare-and-set and is decided again; a decision to write
 * nothing is taken again on the stored run, so nothing is dropped for being decided on an old copy.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class EngineRememberedRunTest {
  final WfHarness h;

  EngineRememberedRunTest(Backends backends) {
    h = new WfHarness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aResultForAStepAnotherReplicaStartedIsAppliedThoughThisEngineRemembersAnOlderRun()
      throws Exception {
    h.engine.save(
        WorkflowDefinition.builder("g")
            .step(StepDefinition.builder("gate").type(StepType.APPROVAL))
            .step(job("a").dependsOn("gate"))
            .build());
    // This engine starts the run and remembers it with the gate waiting.
    WorkflowRun started = h.engine.start("g", StartOptions.builder().runId("r").build());
    assertThat(started.step("gate").orElseThrow().status()).isEqualTo(StepStatus.WAITING);
    // Another replica approves it and dispatches "a", then stops (it will not apply a's result).
    DefaultWorkflowEngine other = h.newEngine();
    other.approve("r", "gate", "bob", "");
    other.close();
    h.ok("r:a@1", "7");
    JobRecord done = h.jobs.awaitTerminal("r:a@1").get(10, TimeUnit.SECONDS);
    h.settle();
    assertThat(h.run("r").step("a").orElseThrow().status()).isEqualTo(StepStatus.RUNNING);

    // On the remembered run "a" does not exist yet: that decision writes nothing, so it is
    // taken again on the stored run, where the result completes the run.
    h.engine.onJobTerminal(done);
    WorkflowRun end = h.awaitStatus("r", RunStatus.SUCCEEDED);
    assertThat(end.step("a").orElseThrow().output()).isEqualTo(7L);
    assertThat(h.timelineTypes("r")).contains(TimelineEvent.STEP_APPROVED + ":gate=succeeded");
  }

  @Test
  void anApprovalOnAnOldCopyLosesItsCompareAndSetAndIsRefusedOnTheStoredRun() {
    h.engine.save(
        WorkflowDefinition.builder("g")
            .step(StepDefinition.builder("gate").type(StepType.APPROVAL))
            .step(job("a").dependsOn("gate"))
            .build());
    h.engine.start("g", StartOptions.builder().runId("r").build());
    DefaultWorkflowEngine other = h.newEngine();
    other.reject("r", "gate", "bob", "no");
    other.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> h.engine.approve("r", "gate", "alice", ""))
        .isInstanceOf(io.cordum.api.ConflictException.class)
        .hasMessageContaining("not waiting");
    assertThat(h.run("r").status()).isEqualTo(RunStatus.FAILED);
    assertThat(h.run("r").step("gate").orElseThrow().decidedBy()).isEqualTo("bob");
  }
}
