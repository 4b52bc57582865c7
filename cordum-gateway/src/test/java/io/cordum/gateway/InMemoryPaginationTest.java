package io.cordum.gateway;

/** Capped limits and exact cursors on the memory backend. */
class InMemoryPaginationTest extends PaginationContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
