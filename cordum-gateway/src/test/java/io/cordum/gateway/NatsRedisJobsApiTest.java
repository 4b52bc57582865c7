package io.cordum.gateway;

/** The job routes on NATS (JetStream) + Redis, workers in their own connections. */
class NatsRedisJobsApiTest extends JobsApiContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
