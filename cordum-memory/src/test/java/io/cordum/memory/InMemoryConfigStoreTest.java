package io.cordum.memory;

import io.cordum.api.config.ConfigStore;
import io.cordum.testkit.ConfigStoreContract;
import io.cordum.testkit.ManualClock;

/** The config store contract on the in-memory store. */
class InMemoryConfigStoreTest extends ConfigStoreContract {
  @Override
  protected ConfigStore createStore(ManualClock clock) {
    return new InMemoryConfigStore(clock);
  }
}
