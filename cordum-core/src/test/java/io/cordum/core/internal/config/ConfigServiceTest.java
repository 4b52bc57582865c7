package io.cordum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.config.ConfigDocument;
import io.cordum.api.config.ConfigEntry;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.config.ConfigWrite;
import io.cordum.api.config.EffectiveConfig;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The config service on the in-memory store (Go's configsvc cases, and the §6 fixes). */
class ConfigServiceTest {
  private final ManualClock clock = new ManualClock();
  private final InMemoryConfigStore store = new InMemoryConfigStore(clock);
  private final DefaultConfigService config = new DefaultConfigService(store);

  @Test
  void setGetEffective() { // TestSetGetEffective
    config.set(ConfigScope.SYSTEM, "", Map.of("timeout", 60, "model", "gpt-4"));
    config.set(ConfigScope.ORG, "org1", Map.of("timeout", 30));
    config.set(ConfigScope.TEAM, "team1", Map.of("budget", 100));

    EffectiveConfig eff = config.resolve(ConfigTarget.org("org1").team("team1"));

    assertThat(eff.data()).isEqualTo(Map.of("timeout", 30L, "model", "gpt-4", "budget", 100L));
    assertThat(config.get(ConfigScope.SYSTEM, "default").data()).containsEntry("timeout", 60L);
    assertThat(config.effective("org1", "team1", "", "")).isEqualTo(eff.data());
  }

  @Test
  void theSchedulersLookupIsCachedUntilAWriteThroughTheService() {
    DefaultConfigService config = new DefaultConfigService(store, java.time.Duration.ofHours(1));
    config.set(ConfigScope.ORG, "org1", Map.of("model", "a"));
    assertThat(config.effective("org1", "", "", "")).containsEntry("model", "a");
    // Written behind the service's back (as another replica would): not seen within the TTL.
    store.put(
        ConfigKey.of(ConfigScope.ORG, "org1"),
        "{\"model\":\"b\"}",
        Map.of(),
        ConfigStore.ANY_REVISION);
    assertThat(config.effective("org1", "", "", "")).containsEntry("model", "a");
    assertThat(config.resolve(ConfigTarget.org("org1")).data()).containsEntry("model", "b");

    config.set(ConfigScope.ORG, "org1", Map.of("model", "c")); // a write here clears it

    assertThat(config.effective("org1", "", "", "")).containsEntry("model", "c");
  }

  @Test
  void aZeroTtlReadsTheStoreForEveryJob() {
    DefaultConfigService uncached = new DefaultConfigService(store, java.time.Duration.ZERO);
    uncached.set(ConfigScope.ORG, "org1", Map.of("model", "a"));
    assertThat(uncached.effective("org1", "", "", "")).containsEntry("model", "a");
    store.put(
        ConfigKey.of(ConfigScope.ORG, "org1"),
        "{\"model\":\"b\"}",
        Map.of(),
        ConfigStore.ANY_REVISION);
    assertThat(uncached.effective("org1", "", "", "")).containsEntry("model", "b");
    assertThatThrownBy(() -> new DefaultConfigService(store, java.time.Duration.ofSeconds(-1)))
        .isInstanceOf(io.cordum.api.ValidationException.class)
        .hasMessageContaining("effective_cache_ttl");
  }

  @Test
  void versionNamesEveryScopesRevisionInOrder() { // TestSnapshotVersionOrdering
    ConfigTarget t = new ConfigTarget("o", "t", "w", "s");
    config.set(ConfigScope.SYSTEM, "", Map.of());
    for (int i = 0; i < 2; i++) {
      config.set(ConfigScope.ORG, "o", Map.of("i", i));
    }
    for (int i = 0; i < 3; i++) {
      config.set(ConfigScope.TEAM, "t", Map.of("i", i));
    }
    for (int i = 0; i < 4; i++) {
      config.set(ConfigScope.WORKFLOW, "w", Map.of("i", i));
    }
    for (int i = 0; i < 5; i++) {
      config.set(ConfigScope.STEP, "s", Map.of("i", i));
    }
    assertThat(config.resolve(t).version()).isEqualTo("system:1|org:2|team:3|workflow:4|step:5");
    assertThat(config.resolve(ConfigTarget.org("o")).version())
        .isEqualTo("system:1|org:2|team:0|workflow:0|step:0");
  }

  @Test
  void nothingConfiguredIsAnEmptyMapWithTheHashOfTheEmptyObject() {
    EffectiveConfig eff = config.resolve(ConfigTarget.org("none"));
    assertThat(eff.data()).isEmpty();
    assertThat(eff.version()).isEqualTo("system:0|org:0|team:0|workflow:0|step:0");
    assertThat(eff.hash())
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @Test
  void theHashFollowsTheDataNotTheWrites() {
    config.set(ConfigScope.ORG, "o", Map.of("a", 1, "b", 2.0));
    EffectiveConfig one = config.resolve(ConfigTarget.org("o"));
    config.set(ConfigScope.ORG, "o", Map.of("b", 2, "a", 1));
    EffectiveConfig two = config.resolve(ConfigTarget.org("o"));

    assertThat(two.hash()).isEqualTo(one.hash());
    assertThat(two.version()).isNotEqualTo(one.version());
    assertThat(config.get(ConfigKey.of(ConfigScope.ORG, "o")).hash())
        .isEqualTo(CanonicalJson.sha256(Map.of("a", 1, "b", 2)));
  }

  @Test
  void aFreshWriteDoesNotResetTheRevision() { // §6: fresh-doc writes always stored revision 1
    ConfigDocument first = config.set(ConfigScope.ORG, "o", Map.of("v", 1));
    clock.advance(Duration.ofSeconds(1));
    ConfigDocument second = config.set(ConfigScope.ORG, "o", Map.of("v", 2));

    assertThat(first.revision()).isEqualTo(1);
    assertThat(second.revision()).isEqualTo(2);
    assertThat(second.updatedAt()).isEqualTo(clock.instant());
  }

  @Test
  void compareAndSetRejectsAStaleWriter() { // §6: no CAS, lost updates
    ConfigDocument read = config.set(ConfigScope.ORG, "o", Map.of("v", 1));
    config.set(
        ConfigWrite.builder(read.key())
            .data(Map.of("v", 2))
            .expectedRevision(read.revision())
            .build());

    assertThatThrownBy(
            () ->
                config.set(
                    ConfigWrite.builder(read.key())
                        .data(Map.of("v", 3))
                        .expectedRevision(read.revision())
                        .build()))
        .isInstanceOf(ConflictException.class);
    assertThat(config.get(read.key()).data()).containsEntry("v", 2L);
  }

  @Test
  void concurrentUpdatesLoseNothing() throws Exception {
    ConfigKey key = ConfigKey.of(ConfigScope.SYSTEM, "");
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String name = "t" + t;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    int round = i;
                    config.update(
                        key,
                        data -> {
                          long n = data.get("count") instanceof Long l ? l : 0;
                          data.put("count", n + 1);
                          data.put(name, round);
                          return data;
                        });
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    ConfigDocument end = config.get(key);
    assertThat(end.data())
        .containsEntry("count", (long) threads * each)
        .containsKeys("t0", "t1", "t2", "t3");
    assertThat(end.revision()).isEqualTo((long) threads * each);
  }

  @Test
  void updateKeepsLabelsAndCreatesMissingDocuments() {
    config.set(
        ConfigWrite.builder(ConfigScope.TEAM, "t")
            .data(Map.of("a", 1))
            .meta("owner", "ops")
            .build());
    ConfigDocument d =
        config.update(
            ConfigKey.of(ConfigScope.TEAM, "t"),
            m -> {
              m.put("b", 2);
              return m;
            });
    assertThat(d.data()).isEqualTo(Map.of("a", 1L, "b", 2L));
    assertThat(d.meta()).containsEntry("owner", "ops");
    assertThat(
            config.update(ConfigKey.of(ConfigScope.TEAM, "new"), m -> Map.of("x", true)).revision())
        .isEqualTo(1);
  }

  @Test
  void unknownScopesAndMissingIdsAreRejected() { // §6: any scope string accepted
    assertThatThrownBy(() -> ConfigScope.parse("job"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> ConfigScope.parse(" "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scope: is required");
    assertThat(ConfigScope.parse(" Team ")).isEqualTo(ConfigScope.TEAM);
    assertThatThrownBy(() -> config.set(ConfigScope.ORG, " ", Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scope_id: is required for scope org");
    assertThat(ConfigKey.of(ConfigScope.SYSTEM, "").toString()).isEqualTo("cfg:system:default");
  }

  @Test
  void missingDocumentsAreNotFoundAndDeleteExists() { // §6: no delete API
    assertThatThrownBy(() -> config.get(ConfigScope.ORG, "x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("config not found: cfg:org:x");
    config.set(ConfigScope.ORG, "x", Map.of("a", 1));
    assertThat(config.delete(ConfigKey.of(ConfigScope.ORG, "x"))).isTrue();
    assertThat(config.find(ConfigKey.of(ConfigScope.ORG, "x"))).isEmpty();
    assertThat(config.resolve(ConfigTarget.org("x")).data()).isEmpty();
    assertThat(config.set(ConfigScope.ORG, "x", Map.of()).revision()).isEqualTo(3);
  }

  @Test
  void storeFailuresAreNotSwallowed() { // §6: lookup errors were silently skipped
    ConfigStore broken =
        new ConfigStore() {
          @Override
          public Optional<ConfigEntry> get(ConfigKey key) {
            throw new BackendException("redis: read config failed", null);
          }

          @Override
          public ConfigEntry put(ConfigKey key, String data, Map<String, String> meta, long rev) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean delete(ConfigKey key, long rev) {
            throw new UnsupportedOperationException();
          }
        };
    assertThatThrownBy(() -> new DefaultConfigService(broken).resolve(ConfigTarget.org("o")))
        .isInstanceOf(BackendException.class);
  }

  @Test
  void aTeamCannotDropTheOrgsSafetyRestrictions() { // §6: shallow merge erased restrictions
    config.set(
        ConfigScope.ORG, "o", Map.of("safety", Map.of("denied_topics", List.of("job.admin.*"))));
    config.set(ConfigScope.TEAM, "t", Map.of("safety", Map.of("allowed_topics", List.of("job.*"))));

    Map<String, Object> safety =
        (Map<String, Object>) config.resolve(ConfigTarget.org("o").team("t")).data().get("safety");

    assertThat(safety)
        .containsEntry("denied_topics", List.of("job.admin.*"))
        .containsEntry("allowed_topics", List.of("job.*"));
  }

  @Test
  void badPoolsTimeoutsAndSafetySectionsAreRejectedNamingEveryFieldAndRule() {
    Map<String, Object> data =
        Map.of(
            "pools", Map.of("topics", Map.of("job.a", List.of()), "extra", 1),
            "timeouts", Map.of("reconciler", Map.of("dispatch_timeout_seconds", -5)),
            "safety", Map.of("denied_topics", "job.x", "pii_types_to_detect", List.of("email")),
            "anything_else", Map.of("is", "free-form"));

    assertThatThrownBy(() -> config.set(ConfigScope.SYSTEM, "", data))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .contains(
                      "data.pools.extra",
                      "data.pools.topics.job.a",
                      "data.timeouts.reconciler.dispatch_timeout_seconds",
                      "data.safety.denied_topics",
                      "data.safety.pii_types_to_detect");
              assertThat(e.violations())
                  .filteredOn(
                      v -> v.field().equals("data.timeouts.reconciler.dispatch_timeout_seconds"))
                  .extracting(Violation::rule)
                  .singleElement()
                  .isEqualTo("must be an integer >= 0");
            });
    assertThat(config.find(ConfigKey.system())).isEmpty();
  }

  @Test
  void poolsArePassedThroughTheSchedulersOwnParser() {
    assertThatThrownBy(
            () ->
                config.set(
                    ConfigScope.SYSTEM,
                    "",
                    Map.of("pools", Map.of("topics", Map.of("job.*", "default")))))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("data.pools.topics.job.*"));
  }

  @Test
  void validSectionsAreStored() {
    ConfigDocument d =
        config.set(
            ConfigScope.SYSTEM,
            "",
            Map.of(
                "pools",
                    Map.of(
                        "topics",
                        Map.of("job.default", "default", "job.gpu", List.of("gpu")),
                        "pools",
                        Map.of("gpu", Map.of("requires", List.of("cuda")))),
                "timeouts", Map.of("topics", Map.of("job.gpu", Map.of("timeout_seconds", 600))),
                "safety",
                    Map.of(
                        "denied_topics",
                        List.of("job.admin.*"),
                        "mcp",
                        Map.of("deny_tools", List.of("rm")))));
    assertThat(d.data()).containsKeys("pools", "timeouts", "safety");
  }

  @Test
  void dataThatIsNotJsonIsRejected() {
    assertThatThrownBy(() -> config.set(ConfigScope.ORG, "o", Map.of("t", new Object())))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("$.t"));
  }
}
