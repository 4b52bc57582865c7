package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.config.ConfigEntry;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConfigStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore(ManualClock)}. The store must take the time only from the
 * given clock. Each test uses fresh ids, and {@link #cleanUp()} runs after each test.
 */
public abstract class ConfigStoreContract {
  /** The clock of the store under test. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable ConfigStore store;
  private String prefix = "";

  /** Creates the store under test, taking the time from {@code clock}. */
  protected abstract ConfigStore createStore(ManualClock clock);

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createConfigStore() {
    prefix = "cfg-" + Long.toHexString(System.nanoTime()) + "-";
    store = createStore(clock);
  }

  @AfterEach
  void cleanUpConfigStore() {
    cleanUp();
  }

  /** The store under test. */
  protected ConfigStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  private ConfigKey key(ConfigScope scope, String name) {
    return ConfigKey.of(scope, prefix + name);
  }

  @Test
  void aMissingDocumentIsAbsent() {
    assertThat(store().get(key(ConfigScope.ORG, "none"))).isEmpty();
  }

  @Test
  void createThenReadBackEveryField() {
    ConfigKey k = key(ConfigScope.ORG, "acme");
    ConfigEntry e =
        store().put(k, "{\"a\":1}", Map.of("owner", "ops", "b", "ü"), ConfigStore.ABSENT);

    assertThat(e.revision()).isEqualTo(1);
    assertThat(e.updatedAt()).isEqualTo(clock.instant());
    assertThat(store().get(k)).contains(e);
    ConfigEntry read = store().get(k).orElseThrow();
    assertThat(read.key()).isEqualTo(k);
    assertThat(read.data()).isEqualTo("{\"a\":1}");
    assertThat(read.meta()).isEqualTo(Map.of("b", "ü", "owner", "ops"));
    assertThat(read.meta().keySet()).containsExactly("b", "owner");
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    clock.set(java.time.Instant.parse("2026-03-01T10:00:00.123456789Z"));
    ConfigEntry e = store().put(key(ConfigScope.TEAM, "t"), "{}", Map.of(), ConfigStore.ABSENT);
    assertThat(e.updatedAt()).isEqualTo(java.time.Instant.parse("2026-03-01T10:00:00.123456Z"));
    assertThat(store().get(e.key()).orElseThrow().updatedAt()).isEqualTo(e.updatedAt());
  }

  @Test
  void everyWriteIncrementsTheRevisionAndTakesTheTime() {
    ConfigKey k = key(ConfigScope.WORKFLOW, "wf");
    store().put(k, "{\"v\":1}", Map.of(), ConfigStore.ABSENT);
    clock.advance(Duration.ofSeconds(5));
    ConfigEntry second = store().put(k, "{\"v\":2}", Map.of(), 1);
    ConfigEntry third = store().put(k, "{\"v\":3}", Map.of(), ConfigStore.ANY_REVISION);

    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.updatedAt()).isEqualTo(clock.instant());
    assertThat(third.revision()).isEqualTo(3);
    assertThat(store().get(k).orElseThrow().data()).isEqualTo("{\"v\":3}");
  }

  @Test
  void aStaleRevisionConflictsAndWritesNothing() {
    ConfigKey k = key(ConfigScope.ORG, "cas");
    store().put(k, "{\"v\":1}", Map.of(), ConfigStore.ABSENT);
    store().put(k, "{\"v\":2}", Map.of(), 1);

    assertThatThrownBy(() -> store().put(k, "{\"v\":\"lost\"}", Map.of(), 1))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store().put(k, "{\"v\":\"lost\"}", Map.of(), ConfigStore.ABSENT))
        .isInstanceOf(ConflictException.class);
    ConfigEntry now = store().get(k).orElseThrow();
    assertThat(now.revision()).isEqualTo(2);
    assertThat(now.data()).isEqualTo("{\"v\":2}");
  }

  @Test
  void expectingAnExistingRevisionOfAMissingDocumentConflicts() {
    ConfigKey k = key(ConfigScope.STEP, "missing");
    assertThatThrownBy(() -> store().put(k, "{}", Map.of(), 3))
        .isInstanceOf(ConflictException.class);
    assertThat(store().get(k)).isEmpty();
  }

  @Test
  void deleteRemovesAndIsIdempotent() {
    ConfigKey k = key(ConfigScope.TEAM, "gone");
    store().put(k, "{}", Map.of(), ConfigStore.ABSENT);

    assertThat(store().delete(k, ConfigStore.ANY_REVISION)).isTrue();
    assertThat(store().get(k)).isEmpty();
    assertThat(store().delete(k, ConfigStore.ANY_REVISION)).isFalse();
    assertThat(store().delete(k, ConfigStore.ABSENT)).isFalse();
  }

  @Test
  void deleteWithAStaleRevisionConflictsAndKeepsTheDocument() {
    ConfigKey k = key(ConfigScope.ORG, "keep");
    store().put(k, "{}", Map.of(), ConfigStore.ABSENT);
    store().put(k, "{\"x\":1}", Map.of(), 1);

    assertThatThrownBy(() -> store().delete(k, 1)).isInstanceOf(ConflictException.class);
    assertThat(store().get(k)).isPresent();
    assertThat(store().delete(k, 2)).isTrue();
  }

  @Test
  void revisionsKeepIncreasingAcrossADelete() {
    ConfigKey k = key(ConfigScope.ORG, "again");
    store().put(k, "{}", Map.of(), ConfigStore.ABSENT);
    store().put(k, "{}", Map.of(), 1);
    store().delete(k, 2);

    ConfigEntry recreated = store().put(k, "{\"new\":true}", Map.of(), ConfigStore.ABSENT);

    assertThat(recreated.revision()).isGreaterThan(2);
    assertThat(store().get(k).orElseThrow().revision()).isEqualTo(recreated.revision());
  }

  @Test
  void scopesAreSeparateNamespaces() {
    store().put(key(ConfigScope.ORG, "x"), "{\"s\":\"org\"}", Map.of(), ConfigStore.ABSENT);
    store().put(key(ConfigScope.TEAM, "x"), "{\"s\":\"team\"}", Map.of(), ConfigStore.ABSENT);

    assertThat(store().get(key(ConfigScope.ORG, "x")).orElseThrow().data())
        .isEqualTo("{\"s\":\"org\"}");
    assertThat(store().get(key(ConfigScope.TEAM, "x")).orElseThrow().data())
        .isEqualTo("{\"s\":\"team\"}");
    assertThat(store().get(key(ConfigScope.STEP, "x"))).isEmpty();
  }

  @Test
  void idsMayHoldColonsSlashesAndUnicode() {
    ConfigKey k = key(ConfigScope.STEP, "wf:1/step é");
    store().put(k, "{\"ok\":\"✓\"}", Map.of(), ConfigStore.ABSENT);
    assertThat(store().get(k).orElseThrow().data()).isEqualTo("{\"ok\":\"✓\"}");
    assertThat(store().get(key(ConfigScope.STEP, "wf:1"))).isEmpty();
  }

  @Test
  void theSystemDocumentHasOneKey() {
    store()
        .put(
            ConfigKey.of(ConfigScope.SYSTEM, ""),
            "{\"sys\":1}",
            Map.of(),
            ConfigStore.ANY_REVISION);
    assertThat(store().get(ConfigKey.system()).orElseThrow().data()).isEqualTo("{\"sys\":1}");
  }

  @Test
  void getAllReturnsThePresentDocumentsInOrder() {
    ConfigKey a = key(ConfigScope.ORG, "a");
    ConfigKey b = key(ConfigScope.TEAM, "b");
    ConfigKey missing = key(ConfigScope.WORKFLOW, "missing");
    ConfigKey c = key(ConfigScope.STEP, "c");
    store().put(c, "{\"c\":1}", Map.of(), ConfigStore.ABSENT);
    store().put(a, "{\"a\":1}", Map.of(), ConfigStore.ABSENT);
    store().put(b, "{}", Map.of(), ConfigStore.ABSENT);
    store().delete(b, ConfigStore.ANY_REVISION);

    Map<ConfigKey, ConfigEntry> all = store().getAll(List.of(a, b, missing, c));

    assertThat(all.keySet()).containsExactly(a, c);
    assertThat(Objects.requireNonNull(all.get(c)).data()).isEqualTo("{\"c\":1}");
    assertThat(all.get(a)).isEqualTo(store().get(a).orElseThrow());
  }

  @Test
  void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
    ConfigKey k = key(ConfigScope.ORG, "counter");
    store().put(k, "0", Map.of(), ConfigStore.ABSENT);
    int threads = 6;
    int each = 10;

    List<Integer> conflicts =
        Races.run(
            threads,
            () -> {
              int seen = 0;
              for (int i = 0; i < each; i++) {
                while (true) {
                  ConfigEntry cur = store().get(k).orElseThrow();
                  int n = Integer.parseInt(cur.data());
                  try {
                    store().put(k, Integer.toString(n + 1), Map.of(), cur.revision());
                    break;
                  } catch (ConflictException e) {
                    seen++;
                  }
                }
              }
              return seen;
            });

    ConfigEntry end = store().get(k).orElseThrow();
    assertThat(end.data()).isEqualTo(Integer.toString(threads * each));
    assertThat(end.revision()).isEqualTo(1 + threads * each);
    assertThat(conflicts).hasSize(threads);
  }
}
