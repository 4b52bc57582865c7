package io.cordum.gateway;

/** Every documented error status of every route on the memory backend. */
class InMemoryErrorStatusTest extends ErrorStatusContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
