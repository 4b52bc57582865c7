package io.cordum.memory;

import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.testkit.DeadLetterStoreContract;
import io.cordum.testkit.ManualClock;

/** Runs the dead-letter store contract against {@link InMemoryDeadLetterStore}. */
class InMemoryDeadLetterStoreTest extends DeadLetterStoreContract {
  @Override
  protected DeadLetterStore createStore(ManualClock clock, DeadLetterRetention retention) {
    return new InMemoryDeadLetterStore(clock, retention);
  }
}
