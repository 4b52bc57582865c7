package io.cordum.memory;

import io.cordum.api.workflow.WorkflowStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.WorkflowStoreContract;

/** Runs the workflow store contract against {@link InMemoryWorkflowStore}. */
class InMemoryWorkflowStoreTest extends WorkflowStoreContract {
  @Override
  protected WorkflowStore createStore(ManualClock clock, int timelineLimit) {
    return new InMemoryWorkflowStore(clock, timelineLimit);
  }
}
