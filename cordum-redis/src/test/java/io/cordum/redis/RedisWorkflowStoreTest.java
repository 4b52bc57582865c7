package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.workflow.RunStatus;
import io.cordum.api.workflow.WorkflowRun;
import io.cordum.api.workflow.WorkflowStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.WorkflowStoreContract;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow store contract on a private Redis server, plus its key layout. */
class RedisWorkflowStoreTest extends WorkflowStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected WorkflowStore createStore(ManualClock clock, int timelineLimit) {
    connections = redis.flushed();
    return new RedisWorkflowStore(connections, clock, timelineLimit);
  }

  @Test
  void theModuleBindsTheRedisWorkflowStore() {
    RedisStoresModule module = new RedisStoresModule(connections.config());
    try {
      WorkflowStore bound =
          com.google.inject.Guice.createInjector(module).getInstance(WorkflowStore.class);
      assertThat(bound).isInstanceOf(RedisWorkflowStore.class);
      assertThat(bound.getRun("none")).isEmpty();
    } finally {
      module.close();
    }
  }

  @Test
  void everyKeyIsUnderTheWorkflowHashTag() {
    WorkflowRun r =
        store()
            .createRun(
                WorkflowRun.builder("r1").workflowId("wf").tenant("t").idempotencyKey("k").build())
            .run();
    store()
        .updateRun(
            r.toBuilder().status(RunStatus.RUNNING).wakeAt(clock.instant()).build(),
            1,
            List.of(io.cordum.api.workflow.TimelineEvent.of("x", "r1")));
    Set<String> keys = connections.client().keys("*");
    assertThat(keys).isNotEmpty().allMatch(k -> k.startsWith("{cordum:wf}:"));
    assertThat(keys)
        .contains(
            "{cordum:wf}:run:r1",
            "{cordum:wf}:runs",
            "{cordum:wf}:runs:wf:wf",
            "{cordum:wf}:runs:status:running",
            "{cordum:wf}:timers",
            "{cordum:wf}:idem",
            "{cordum:wf}:tl:r1",
            "{cordum:wf}:tlseq");
  }
}
