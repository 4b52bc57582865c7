package io.cordum.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.artifact.Artifact;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactPointers;
import io.cordum.api.artifact.ArtifactQuery;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactSummary;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.artifact.RetentionClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ArtifactStore}, as one JUnit 5 suite that every implementation runs.
 * Extend it and implement {@link #createStore(ManualClock, ArtifactConfig)}; the store must take
 * the time only from the clock and honour the config it is given.
 */
public abstract class ArtifactStoreContract {
  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable ArtifactStore store;

  /** Creates a store with the given settings, taking the time from {@code clock}. */
  protected abstract ArtifactStore createStore(ManualClock clock, ArtifactConfig config);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createArtifactStore() {
    store = createStore(clock, ArtifactConfig.DEFAULT);
  }

  @AfterEach
  void cleanUpArtifactStore() {
    cleanUp();
  }

  /** The store under test. */
  protected ArtifactStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  private String put(String content, String tenant, RetentionClass retention) {
    return store()
        .put(
            ArtifactUpload.builder(content)
                .tenant(tenant)
                .retention(retention)
                .contentType("text/plain")
                .build());
  }

  @Test
  void putThenGetReturnsTheBytesAndMetadata() {
    String ptr =
        store()
            .put(
                ArtifactUpload.builder("hello")
                    .contentType("text/plain")
                    .retention(RetentionClass.SHORT)
                    .label("kind", "greeting")
                    .tenant("t1")
                    .build());

    assertThat(ptr).startsWith("redis://art:");
    assertThat(ArtifactPointers.isArtifactPointer(ptr)).isTrue();
    Artifact a = store().get(ptr).orElseThrow();
    assertThat(a.pointer()).isEqualTo(ptr);
    assertThat(new String(a.content(), UTF_8)).isEqualTo("hello");
    assertThat(a.metadata().contentType()).isEqualTo("text/plain");
    assertThat(a.metadata().sizeBytes()).isEqualTo(5);
    assertThat(a.metadata().retention()).isEqualTo(RetentionClass.SHORT);
    assertThat(a.metadata().labels()).containsExactly(Map.entry("kind", "greeting"));
    assertThat(a.metadata().tenant()).isEqualTo("t1");
    assertThat(a.metadata().createdAt()).isEqualTo(clock.instant());
    assertThat(a.metadata().expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
  }

  @Test
  void binaryContentRoundTrips() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    String ptr = store().put(ArtifactUpload.builder(bytes).build());

    assertThat(store().get(ptr).orElseThrow().content()).isEqualTo(bytes);
  }

  @Test
  void eachPutGetsANewPointer() {
    Set<String> pointers = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      pointers.add(put("x", "t", RetentionClass.STANDARD));
    }
    assertThat(pointers).hasSize(20);
  }

  @Test
  void retentionClassesExpireAtTheirTimes() {
    String shortPtr = put("s", "t", RetentionClass.SHORT);
    String standard = put("s", "t", RetentionClass.STANDARD);
    String audit = put("a", "t", RetentionClass.AUDIT);

    clock.advance(Duration.ofHours(24).minusMillis(1));
    assertThat(store().get(shortPtr)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(store().get(shortPtr)).isEmpty();
    assertThat(store().get(standard)).isPresent();

    clock.advance(Duration.ofDays(6));
    assertThat(store().get(standard)).isEmpty();
    assertThat(store().get(audit)).isPresent();

    clock.advance(Duration.ofDays(23));
    assertThat(store().get(audit)).isEmpty();
  }

  @Test
  void retentionTimesAreConfigurable() {
    store = createStore(clock, ArtifactConfig.builder().shortTtl(Duration.ofSeconds(2)).build());
    String ptr = put("x", "t", RetentionClass.SHORT);

    assertThat(store().get(ptr).orElseThrow().metadata().expiresAt())
        .isEqualTo(clock.instant().plusSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(store().get(ptr)).isEmpty();
  }

  // A server-side size limit with a clear error.
  @Test
  void contentOverTheLimitIsRejectedWithAClearError() {
    store = createStore(clock, ArtifactConfig.builder().maxBytes(10).build());

    assertThat(store().put(ArtifactUpload.builder("0123456789").build())).isNotBlank();
    assertThatThrownBy(() -> store().put(ArtifactUpload.builder("0123456789A").tenant("t").build()))
        .isInstanceOfSatisfying(
            ArtifactTooLargeException.class,
            e -> {
              assertThat(e.size()).isEqualTo(11);
              assertThat(e.limit()).isEqualTo(10);
              assertThat(e.type()).isEqualTo("artifact_too_large");
              assertThat(e.getMessage()).contains("11").contains("10");
            });
    assertThat(store().list(ArtifactQuery.of("t")).items()).isEmpty();
  }

  @Test
  void emptyContentIsRejected() {
    assertThatThrownBy(() -> store().put(ArtifactUpload.builder(new byte[0]).build()))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("content"));
  }

  // Only art: pointers reach the store: an artifact lookup never reads other data.
  @Test
  void pointersOutsideTheArtifactNamespaceAreRejected() {
    for (String bad :
        List.of(
            "redis://ctx:job-1",
            "redis://job:req:job-1",
            "redis://res:x",
            "redis://art:meta:00000000-0000-0000-0000-000000000000",
            "redis://art:../x",
            "art:00000000-0000-0000-0000-000000000000",
            "",
            "redis://art:")) {
      assertThatThrownBy(() -> store().get(bad)).as(bad).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> store().delete(bad)).as(bad).isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void unknownArtifactIsAbsent() {
    String ptr = ArtifactPointers.of("00000000-0000-4000-8000-000000000000");

    assertThat(store().get(ptr)).isEmpty();
    assertThat(store().delete(ptr)).isFalse();
  }

  // The tenant comes from the upload, never from labels a caller could set.
  @Test
  void tenantScopedReadsHideOtherTenantsArtifacts() {
    String ptr =
        store().put(ArtifactUpload.builder("secret").tenant("a").label("tenant_id", "b").build());

    assertThat(store().get(ptr, "a")).isPresent();
    assertThat(store().get(ptr, "b")).isEmpty();
    assertThat(store().delete(ptr, "b")).isFalse();
    assertThat(store().get(ptr)).isPresent();
    assertThat(store().list(ArtifactQuery.of("b")).items()).isEmpty();
    assertThat(store().delete(ptr, "a")).isTrue();
    assertThat(store().get(ptr)).isEmpty();
  }

  @Test
  void blankTenantIsTheDefaultTenant() {
    String ptr = put("x", " ", RetentionClass.STANDARD);

    assertThat(store().get(ptr).orElseThrow().metadata().tenant()).isEqualTo("default");
    assertThat(store().get(ptr, "")).isPresent();
    assertThat(store().list(ArtifactQuery.of("default")).items()).hasSize(1);
  }

  @Test
  void deleteRemovesTheArtifact() {
    String ptr = put("x", "t", RetentionClass.STANDARD);

    assertThat(store().delete(ptr)).isTrue();
    assertThat(store().get(ptr)).isEmpty();
    assertThat(store().delete(ptr)).isFalse();
    assertThat(store().list(ArtifactQuery.of("t")).items()).isEmpty();
  }

  @Test
  void listPagesThroughATenantsArtifactsNewestFirstWithoutGapsOrRepeats() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      expected.add(0, put("a" + i, "t1", RetentionClass.STANDARD));
      if (i % 3 == 0) {
        clock.advance(Duration.ofMillis(1)); // several share one microsecond
      }
    }
    put("other", "t2", RetentionClass.STANDARD);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<ArtifactSummary> page =
          store().list(ArtifactQuery.of("t1").withLimit(3).withCursor(cursor));
      page.items().forEach(s -> seen.add(s.pointer()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    // newest first by time (ties in one microsecond in a fixed order)
    assertThat(seen.subList(0, 3)).containsExactlyInAnyOrderElementsOf(expected.subList(0, 3));
    assertThat(seen.subList(3, 6)).containsExactlyInAnyOrderElementsOf(expected.subList(3, 6));
    assertThat(seen.get(6)).isEqualTo(expected.get(6));
  }

  @Test
  void listSkipsExpiredArtifacts() {
    put("short", "t", RetentionClass.SHORT);
    String kept = put("standard", "t", RetentionClass.STANDARD);
    clock.advance(Duration.ofHours(25));

    Page<ArtifactSummary> page = store().list(ArtifactQuery.of("t"));

    assertThat(page.items()).extracting(ArtifactSummary::pointer).containsExactly(kept);
    assertThat(page.hasMore()).isFalse();
    assertThat(page.items().get(0).metadata().sizeBytes()).isEqualTo(8);
  }

  @Test
  void invalidCursorIsRejected() {
    assertThatThrownBy(() -> store().list(ArtifactQuery.of("t").withCursor("nope")))
        .isInstanceOf(ValidationException.class);
  }
}
