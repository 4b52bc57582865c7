package io.cordum.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  @Test
  void booleansAcceptCordumsSpellingsAndRejectEverythingElse() {
    Settings.Reader r =
        Settings.of("the environment", Map.of("A", "YES", "B", " off ", "C", "maybe", "D", ""))
            .reader();
    assertThat(r.bool("A")).contains(true);
    assertThat(r.bool("B")).contains(false);
    assertThat(r.bool("C")).isEmpty();
    assertThat(r.bool("D", true)).isTrue(); // blank is unset
    assertThat(r.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("C");
              assertThat(v.rule())
                  .contains("must be a boolean")
                  .contains("\"maybe\"")
                  .contains("from the environment");
            });
  }

  @Test
  void durationsAndNumbersAreValidatedAndEveryProblemIsReportedAtOnce() {
    Settings.Reader r =
        Settings.of(
                "cordum.yaml",
                Map.of(
                    "T", "1h30m", "BAD_T", "10", "ZERO_T", "0s", "N", "3", "BIG_N", "70000",
                    "WORD_N", "three"))
            .reader();
    assertThat(r.duration("T")).contains(Duration.ofMinutes(90));
    assertThat(r.duration("BAD_T")).isEmpty();
    assertThat(r.duration("ZERO_T")).isEmpty();
    assertThat(r.integer("N", 1, 10)).contains(3);
    assertThat(r.integer("BIG_N", 1, 65535)).isEmpty();
    assertThat(r.integer("WORD_N", 0, Integer.MAX_VALUE)).isEmpty();
    assertThatThrownBy(r::validate)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactly("BAD_T", "ZERO_T", "BIG_N", "WORD_N"));
    assertThat(r.violations().get(2).rule()).contains("from 1 to 65535").contains("cordum.yaml");
  }

  @Test
  void higherSourcesWinAndBlankValuesDoNotHideLowerOnes() {
    Settings s =
        Settings.of("flags", Map.of("A", "1", "B", " "))
            .over(Settings.of("env", Map.of("A", "2", "B", "3", "C", "4")));
    assertThat(s.get("A")).map(Settings.Value::source).contains("flags");
    assertThat(s.get("B")).map(Settings.Value::text).contains("3");
    assertThat(s.names()).containsExactly("A", "B", "C");
  }

  @Test
  void secretsAndUrlPasswordsAreNeverRepeated() {
    Settings.Reader r =
        Settings.of(
                "env",
                Map.of(
                    "CORDUM_API_KEY",
                    "s3cr3t-value",
                    "REDIS_URL",
                    "redis://user:pw123@host:6379",
                    "NATS_URL",
                    "nats://tok3n@h:4222"))
            .reader();
    r.integer("CORDUM_API_KEY", 0, 1);
    r.uri("REDIS_URL", Set.of("nats"));
    r.uri("NATS_URL", Set.of("redis"));
    assertThat(r.violations().toString())
        .doesNotContain("s3cr3t")
        .doesNotContain("pw123")
        .doesNotContain("tok3n")
        .contains("redis://user:***@host:6379")
        .contains("nats://***@h:4222");
  }

  @Test
  void filesAndUrls(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("p.yaml"), "x");
    Settings.Reader r =
        Settings.of(
                "env",
                Map.of(
                    "F",
                    f.toString(),
                    "MISSING",
                    dir.resolve("nope.yaml").toString(),
                    "U",
                    "nats://h:4222"))
            .reader();
    assertThat(r.existingFile("F")).contains(f);
    assertThat(r.existingFile("MISSING")).isEmpty();
    assertThat(r.uri("U", Set.of("nats", "tls"))).contains(URI.create("nats://h:4222"));
    assertThat(r.violations())
        .singleElement()
        .satisfies(v -> assertThat(v.rule()).contains("does not exist"));
  }
}
