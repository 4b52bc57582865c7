package io.cordum.gateway;

/** The §7.1 ports and the demo_guardrails flow on the memory backend. */
class InMemoryAcceptanceFlowsTest extends AcceptanceFlowsContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
