package io.cordum.core.internal.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Go path.Match semantics (TestMatchHelpers, TestMatchAny). */
class GlobTest {
  @Test
  void starMatchesAnyRunWithoutSlashIncludingDots() {
    assertThat(Glob.matches("job.*", "job.test")).isTrue();
    assertThat(Glob.matches("job.*", "job.a.b.c")).isTrue();
    assertThat(Glob.matches("job.*", "job/x")).isFalse();
    assertThat(Glob.matches("job.*.run", "job.a.run")).isTrue();
    assertThat(Glob.matches("job.*.run", "job.a.stop")).isFalse();
  }

  @Test
  void questionMarkClassesAndEscapes() {
    assertThat(Glob.matches("job.?", "job.a")).isTrue();
    assertThat(Glob.matches("job.?", "job.ab")).isFalse();
    assertThat(Glob.matches("job.[a-c]x", "job.bx")).isTrue();
    assertThat(Glob.matches("job.[^a-c]x", "job.bx")).isFalse();
    assertThat(Glob.matches("job.[^a-c]x", "job.dx")).isTrue();
    assertThat(Glob.matches("job.\\*", "job.*")).isTrue();
    assertThat(Glob.matches("job.\\*", "job.a")).isFalse();
  }

  @Test
  void emptyAndMalformedPatternsNeverMatch() {
    assertThat(Glob.matches("", "job.test")).isFalse();
    assertThat(Glob.matches("  ", "job.test")).isFalse();
    assertThat(Glob.matches("[invalid", "[invalid")).isFalse();
    assertThat(Glob.isValid("[invalid")).isFalse();
    assertThat(Glob.isValid("job.\\")).isFalse();
    assertThat(Glob.matches("job.*", "")).isFalse();
  }

  @Test
  void noJavaNioExtensions() {
    assertThat(Glob.matches("job.{a,b}", "job.a")).isFalse();
    assertThat(Glob.matches("job.**", "job.a.b")).isTrue();
    assertThat(Glob.matches("job.**", "job.a/b")).isFalse();
  }
}
