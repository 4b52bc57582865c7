package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.LimitExceededException;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.workflow.RunQuery;
import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.StartOptions;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.api.workflow.WorkflowDefinition;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.core.Cordum;
import io.cordum.testkit.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-tenant limit of concurrent runs, read from the effective config (spec 40 §3.2). */
class RunLimitTest {
  private final ManualClock clock = new ManualClock();
  private Cordum cordum;

  @BeforeEach
  void setUp() {
    cordum = Cordum.builder().clock(clock).build().start();
    cordum
        .workflows()
        .save(
            WorkflowDefinition.builder("w")
                .tenant("acme")
                .step(StepDefinition.builder("ok").type(StepType.APPROVAL))
                .build());
  }

  @AfterEach
  void tearDown() {
    cordum.close();
  }

  private WorkflowRun start(String key) {
    return cordum.workflows().start("w", StartOptions.builder().idempotencyKey(key).build());
  }

  @Test
  void noLimitConfiguredMeansNoLimit() {
    for (int i = 0; i < 5; i++) {
      start("");
    }
    assertThat(cordum.workflows().runs(RunQuery.builder().tenant("acme").build()).items())
        .hasSize(5);
    assertThat(cordum.workflows().maxActiveRuns("acme", "", "w")).isZero();
  }

  @Test
  void theOrgLimitRefusesTheNextRunUntilOneEnds() {
    cordum
        .config()
        .set(ConfigScope.ORG, "acme", Map.of("limits", Map.of("max_concurrent_runs", 2)));
    WorkflowRun a = start("");
    start("k");
    assertThatThrownBy(() -> start("other"))
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo("max_concurrent_runs");
              assertThat(e.max()).isEqualTo(2);
              assertThat(e.getMessage()).contains("max concurrent runs reached");
            });
    // The refused start left no key behind (the original did: spec 50 §8 bug 6).
    assertThat(start("k").status()).isEqualTo(RunStatus.WAITING); // the existing run
    assertThatThrownBy(() -> cordum.workflows().rerun(a.id(), "", false))
        .isInstanceOf(LimitExceededException.class);

    cordum.workflows().cancel(a.id(), "make room");
    assertThat(start("other").tenant()).isEqualTo("acme");
  }

  @Test
  void theLegacyRateLimitKeyIsTheFallback() {
    cordum
        .config()
        .set(ConfigScope.SYSTEM, "", Map.of("rate_limits", Map.of("concurrent_workflows", 1)));
    assertThat(cordum.workflows().maxActiveRuns("acme", "", "w")).isEqualTo(1);
    start("");
    assertThatThrownBy(() -> start("")).isInstanceOf(LimitExceededException.class);
    cordum
        .config()
        .set(ConfigScope.ORG, "acme", Map.of("limits", Map.of("max_concurrent_runs", 3)));
    assertThat(cordum.workflows().maxActiveRuns("acme", "", "w")).isEqualTo(3);
    start("");
  }
}
