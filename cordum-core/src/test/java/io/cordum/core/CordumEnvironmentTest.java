package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Cordum.builder().fromEnvironment()}: every variable it reads takes effect or stops the
 * build with an error naming it; nothing is silently ignored. (Backends that are on the class path
 * are tested in cordum-examples, which has them.)
 */
class CordumEnvironmentTest {

  private static ValidationException invalid(Map<String, String> env) {
    try {
      Cordum.builder().fromEnvironment(env).build().close();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("no ValidationException for " + env);
  }

  @Test
  void aBackendVariableWithoutItsArtifactStopsTheBuildInsteadOfRunningInMemory() {
    ValidationException e =
        invalid(Map.of("REDIS_URL", "redis://db:6379", "NATS_URL", "nats://bus:4222"));
    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("REDIS_URL", "NATS_URL");
    assertThat(e.getMessage())
        .contains("io.cordum:cordum-redis")
        .contains("io.cordum:cordum-nats")
        .contains("class path");
  }

  @Test
  void settingsOfABackendThatIsNotSelectedAreRefused() {
    ValidationException e =
        invalid(
            Map.of(
                "NATS_USE_JETSTREAM",
                "true",
                "JOB_META_TTL",
                "72h",
                "SAFETY_DECISION_CACHE_TTL",
                "5s"));
    assertThat(e.violations())
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "NATS_USE_JETSTREAM", "JOB_META_TTL", "SAFETY_DECISION_CACHE_TTL");
    assertThat(e.getMessage())
        .contains("NATS_URL")
        .contains("REDIS_URL")
        .contains("SAFETY_POLICY_PATH");
  }

  @Test
  void artifactVariablesTakeEffect() {
    try (Cordum cordum =
        Cordum.builder().fromEnvironment(Map.of("ARTIFACT_MAX_BYTES", "8")).build()) {
      assertThatThrownBy(() -> cordum.artifacts().put(ArtifactUpload.builder(new byte[9]).build()))
          .isInstanceOf(ArtifactTooLargeException.class);
    }
    assertThat(invalid(Map.of("ARTIFACT_TTL_SHORT", "soon")).violations())
        .extracting(Violation::field)
        .containsExactly("ARTIFACT_TTL_SHORT");
  }

  @Test
  void everyBadVariableIsReportedAtOnce(@TempDir Path dir) throws Exception {
    Path pools =
        Files.writeString(
            dir.resolve("pools.yaml"), "topics:\n  job.a: [pa, \"\"]\n  'job.*': pb\nextra: 1\n");
    ValidationException e =
        invalid(
            Map.of(
                "POOL_CONFIG_PATH",
                pools.toString(),
                "TIMEOUT_CONFIG_PATH",
                dir.resolve("missing.yaml").toString(),
                "ARTIFACT_TTL_AUDIT",
                "0",
                "SAFETY_POLICY_PATH",
                dir.resolve("none.yaml").toString()));
    assertThat(e.violations())
        .extracting(Violation::field)
        .contains(
            "POOL_CONFIG_PATH", "TIMEOUT_CONFIG_PATH", "ARTIFACT_TTL_AUDIT", "SAFETY_POLICY_PATH");
    // every problem of the pools file, each with its path inside the file
    assertThat(e.violations().stream().filter(v -> v.field().equals("POOL_CONFIG_PATH")))
        .hasSizeGreaterThanOrEqualTo(3)
        .anySatisfy(v -> assertThat(v.rule()).contains("topics.job.a[1]"))
        .anySatisfy(v -> assertThat(v.rule()).contains("extra"));
  }

  @Test
  void aBadPolicyFileFailsTheBuildWithTheLibrarysOwnException(@TempDir Path dir) throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("policy.yaml"),
            "rules:\n  - {id: a, decision: nonsense}\n  - {id: a, decision: deny}\n");
    assertThatThrownBy(() -> Cordum.builder().policy(policy).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("rules[0]")
        .hasMessageContaining("rules[1]");
    Path empty = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> Cordum.builder().policy(empty).build())
        .isInstanceOf(CordumException.class)
        .hasMessageContaining("absent.yaml")
        .isNotInstanceOf(com.google.inject.ProvisionException.class);
  }

  @Test
  void settingsFromSeveralSourcesAreReadTogetherAndNameTheirSource() {
    Settings flags = Settings.of("--flags", Map.of("ARTIFACT_MAX_BYTES", "oops"));
    Settings.Reader r =
        flags.over(Settings.of("the environment", Map.of("ARTIFACT_MAX_BYTES", "10"))).reader();
    assertThatThrownBy(() -> Cordum.builder().fromSettings(r))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.rule()).contains("--flags")));
    assertThat(r.readNames()).contains("ARTIFACT_MAX_BYTES", "POOL_CONFIG_PATH", "REDIS_URL");
  }
}
