package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigStore;
import io.cordum.testkit.ConfigStoreContract;
import io.cordum.testkit.ManualClock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The config store contract on a private Redis server, plus its key layout. */
class RedisConfigStoreTest extends ConfigStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected ConfigStore createStore(ManualClock clock) {
    connections = redis.flushed();
    return new RedisConfigStore(connections, clock);
  }

  @Test
  void aDocumentIsOneHashUnderTheConfigTagWithoutTtl() {
    store()
        .put(
            ConfigKey.of(ConfigScope.ORG, "acme"),
            "{\"a\":1}",
            Map.of("k", "v"),
            ConfigStore.ABSENT);
    var client = connections.client();

    assertThat(client.hgetAll("{cordum:cfg}:org:acme"))
        .containsEntry("data", "{\"a\":1}")
        .containsEntry("revision", "1")
        .containsEntry("meta", "{\"k\":\"v\"}")
        .containsKey("updated_at");
    assertThat(client.ttl("{cordum:cfg}:org:acme")).isEqualTo(-1);
  }

  @Test
  void aDeleteLeavesATombstoneWithTheNextRevision() {
    ConfigKey k = ConfigKey.of(ConfigScope.TEAM, "t1");
    store().put(k, "{}", Map.of(), ConfigStore.ABSENT);
    store().delete(k, 1);

    assertThat(connections.client().hgetAll("{cordum:cfg}:team:t1"))
        .containsEntry("revision", "2")
        .containsEntry("deleted", "1")
        .doesNotContainKey("data");
  }
}
