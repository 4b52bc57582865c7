package io.cordum.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.ValidationException;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.api.auth.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore}, as one JUnit 5 suite that every implementation runs. Extend
 * it and implement {@link #createStore()}; the store must start empty. {@link #cleanUp()} runs
 * after each test. {@link #secondReplica()} may return another store on the same data (a second
 * process's view) so that the suite checks that revocation and rotation are seen there at once; by
 * default the same instance is used.
 */
public abstract class ApiKeyStoreContract {
  /** The clock the suite takes times from. */
  protected final ManualClock clock = new ManualClock();

  private @Nullable ApiKeyStore store;

  /** Creates an empty store under test. */
  protected abstract ApiKeyStore createStore();

  /** Another store on the same data, as a second replica would open it (default: the same). */
  protected ApiKeyStore secondReplica() {
    return store();
  }

  /** Releases what {@link #createStore} set up; called after each test. */
  protected void cleanUp() {}

  @BeforeEach
  void createApiKeyStore() {
    store = createStore();
  }

  @AfterEach
  void cleanUpApiKeyStore() {
    cleanUp();
  }

  /** The store under test. */
  protected ApiKeyStore store() {
    if (store == null) {
      throw new IllegalStateException("no store: createStore has not run");
    }
    return store;
  }

  /** A key of the tenant, made now, with the hash of {@code secret}. */
  protected ApiKey key(String id, String tenant, String secret) {
    return new ApiKey(
        id,
        tenant,
        "operator",
        "p-" + id,
        "key " + id,
        List.of("jobs", "runs"),
        ApiKeySecrets.hash(secret),
        clock.instant(),
        null,
        null,
        null,
        null);
  }

  @Test
  void createThenGetKeepsEveryFieldButNeverTheSecret() {
    Instant expires = clock.instant().plus(Duration.ofDays(30));
    ApiKey k =
        new ApiKey(
            "a1",
            "team-a",
            "admin",
            "alice",
            "ci deploys",
            List.of("x", "y:z"),
            ApiKeySecrets.hash("s3cret-value-long-enough"),
            clock.instant(),
            expires,
            null,
            null,
            null);

    ApiKey stored = store().create(k);

    assertThat(stored).isEqualTo(k);
    assertThat(store().get("a1")).contains(k);
    assertThat(store().get("a2")).isEmpty();
    assertThat(stored.secretHash()).isNotEqualTo("s3cret-value-long-enough").hasSize(64);
    assertThat(ApiKeySecrets.matches("s3cret-value-long-enough", stored.secretHash())).isTrue();
    assertThat(ApiKeySecrets.matches("s3cret-value-long-enougH", stored.secretHash())).isFalse();
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    clock.set(Instant.parse("2026-01-02T03:04:05.123456789Z"));
    ApiKey stored = store().create(key("t1", "a", "s"));

    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    assertThat(store().get("t1").orElseThrow().createdAt()).isEqualTo(stored.createdAt());
  }

  @Test
  void aSecondKeyWithTheSameIdIsAConflictAndChangesNothing() {
    store().create(key("dup", "a", "one"));

    assertThatThrownBy(() -> store().create(key("dup", "b", "two")))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("dup");
    ApiKey kept = store().get("dup").orElseThrow();
    assertThat(kept.tenant()).isEqualTo("a");
    assertThat(ApiKeySecrets.matches("one", kept.secretHash())).isTrue();
    assertThat(store().list("b")).isEmpty();
  }

  @Test
  void listIsOldestFirstAndFiltersByTenant() {
    store().create(key("k3", "a", "s"));
    clock.advance(Duration.ofSeconds(1));
    store().create(key("k1", "b", "s"));
    clock.advance(Duration.ofSeconds(1));
    store().create(key("k2", "a", "s"));
    store().create(key("k0", "a", "s"));

    assertThat(store().list(null)).extracting(ApiKey::id).containsExactly("k3", "k1", "k0", "k2");
    assertThat(store().list("a")).extracting(ApiKey::id).containsExactly("k3", "k0", "k2");
    assertThat(store().list("b")).extracting(ApiKey::id).containsExactly("k1");
    assertThat(store().list("c")).isEmpty();
  }

  @Test
  void revokeIsSeenAtOnceByEveryReplicaAndKeepsTheFirstTime() {
    store().create(key("r1", "a", "s"));
    Instant first = clock.advance(Duration.ofSeconds(5));

    assertThat(store().revoke("r1", first).orElseThrow().revokedAt()).isEqualTo(first);
    assertThat(secondReplica().get("r1").orElseThrow().isActive(clock.instant())).isFalse();
    clock.advance(Duration.ofSeconds(5));
    assertThat(secondReplica().revoke("r1", clock.instant()).orElseThrow().revokedAt())
        .isEqualTo(first);
    assertThat(store().revoke("nope", clock.instant())).isEmpty();
    assertThat(store().get("nope")).isEmpty();
    assertThat(store().list("a")).extracting(ApiKey::id).containsExactly("r1");
  }

  @Test
  void rotateReplacesTheSecretOnlyAndTheOldOneStopsMatching() {
    ApiKey k = store().create(key("ro", "a", "old-secret"));
    Instant at = clock.advance(Duration.ofMinutes(1));
    String newHash = ApiKeySecrets.hash("new-secret");

    ApiKey r = store().rotate("ro", newHash, at).orElseThrow();

    assertThat(r.rotatedAt()).isEqualTo(at);
    assertThat(r.id()).isEqualTo(k.id());
    assertThat(r.tenant()).isEqualTo(k.tenant());
    assertThat(r.role()).isEqualTo(k.role());
    assertThat(r.createdAt()).isEqualTo(k.createdAt());
    ApiKey seen = secondReplica().get("ro").orElseThrow();
    assertThat(ApiKeySecrets.matches("new-secret", seen.secretHash())).isTrue();
    assertThat(ApiKeySecrets.matches("old-secret", seen.secretHash())).isFalse();
    assertThat(store().rotate("missing", newHash, at)).isEmpty();
  }

  @Test
  void aRevokedKeyCannotBeRotatedBackToLife() {
    store().create(key("rv", "a", "s"));
    store().revoke("rv", clock.instant());

    assertThatThrownBy(() -> store().rotate("rv", ApiKeySecrets.hash("x"), clock.instant()))
        .isInstanceOf(ConflictException.class);
    assertThat(ApiKeySecrets.matches("s", store().get("rv").orElseThrow().secretHash())).isTrue();
  }

  @Test
  void rotateRefusesSomethingThatIsNotAHash() {
    store().create(key("h", "a", "s"));

    assertThatThrownBy(() -> store().rotate("h", "plain-secret", clock.instant()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("secret_hash");
  }

  @Test
  void touchRecordsTheLastUseAndNeverMovesBack() {
    store().create(key("u", "a", "s"));
    Instant t1 = clock.advance(Duration.ofMinutes(2));
    store().touch("u", t1);
    assertThat(store().get("u").orElseThrow().lastUsedAt()).isEqualTo(t1);

    store().touch("u", t1.minusSeconds(30));
    assertThat(store().get("u").orElseThrow().lastUsedAt()).isEqualTo(t1);

    store().touch("ghost", t1);
    assertThat(store().get("ghost")).isEmpty();
  }

  @Test
  void expiryIsAFactOfTheRecord() {
    Instant now = clock.instant();
    ApiKey k =
        new ApiKey(
            "e",
            "a",
            "viewer",
            "v",
            "",
            List.of(),
            ApiKeySecrets.hash("s"),
            now,
            now.plusSeconds(60),
            null,
            null,
            null);
    store().create(k);

    ApiKey stored = store().get("e").orElseThrow();
    assertThat(stored.isActive(now.plusSeconds(59))).isTrue();
    assertThat(stored.isActive(now.plusSeconds(60))).isFalse();
  }

  @Test
  void concurrentCreatesOfOneIdStoreExactlyOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String secret = "secret-" + i;
        tasks.add(
            () -> {
              try {
                store().create(key("race", "t", secret));
                return true;
              } catch (ConflictException e) {
                return false;
              }
            });
      }
      int won = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        won += f.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(store().list("t")).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
