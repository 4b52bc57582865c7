package io.cordum.memory;

import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.PolicyBundleStoreContract;

/** The policy bundle store contract on the in-memory store. */
class InMemoryPolicyBundleStoreTest extends PolicyBundleStoreContract {
  @Override
  protected PolicyBundleStore createStore(ManualClock clock, int snapshotLimit, int auditLimit) {
    return new InMemoryPolicyBundleStore(clock, snapshotLimit, auditLimit);
  }
}
