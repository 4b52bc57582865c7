package io.cordum.gateway;

/** Capped limits and exact cursors on the natsRedis backend. */
class NatsRedisPaginationTest extends PaginationContract {
  @Override
  Backend backend() {
    return Backend.natsRedis();
  }
}
