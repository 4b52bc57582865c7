package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.testkit.ApiKeyStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API key store contract on a private Redis server, with a second store on the same server as
 * the other replica, plus its key layout (no secret anywhere in Redis).
 */
class RedisApiKeyStoreTest extends ApiKeyStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected ApiKeyStore createStore() {
    connections = redis.flushed();
    return new RedisApiKeyStore(connections);
  }

  @Override
  protected ApiKeyStore secondReplica() {
    return new RedisApiKeyStore(connections);
  }

  @Test
  void aKeyIsAHashAndTwoListingsUnderTheApiKeyTagWithoutTheSecret() {
    store().create(key("lay", "team-a", "the-secret-itself"));
    var client = connections.client();

    assertThat(client.hgetAll("{cordum:apikey}:key:lay"))
        .containsEntry("tenant", "team-a")
        .containsEntry("secret_hash", ApiKeySecrets.hash("the-secret-itself"))
        .containsEntry("scopes", "jobs\nruns");
    assertThat(client.zrange("{cordum:apikey}:index", 0, -1)).containsExactly("lay");
    assertThat(client.zrange("{cordum:apikey}:tenant:team-a", 0, -1)).containsExactly("lay");
    assertThat(client.ttl("{cordum:apikey}:key:lay")).isEqualTo(-1);
    for (String k : client.keys("*")) {
      if (client.type(k).equals("hash")) {
        assertThat(client.hgetAll(k).values()).noneMatch(v -> v.contains("the-secret-itself"));
      }
    }
  }
}
