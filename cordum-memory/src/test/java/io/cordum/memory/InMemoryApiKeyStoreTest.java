package io.cordum.memory;

import io.cordum.api.auth.ApiKeyStore;
import io.cordum.testkit.ApiKeyStoreContract;

/** The API key store contract on the in-memory store. */
class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
  @Override
  protected ApiKeyStore createStore() {
    return new InMemoryApiKeyStore();
  }
}
