package io.cordum.gateway;

/** Workflow routes on the natsRedis backend. */
class NatsRedisWorkflowsApiTest extends WorkflowsApiContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
