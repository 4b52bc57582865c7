package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.audit.AuditStore;
import io.cordum.testkit.AuditStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit store contract on a private Redis server, plus its key layout. */
class RedisAuditStoreTest extends AuditStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected AuditStore createStore(int capacity) {
    connections = redis.flushed();
    return new RedisAuditStore(connections, capacity);
  }

  @Test
  void entriesAreTwoCappedListsUnderTheAuditTag() {
    store().append(entry("t1", "alice", 200));
    store().append(entry("", "", 401));
    var client = connections.client();

    assertThat(client.llen("{cordum:audit}:all")).isEqualTo(2);
    assertThat(client.lrange("{cordum:audit}:tenant:t1", 0, -1))
        .singleElement()
        .satisfies(s -> assertThat(s).contains("\"principal\":\"alice\""));
    assertThat(client.ttl("{cordum:audit}:all")).isEqualTo(-1);
    // A second store on the same server (another replica) reads the same trail.
    assertThat(new RedisAuditStore(connections).query("t1", e -> true, 10)).hasSize(1);
  }
}
