package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StepStatus;
import io.cordum.api.workflow.WorkflowRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's workflow runs, and its condition decides whether {@code book} runs. */
class WorkflowExampleTest {
  @Test
  void aLargeAmountIsBooked() {
    WorkflowRun run = WorkflowExample.run(250);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.step("price").orElseThrow().output()).isEqualTo(Map.of("amount", 250L));
    assertThat(run.step("large").orElseThrow().output()).isEqualTo(true);
    assertThat(run.step("book").orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void aSmallAmountSkipsTheBooking() {
    WorkflowRun run = WorkflowExample.run(50);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.step("large").orElseThrow().output()).isEqualTo(false);
    assertThat(run.step("book").orElseThrow().skipped()).isTrue();
  }
}
