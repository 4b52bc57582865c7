package io.cordum.gateway;

/** The job routes on the in-memory backends. */
class InMemoryJobsApiTest extends JobsApiContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
