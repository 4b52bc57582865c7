package io.cordum.gateway;

import io.cordum.api.auth.ApiKeyStore;
import io.cordum.memory.InMemoryApiKeyStore;

/** Tenant isolation with the in-memory key store. */
class InMemoryTenantIsolationTest extends TenantIsolationContract {
  @Override
  ApiKeyStore keyStore() {
    return new InMemoryApiKeyStore();
  }
}
