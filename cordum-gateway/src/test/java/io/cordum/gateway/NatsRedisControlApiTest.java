package io.cordum.gateway;

/**
 * Approvals, DLQ, config, schemas, locks, policy, memory and artifacts on the natsRedis backend.
 */
class NatsRedisControlApiTest extends ControlApiContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
