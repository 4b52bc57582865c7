package io.cordum.gateway;

/** Workflow routes on the memory backend. */
class InMemoryWorkflowsApiTest extends WorkflowsApiContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
