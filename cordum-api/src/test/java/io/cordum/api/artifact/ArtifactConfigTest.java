package io.cordum.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.lock.LockMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 20 §8 case 25 (TestParseDurationEnv), the pointer rule and the enum parsers. */
class ArtifactConfigTest {

  @Test
  void invalidVariablesAreRefusedByNameInsteadOfFallingBack() {
    // Cordum kept the default for "bad", "-5s" or "0": a typo silently changed retention.
    assertThatThrownBy(
            () ->
                ArtifactConfig.fromEnvironment(
                    Map.of(
                        "ARTIFACT_TTL_SHORT",
                        "bad",
                        "ARTIFACT_TTL_STANDARD",
                        "-5s",
                        "ARTIFACT_TTL_AUDIT",
                        "0",
                        "ARTIFACT_MAX_BYTES",
                        "1e6")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactly(
                        "ARTIFACT_TTL_SHORT",
                        "ARTIFACT_TTL_STANDARD",
                        "ARTIFACT_TTL_AUDIT",
                        "ARTIFACT_MAX_BYTES"));
  }

  @Test
  void environmentOverridesEachSetting() {
    ArtifactConfig c =
        ArtifactConfig.fromEnvironment(
            Map.of(
                "ARTIFACT_TTL_SHORT",
                "1h30m",
                "ARTIFACT_TTL_STANDARD",
                "48h",
                "ARTIFACT_MAX_BYTES",
                "1024"));

    assertThat(c.ttl(RetentionClass.SHORT)).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.ttl(RetentionClass.STANDARD)).isEqualTo(Duration.ofHours(48));
    assertThat(c.ttl(RetentionClass.AUDIT)).isEqualTo(ArtifactConfig.DEFAULT_AUDIT_TTL);
    assertThat(c.maxBytes()).isEqualTo(1024);
    assertThat(ArtifactConfig.DEFAULT.longestTtl()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void invalidSettingsNameTheField() {
    assertThatThrownBy(() -> ArtifactConfig.builder().maxBytes(0).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("artifact_max_bytes"));
  }

  @Test
  void pointersAreArtifactPointersOnly() {
    String id = "0f8e2a34-1b2c-4d5e-8f90-123456789abc";
    assertThat(ArtifactPointers.of(id)).isEqualTo("redis://art:" + id);
    assertThat(ArtifactPointers.idOf("redis://art:" + id)).isEqualTo(id);
    assertThat(ArtifactPointers.isArtifactPointer("redis://ctx:" + id)).isFalse();
    assertThatThrownBy(() -> ArtifactPointers.idOf("redis://art:meta:" + id))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void enumsParseCaseInsensitivelyWithCordumsDefaults() {
    assertThat(RetentionClass.parse("AUDIT")).isEqualTo(RetentionClass.AUDIT);
    assertThat(RetentionClass.parse("Short")).isEqualTo(RetentionClass.SHORT);
    assertThat(RetentionClass.parse("forever")).isEqualTo(RetentionClass.STANDARD);
    assertThat(LockMode.parse("SHARED")).isEqualTo(LockMode.SHARED);
    assertThat(LockMode.parse("whatever")).isEqualTo(LockMode.EXCLUSIVE);
  }
}
