package io.cordum.gateway;

/** Approvals, DLQ, config, schemas, locks, policy, memory and artifacts on the memory backend. */
class InMemoryControlApiTest extends ControlApiContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
