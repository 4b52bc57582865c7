package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactPointers;
import io.cordum.api.artifact.ArtifactQuery;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.artifact.RetentionClass;
import io.cordum.testkit.ArtifactStoreContract;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact store contract on a private Redis server, plus its key layout. */
class RedisArtifactStoreTest extends ArtifactStoreContract {
  @RegisterExtension static final RedisFixture redis = RedisFixture.single();

  private RedisConnections connections;

  @Override
  protected ArtifactStore createStore(ManualClock clock, ArtifactConfig config) {
    connections = redis.flushed();
    return new RedisArtifactStore(connections, clock, config);
  }

  @Test
  void anArtifactIsOneHashWithTheRetentionPlusTheMarginAsItsTtl() {
    String ptr =
        store()
            .put(
                ArtifactUpload.builder("hello")
                    .tenant("t1")
                    .retention(RetentionClass.SHORT)
                    .build());
    String key = "cordum:art:" + ArtifactPointers.idOf(ptr);

    assertThat(connections.client().type(key)).isEqualTo("hash");
    assertThat(connections.client().hget(key, "data")).isEqualTo("hello");
    assertThat(connections.client().pttl(key))
        .isBetween(Duration.ofHours(24).toMillis(), Duration.ofHours(25).toMillis());
    assertThat(connections.client().zcard("cordum:art:tenant:t1")).isEqualTo(1);
  }

  @Test
  void aKeyOutsideTheArtifactNamespaceIsNeverRead() {
    connections.client().set("ctx:00000000-0000-4000-8000-000000000000", "job input");

    assertThat(store().get(ArtifactPointers.of("00000000-0000-4000-8000-000000000000"))).isEmpty();
  }

  @Test
  void listingRemovesEntriesWhoseArtifactIsGone() {
    String ptr = store().put(ArtifactUpload.builder("x").tenant("t").build());
    connections.client().del("cordum:art:" + ArtifactPointers.idOf(ptr));

    assertThat(store().list(ArtifactQuery.of("t")).items()).isEmpty();
    assertThat(connections.client().zcard("cordum:art:tenant:t")).isZero();
  }
}
