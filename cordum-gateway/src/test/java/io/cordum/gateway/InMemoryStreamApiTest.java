package io.cordum.gateway;

/** The stream on the in-memory backends. */
class InMemoryStreamApiTest extends StreamApiContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
