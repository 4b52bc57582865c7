package io.cordum.memory;

import io.cordum.api.schema.SchemaStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.SchemaStoreContract;

/** The schema store contract on the in-memory store. */
class InMemorySchemaStoreTest extends SchemaStoreContract {
  @Override
  protected SchemaStore createStore(ManualClock clock) {
    return new InMemorySchemaStore(clock);
  }
}
