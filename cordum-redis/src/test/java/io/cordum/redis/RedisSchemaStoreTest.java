package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.schema.SchemaStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.SchemaStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema store contract on a private Redis server, plus its key layout. */
class RedisSchemaStoreTest extends SchemaStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected SchemaStore createStore(ManualClock clock) {
    connections = redis.flushed();
    return new RedisSchemaStore(connections, clock);
  }

  @Test
  void aSchemaIsAHashAndAnIndexEntryUnderTheSchemaTag() {
    store().put("pack/input", "{\"type\":\"object\"}");
    var client = connections.client();

    assertThat(client.hgetAll("{cordum:schema}:body:pack/input"))
        .containsEntry("body", "{\"type\":\"object\"}")
        .containsEntry("revision", "1");
    assertThat(client.zrange("{cordum:schema}:index", 0, -1)).containsExactly("pack/input");
    assertThat(client.ttl("{cordum:schema}:body:pack/input")).isEqualTo(-1);
  }
}
