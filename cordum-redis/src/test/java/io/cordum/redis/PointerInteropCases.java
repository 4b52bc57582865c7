package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * What the pointer contract cannot see, run on a single server and on a cluster: the blobs are
 * Cordum's plain strings at exactly the key a pointer names, so a Go or Python worker's plain
 * {@code SET}/{@code GET} and this store read each other's blobs; the expiry sidecar, its TTL and
 * how it is honoured or ignored; the pointer key prefix; and deletes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PointerInteropCases {
  static final Duration TTL = RedisConfig.DEFAULT_DATA_TTL;

  private final Map<RedisConfig, RedisConnections> open = new HashMap<>();
  ManualClock clock = new ManualClock();

  /** A config for the server under test (URL, and cluster nodes on a cluster). */
  abstract RedisConfig.Builder config();

  /** Stops the server under test. */
  abstract void stopServer();

  RedisConnections connections(RedisConfig config) {
    return open.computeIfAbsent(config, RedisConnections::create);
  }

  UnifiedJedis redis() {
    return connections(config().build()).client();
  }

  RedisPointerStore store() {
    return new RedisPointerStore(connections(config().build()), clock);
  }

  @BeforeEach
  void reset() {
    clock = new ManualClock();
    redis().flushAll();
  }

  @AfterAll
  void closeAll() {
    for (RedisConnections c : new ArrayList<>(open.values())) {
      c.close();
    }
    stopServer();
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** A Go worker's write: {@code SET key value PX 60000}. */
  void workerSet(String key, String value) {
    redis().set(bytes(key), bytes(value), SetParams.setParams().px(60_000));
  }

  String rawGet(String key) {
    byte[] v = redis().get(bytes(key));
    return v == null ? null : new String(v, UTF_8);
  }

  @Test
  void aCapSdkWorkersSlashPointerReadsTheKeyItWrote() {
    // The CAP SDK runtime resolves redis://ctx/<id> to the key ctx/<id> and writes there.
    workerSet("ctx/job-cap-1", "{\"prompt\":\"hi\"}");
    workerSet("res/job-cap-1", "{\"echo\":\"hi\"}");
    assertThat(store().get("redis://ctx/job-cap-1"))
        .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("{\"prompt\":\"hi\"}"));
    assertThat(store().get("redis://res/job-cap-1"))
        .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("{\"echo\":\"hi\"}"));
    // a plain key outside the namespaces stays out of reach
    workerSet("secret", "x");
    assertThat(store().get("redis://secret")).isEmpty();
  }

  long expiresAtMicros() {
    java.time.Instant t = clock.instant().plus(TTL);
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  @Test
  void aWorkersPlainSetIsReadable() {
    workerSet("ctx:w1", "{\"prompt\":\"hi\"}");
    redis().set(bytes("res:w1"), new byte[] {0, (byte) 0xff, 7}); // no TTL at all

    assertThat(store().get("redis://ctx:w1"))
        .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("{\"prompt\":\"hi\"}"));
    assertThat(store().get("redis://res:w1"))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(0, (byte) 0xff, 7));
    clock.advance(TTL.plusHours(1)); // no sidecar: only Redis expires a worker's blob
    assertThat(store().get("redis://ctx:w1")).isPresent();
  }

  @Test
  void theStoresBlobIsAPlainStringAtThePointersKey() {
    String ptr = store().putContext("j1", bytes("input"));
    store().putResult("j1", bytes("output"));

    assertThat(ptr).isEqualTo("redis://ctx:j1");
    assertThat(redis().type("ctx:j1")).isEqualTo("string");
    assertThat(rawGet("ctx:j1")).isEqualTo("input"); // a Go worker's GET ctx:<job_id>
    assertThat(rawGet("res:j1")).isEqualTo("output");
    for (String key : List.of("ctx:j1", "res:j1")) {
      assertThat(redis().pttl(key))
          .as("PTTL of %s", key)
          .isBetween(TTL.minusMinutes(1).toMillis(), TTL.toMillis());
    }
    assertThat(redis().exists("cordum:ctx:j1")).isFalse();
  }

  @Test
  void theSidecarHoldsTheExpiryAndAFingerprintWithTheSameTtl() {
    store().putContext("j1", bytes("input"));

    String sidecar = rawGet("cordum-exp:ctx:j1");
    assertThat(sidecar)
        .isEqualTo(new String(RedisPointerStore.sidecar(expiresAtMicros(), bytes("input")), UTF_8));
    assertThat(sidecar).startsWith(expiresAtMicros() + "|5|");
    long blobTtl = redis().pttl("ctx:j1");
    long sidecarTtl = redis().pttl("cordum-exp:ctx:j1");
    assertThat(sidecarTtl).isBetween(TTL.minusMinutes(1).toMillis(), TTL.toMillis());
    assertThat(Math.abs(blobTtl - sidecarTtl)).isLessThan(5_000);
  }

  @Test
  void blobAndSidecarExpireTogetherInRedis() {
    RedisPointerStore shortLived =
        new RedisPointerStore(
            connections(config().dataTtl(Duration.ofMillis(1500)).build()), clock);
    shortLived.putResult("j1", bytes("out"));

    assertThat(redis().pttl("res:j1")).isBetween(1L, 1500L);
    assertThat(redis().pttl("cordum-exp:res:j1")).isBetween(1L, 1500L);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !redis().exists("res:j1") && !redis().exists("cordum-exp:res:j1"));
    assertThat(shortLived.get("redis://res:j1")).isEmpty();
  }

  @Test
  void theInjectedClockExpiresTheStoresBlobsBeforeRedisDoes() {
    String ptr = store().putContext("j1", bytes("input"));
    clock.advance(TTL.plusSeconds(1));

    assertThat(store().get(ptr)).isEmpty();
    assertThat(rawGet("ctx:j1")).isEqualTo("input"); // still in Redis, by its real TTL

    assertThat(store().delete(ptr)).isFalse();
    assertThat(redis().exists("ctx:j1")).isFalse();
    assertThat(redis().exists("cordum-exp:ctx:j1")).isFalse();
  }

  @Test
  void aBlobWithoutItsSidecarLivesByItsRedisTtl() {
    String ptr = store().putContext("j1", bytes("input"));
    redis().del("cordum-exp:ctx:j1");

    clock.advance(TTL.plusHours(1));

    assertThat(store().get(ptr)).isPresent();
  }

  @Test
  void aWorkerOverwritingTheStoresBlobIsReadDespiteTheOldSidecar() {
    // The DLQ tap writes a stub result; the worker then writes the real one with a plain SET.
    store().putResult("j1", bytes("stub"));
    clock.advance(TTL.plusSeconds(1));
    workerSet("res:j1", "real output");

    assertThat(store().get("redis://res:j1"))
        .hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("real output"));
    assertThat(store().delete("redis://res:j1")).isTrue();
  }

  @Test
  void aSidecarThatIsNotOursIsIgnored() {
    store().putContext("j1", bytes("input"));
    clock.advance(TTL.plusSeconds(1));

    for (String junk : List.of("garbage", "1|2", "x|5|1", "")) {
      redis().set("cordum-exp:ctx:j1", junk);
      assertThat(store().get("redis://ctx:j1")).as("sidecar '%s'", junk).isPresent();
    }
  }

  @Test
  void deleteRemovesTheBlobAndItsSidecar() {
    String ptr = store().putContext("j1", bytes("input"));
    workerSet("res:w", "worker output");

    assertThat(store().delete(ptr)).isTrue();
    assertThat(store().delete("redis://res:w")).isTrue();

    assertThat(redis().exists("ctx:j1")).isFalse();
    assertThat(redis().exists("cordum-exp:ctx:j1")).isFalse();
    assertThat(redis().exists("res:w")).isFalse();
    assertThat(store().delete(ptr)).isFalse();
  }

  @Test
  void copyOfAWorkersBlobWritesTheBytesWithAFreshSidecar() {
    workerSet("ctx:w", "input");
    clock.advance(Duration.ofHours(3));

    assertThat(store().copy("redis://ctx:w", "redis://ctx:retry")).isTrue();

    assertThat(rawGet("ctx:retry")).isEqualTo("input");
    assertThat(rawGet("cordum-exp:ctx:retry")).startsWith(expiresAtMicros() + "|5|");
    assertThat(redis().pttl("ctx:retry")).isGreaterThan(TTL.minusMinutes(1).toMillis());
    assertThat(redis().pttl("cordum-exp:ctx:retry")).isGreaterThan(TTL.minusMinutes(1).toMillis());
  }

  @Test
  void aKeyOfAnotherTypeReadsAsAbsentAndIsReplacedByAWrite() {
    redis().hset("ctx:h", "data", "x"); // for example a blob in an old layout

    assertThat(store().get("redis://ctx:h")).isEmpty();
    store().putContext("h", bytes("new"));
    assertThat(store().get("redis://ctx:h")).isPresent();

    redis().del("ctx:h");
    redis().hset("ctx:h", "data", "x");
    assertThat(store().delete("redis://ctx:h")).isFalse();
    assertThat(redis().exists("ctx:h")).isFalse();
    assertThat(redis().exists("cordum-exp:ctx:h")).isFalse();
  }

  @Test
  void sidecarsAndOtherKeysAreNotReachableThroughPointers() {
    store().putContext("j1", bytes("input"));
    workerSet("job:req:x", "secret");

    for (String pointer : List.of("redis://cordum-exp:ctx:j1", "redis://job:req:x")) {
      assertThat(store().get(pointer)).as(pointer).isEmpty(); // unresolvable: no data
      assertThatThrownBy(() -> store().delete(pointer))
          .as(pointer)
          .isInstanceOf(ValidationException.class);
    }
    assertThat(redis().exists("cordum-exp:ctx:j1")).isTrue();
  }

  @Test
  void thePointerKeyPrefixGoesInFrontOfBlobsAndSidecars() {
    RedisPointerStore prefixed =
        new RedisPointerStore(connections(config().pointerKeyPrefix("blobs:").build()), clock);

    String ptr = prefixed.putContext("j1", bytes("input"));

    assertThat(ptr).isEqualTo("redis://ctx:j1"); // pointers never carry the prefix
    assertThat(rawGet("blobs:ctx:j1")).isEqualTo("input");
    assertThat(rawGet("blobs:cordum-exp:ctx:j1")).startsWith(expiresAtMicros() + "|5|");
    assertThat(redis().exists("ctx:j1")).isFalse();
    assertThat(store().get(ptr)).isEmpty(); // the unprefixed store sees other keys

    workerSet("blobs:res:w", "prefixed worker output");
    workerSet("res:w", "unprefixed");
    assertThat(prefixed.get("redis://res:w"))
        .hasValueSatisfying(
            b -> assertThat(new String(b, UTF_8)).isEqualTo("prefixed worker output"));

    assertThat(prefixed.delete(ptr)).isTrue();
    assertThat(redis().exists("blobs:ctx:j1")).isFalse();
    assertThat(redis().exists("blobs:cordum-exp:ctx:j1")).isFalse();
    assertThat(rawGet("res:w")).isEqualTo("unprefixed");
  }
}
