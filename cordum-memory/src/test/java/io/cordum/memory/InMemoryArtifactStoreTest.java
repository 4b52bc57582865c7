package io.cordum.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.artifact.RetentionClass;
import io.cordum.testkit.ArtifactStoreContract;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs the artifact store contract against {@link InMemoryArtifactStore}. */
class InMemoryArtifactStoreTest extends ArtifactStoreContract {
  @Override
  protected ArtifactStore createStore(ManualClock clock, ArtifactConfig config) {
    return new InMemoryArtifactStore(clock, config);
  }

  @Test
  void expiredArtifactsArePurgedByLaterPuts() {
    InMemoryArtifactStore s = (InMemoryArtifactStore) store();
    for (int i = 0; i < 20; i++) {
      s.put(ArtifactUpload.builder("x").retention(RetentionClass.SHORT).build());
    }
    clock.advance(Duration.ofDays(2));

    s.put(ArtifactUpload.builder("y").build());

    assertThat(s.footprint()).isEqualTo(3); // the artifact, its due time, its index entry
  }
}
