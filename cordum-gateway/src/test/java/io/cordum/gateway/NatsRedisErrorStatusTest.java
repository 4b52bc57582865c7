package io.cordum.gateway;

/** Every documented error status of every route on the natsRedis backend. */
class NatsRedisErrorStatusTest extends ErrorStatusContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
