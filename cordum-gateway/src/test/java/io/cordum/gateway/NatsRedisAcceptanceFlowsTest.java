package io.cordum.gateway;

/** The §7.1 ports and the demo_guardrails flow on the natsRedis backend. */
class NatsRedisAcceptanceFlowsTest extends AcceptanceFlowsContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
