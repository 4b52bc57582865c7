package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.config.GoDurations;
import io.cordum.redis.internal.RedisUrl;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings, Cordum's environment variables and URL parsing; no server needed. */
class RedisConfigTest {

  @Test
  void defaults() {
    RedisConfig c = RedisConfig.DEFAULT;

    assertThat(c.url()).isEqualTo("redis://localhost:6379");
    assertThat(c.keyPrefix()).isEqualTo("cordum:");
    assertThat(c.pointerKeyPrefix()).isEmpty();
    assertThat(c.jobKeyTag()).isEqualTo("{cordum}:");
    assertThat(c.jobRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.dataTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(c.historyLimit()).isEqualTo(100);
    assertThat(c.decisionsLimit()).isEqualTo(100);
    assertThat(RedisConfig.fromEnvironment(Map.of())).isEqualTo(c);
  }

  @Test
  void environmentUsesCordumNames() {
    RedisConfig c =
        RedisConfig.fromEnvironment(
            Map.of(
                "REDIS_URL", "redis://cache:6380/2",
                "JOB_META_TTL_SECONDS", "3600",
                "REDIS_DATA_TTL_SECONDS", "60"));

    assertThat(c.url()).isEqualTo("redis://cache:6380/2");
    assertThat(c.jobRetention()).isEqualTo(Duration.ofHours(1));
    assertThat(c.dataTtl()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void goDurationWinsOverSeconds() {
    RedisConfig both =
        RedisConfig.fromEnvironment(
            Map.of(
                "JOB_META_TTL_SECONDS",
                "3600",
                "JOB_META_TTL",
                "72h",
                "REDIS_DATA_TTL_SECONDS",
                "60",
                "REDIS_DATA_TTL",
                "1h30m"));
    assertThat(both.jobRetention()).isEqualTo(Duration.ofHours(72));
    assertThat(both.dataTtl()).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void invalidValuesAreRefusedByNameNotIgnored() {
    // Cordum ignored these and kept its defaults; a typo then changed retention silently.
    assertThatThrownBy(
            () ->
                RedisConfig.fromEnvironment(
                    Map.of(
                        "JOB_META_TTL_SECONDS",
                        "-5",
                        "JOB_META_TTL",
                        "soon",
                        "REDIS_DATA_TTL_SECONDS",
                        "x",
                        "REDIS_DATA_TTL",
                        "0s",
                        "REDIS_TLS_INSECURE",
                        "maybe",
                        "REDIS_URL",
                        "http://h")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder(
                        "JOB_META_TTL_SECONDS",
                        "JOB_META_TTL",
                        "REDIS_DATA_TTL_SECONDS",
                        "REDIS_DATA_TTL",
                        "REDIS_TLS_INSECURE",
                        "REDIS_URL"));
    assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("REDIS_URL", "http://h")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("REDIS_URL");
                          assertThat(v.rule())
                              .contains("redis://")
                              .contains("from the environment");
                        }));
  }

  @Test
  void clusterAddressesFollowCordumsRule() {
    RedisConfig one = RedisConfig.fromEnvironment(Map.of("REDIS_CLUSTER_ADDRESSES", "a:7000"));
    RedisConfig three =
        RedisConfig.fromEnvironment(Map.of("REDIS_CLUSTER_ADDRESSES", "a:7000, b:7001\nc:7002"));

    assertThat(one.clusterNodes()).isEmpty();
    assertThat(three.clusterNodes()).containsExactly("a:7000", "b:7001", "c:7002");
    assertThatThrownBy(
            () -> RedisConfig.builder().clusterNodes(java.util.List.of("nohost")).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                RedisConfig.builder()
                    .url("redis://h/2")
                    .clusterNodes(java.util.List.of("h:7000"))
                    .build())
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void goDurations() {
    assertThat(GoDurations.parse("72h")).contains(Duration.ofHours(72));
    assertThat(GoDurations.parse("1h30m10.5s")).contains(Duration.ofSeconds(5410, 500_000_000));
    assertThat(GoDurations.parse("1.5h")).contains(Duration.ofMinutes(90));
    assertThat(GoDurations.parse("300ms")).contains(Duration.ofMillis(300));
    assertThat(GoDurations.parse("2us")).contains(Duration.ofNanos(2000));
    assertThat(GoDurations.parse("-2m")).contains(Duration.ofMinutes(-2));
    assertThat(GoDurations.parse("0")).contains(Duration.ZERO);
    assertThat(GoDurations.parse("")).isEmpty();
    assertThat(GoDurations.parse("10")).isEmpty();
    assertThat(GoDurations.parse("10d")).isEmpty();
    assertThat(GoDurations.parse("h")).isEmpty();
  }

  @Test
  void urls() {
    RedisUrl plain = RedisUrl.parse("redis://localhost");
    assertThat(plain).isEqualTo(new RedisUrl(false, "localhost", 6379, null, null, 0));

    RedisUrl full = RedisUrl.parse("rediss://app:s%40cret@redis.example:6390/3");
    assertThat(full).isEqualTo(new RedisUrl(true, "redis.example", 6390, "app", "s@cret", 3));
    assertThat(full.toString()).doesNotContain("cret");

    assertThat(RedisUrl.parse("redis://:pw@h").password()).isEqualTo("pw");
    assertThat(RedisUrl.parse("redis://:pw@h").user()).isNull();
    assertThat(RedisUrl.parse("redis://pw@h").password()).isEqualTo("pw");

    for (String bad : new String[] {"http://h", "localhost:6379", "redis://", "redis://h/db"}) {
      assertThatThrownBy(() -> RedisConfig.builder().url(bad).build())
          .as(bad)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void passwordsStayOutOfToString() {
    RedisConfig c = RedisConfig.builder().url("redis://app:hunter2@h:1/0").build();

    assertThat(c.toString()).doesNotContain("hunter2").contains("redis://app:***@h:1/0");
    assertThat(RedisUrl.redact("redis://hunter2@h")).isEqualTo("redis://***@h");
  }

  @Test
  void keyPrefixBecomesTheJobStoreHashTag() {
    assertThat(RedisConfig.builder().keyPrefix("acme:").build().jobKeyTag()).isEqualTo("{acme}:");
    assertThat(RedisConfig.builder().keyPrefix("app").build().jobKeyTag()).isEqualTo("{app}:");
    for (String bad : new String[] {"", ":", " ", "{x}:", "a}b"}) {
      assertThatThrownBy(() -> RedisConfig.builder().keyPrefix(bad).build())
          .as("prefix '%s'", bad)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void pointerKeyPrefixIsKeptAndMustNotOverlapTheLeaseOrJobKeys() {
    RedisConfig c = RedisConfig.builder().pointerKeyPrefix("blobs:").build();
    assertThat(c.pointerKeyPrefix()).isEqualTo("blobs:");
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toString()).contains("pointerKeyPrefix=blobs:");
    assertThat(RedisConfig.builder().pointerKeyPrefix("cordum:").build().pointerKeyPrefix())
        .isEqualTo("cordum:"); // the old layout's prefix: blobs beside the leases, not among them

    assertThatThrownBy(() -> RedisConfig.builder().pointerKeyPrefix(null).build())
        .isInstanceOf(NullPointerException.class);
    // Blob keys <p>ctx:<id> that would be lease keys <keyPrefix>lease:<key>, or job keys.
    for (String bad :
        new String[] {"cordum:lease:", "cordum:lease:x:", "{cordum}:", "{cordum}:job:"}) {
      assertThatThrownBy(() -> RedisConfig.builder().pointerKeyPrefix(bad).build())
          .as("pointer prefix '%s'", bad)
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.violations())
                      .anySatisfy(v -> assertThat(v.field()).isEqualTo("pointer_key_prefix")));
    }
    // A key prefix whose lease keys would be blobs of the default pointer prefix.
    for (String bad : new String[] {"ctx:", "res:x", "cordum-exp:"}) {
      assertThatThrownBy(() -> RedisConfig.builder().keyPrefix(bad).build())
          .as("prefix '%s'", bad)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void jobWriteBatchIsASettingWithItsOwnVariable() {
    assertThat(RedisConfig.DEFAULT.jobWriteBatch()).as("off by default").isEqualTo(1);
    assertThat(RedisConfig.DEFAULT.jobWritesInFlight()).as("a quarter of 16").isEqualTo(4);
    assertThat(RedisConfig.builder().maxConnections(3).build().jobWritesInFlight()).isEqualTo(1);
    assertThat(RedisConfig.fromEnvironment(Map.of("REDIS_JOB_WRITE_BATCH", "32")).jobWriteBatch())
        .isEqualTo(32);
    for (String bad : new String[] {"0", "1025", "many"}) {
      assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("REDIS_JOB_WRITE_BATCH", bad)))
          .as(bad)
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(ValidationException.Violation::field)
                      .containsExactly("REDIS_JOB_WRITE_BATCH"));
    }
    assertThatThrownBy(() -> RedisConfig.builder().jobWriteBatch(1025).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("job_write_batch");
                          assertThat(v.rule()).contains("at most 1024");
                        }));
  }

  @Test
  void nonPositiveSettingsAreRejected() {
    assertThatThrownBy(() -> RedisConfig.builder().jobRetention(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RedisConfig.builder().historyLimit(0).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RedisConfig.builder().jobWriteBatch(0).build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> RedisConfig.builder().ttlMargin(Duration.ofSeconds(-1)).build())
        .isInstanceOf(ValidationException.class);
    assertThat(RedisConfig.builder().ttlMargin(Duration.ZERO).build().ttlMargin()).isZero();
  }
}
