package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.memory.InMemoryWorkflowStore;
import io.cordum.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class CordumWorkflowsTest {
  @Test
  void theEngineIsReachableFromCordumOnTheGivenStore() {
    ManualClock clock = new ManualClock();
    InMemoryWorkflowStore store = new InMemoryWorkflowStore(clock);
    try (Cordum cordum = Cordum.builder().clock(clock).workflowStore(store).build().start()) {
      assertThat(cordum.workflows()).isSameAs(cordum.workflows());
      cordum
          .workflows()
          .save(
              WorkflowDefinition.builder("w")
                  .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
                  .build());
      WorkflowRun run = cordum.workflows().start("w", StartOptions.DEFAULT);
      assertThat(store.getRun(run.id())).isPresent();
      assertThat(cordum.workflows().approve(run.id(), "ok", "me", "").status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }
    assertThat(store.getDefinition("w")).isPresent(); // a host-owned store is not closed
  }
}
