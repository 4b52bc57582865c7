package io.cordum.gateway;

/** The console's API additions on the in-memory backends. */
class InMemoryConsoleApiTest extends ConsoleApiContract {
  @Override
  Backend backend() {
    return Backend.memory();
  }
}
