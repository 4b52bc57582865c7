package io.cordum.gateway;

import io.cordum.api.auth.ApiKeyStore;
import io.cordum.redis.RedisApiKeyStore;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.testkit.servers.RedisServer;

/** Tenant isolation with the Redis key store (a private redis-server). */
class RedisTenantIsolationTest extends TenantIsolationContract {
  private RedisServer redis;
  private RedisConnections connections;

  @Override
  ApiKeyStore keyStore() {
    redis = RedisServer.start();
    connections = RedisConnections.create(RedisConfig.builder().url(redis.url()).build());
    return new RedisApiKeyStore(connections);
  }

  @Override
  void closeKeyStore() {
    if (connections != null) {
      connections.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}
