package io.cordum.memory;

import io.cordum.api.audit.AuditStore;
import io.cordum.testkit.AuditStoreContract;

/** The audit store contract on the in-memory store. */
class InMemoryAuditStoreTest extends AuditStoreContract {
  @Override
  protected AuditStore createStore(int capacity) {
    return new InMemoryAuditStore(capacity);
  }
}
