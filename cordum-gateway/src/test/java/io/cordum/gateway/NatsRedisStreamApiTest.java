package io.cordum.gateway;

/** The stream on NATS (JetStream) + Redis: a worker process runs the jobs over NATS. */
class NatsRedisStreamApiTest extends StreamApiContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
