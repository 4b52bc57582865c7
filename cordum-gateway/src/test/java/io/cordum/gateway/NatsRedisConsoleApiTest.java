package io.cordum.gateway;

/** The console's API additions on NATS (JetStream) + Redis, workers in their own connections. */
class NatsRedisConsoleApiTest extends ConsoleApiContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
