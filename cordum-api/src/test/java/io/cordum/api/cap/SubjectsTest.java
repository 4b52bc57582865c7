package io.cordum.api.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectsTest {

  @ParameterizedTest(name = "{0} matches {1}")
  @CsvSource({
    "sys.job.submit, sys.job.submit",
    "a, a",
    "job.default, job.default",
    // '*' matches exactly one token, in any position
    "*, a",
    "job.*, job.default",
    "*.default, job.default",
    "worker.*.jobs, worker.w-1.jobs",
    "*.*.*, a.b.c",
    "job.*.echo, job.hello-pack.echo",
    // '>' matches one or more trailing tokens
    ">, a",
    ">, a.b.c",
    "job.>, job.default",
    "job.>, job.hello-pack.echo",
    "sys.job.>, sys.job.result",
    "*.>, a.b",
    "*.job.>, sys.job.dlq.x",
  })
  void matching(String pattern, String subject) {
    assertThat(Subjects.matches(pattern, subject)).isTrue();
  }

  @ParameterizedTest(name = "{0} does not match {1}")
  @CsvSource({
    // exact tokens must be equal, including tokens that share a prefix
    "job.a, job.ab",
    "job.ab, job.a",
    "job.a, jobx.a",
    "jobx.a, job.a",
    "job.default, job.Default",
    "a.b, a.c",
    // length mismatches
    "a.b, a.b.c",
    "a.b.c, a.b",
    "a, a.b",
    "a.b, a",
    // '*' matches exactly one token, never zero or two
    "*, a.b",
    "job.*, job",
    "job.*, job.a.b",
    "*.a, a",
    "worker.*.jobs, worker.a.b.jobs",
    "worker.*.jobs, worker.w1.commands",
    // '>' needs at least one token to match
    "job.>, job",
    "sys.job.>, sys.job",
    "*.>, a",
    "job.>, jobs.a",
    "job.>, other.a",
    "a.*.>, a.b",
  })
  void notMatching(String pattern, String subject) {
    assertThat(Subjects.matches(pattern, subject)).isFalse();
  }

  @Test
  void emptySubjectNeverMatches() {
    assertThat(Subjects.matches(">", "")).isFalse();
    assertThat(Subjects.matches("*", "")).isFalse();
    assertThat(Subjects.matches("a", "")).isFalse();
  }

  @Test
  void everyCatalogueSubjectMatchesItselfAndTheGatewayTap() {
    for (String s :
        new String[] {
          Subjects.SUBMIT, Subjects.RESULT, Subjects.CANCEL, Subjects.DLQ, Subjects.PROGRESS
        }) {
      assertThat(Subjects.matches(s, s)).as(s).isTrue();
      assertThat(Subjects.matches("sys.job.>", s)).as(s).isTrue();
    }
    assertThat(Subjects.matches("sys.job.>", Subjects.HEARTBEAT)).isFalse();
    assertThat(Subjects.matches("sys.job.>", Subjects.WORKFLOW_EVENT)).isFalse();
  }

  @Test
  void directSubjectsMatchTheJetStreamWildcard() {
    assertThat(Subjects.matches("worker.*.jobs", Subjects.direct("w-1"))).isTrue();
  }

  @ParameterizedTest(name = "valid: \"{0}\"")
  @ValueSource(
      strings = {
        "a",
        "job.default",
        "*",
        ">",
        "*.>",
        "job.*",
        "job.>",
        "worker.*.jobs",
        "*.*.*",
        "sys.job.>",
        "a-b_c.d:e",
        "a.*.b.>",
      })
  void validPattern(String pattern) {
    assertThat(Subjects.isValidPattern(pattern)).isTrue();
  }

  @ParameterizedTest(name = "invalid: \"{0}\"")
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        ".a",
        "a.",
        "a..b",
        // '>' only as the last token
        ">.a",
        "a.>.b",
        ">.>",
        // wildcards stand alone in their token
        "a*",
        "*a",
        "a.b*",
        "a>",
        ">a",
        "a.>b",
        "**",
        ">>",
        "*>",
        // no whitespace anywhere
        " ",
        "a b",
        " a",
        "a ",
        "a.\tb",
        "a\n",
        "a. .b",
      })
  void invalidPattern(String pattern) {
    assertThat(Subjects.isValidPattern(pattern)).isFalse();
  }

  @ParameterizedTest(name = "literal: \"{0}\"")
  @ValueSource(strings = {"a", "job.default", "sys.job.submit", "worker.w-1.jobs", "A.b-c_d.9"})
  void literalSubject(String s) {
    assertThat(Subjects.isLiteral(s)).isTrue();
  }

  @ParameterizedTest(name = "not literal: \"{0}\"")
  @ValueSource(
      strings = {
        "", ".", "a.", ".a", "a..b", "*", ">", "job.*", "job.>", "a*", "a>b", "a b", " a", "a\t",
      })
  void notLiteralSubject(String s) {
    assertThat(Subjects.isLiteral(s)).isFalse();
  }

  @Test
  void everyLiteralIsAlsoAValidPatternMatchingItself() {
    for (String s : new String[] {"a", "job.default", Subjects.SUBMIT, Subjects.direct("w")}) {
      assertThat(Subjects.isValidPattern(s)).as(s).isTrue();
      assertThat(Subjects.matches(s, s)).as(s).isTrue();
    }
  }

  @ParameterizedTest(name = "token: \"{0}\"")
  @ValueSource(strings = {"a", "worker-1", "w_1", "W1:x", "ü", "0"})
  void validToken(String s) {
    assertThat(Subjects.isToken(s)).isTrue();
  }

  @ParameterizedTest(name = "not a token: \"{0}\"")
  @ValueSource(strings = {"", ".", "a.b", "*", ">", "a*", "a>", " ", "a b", "\t", "a\r", "a\n"})
  void invalidToken(String s) {
    assertThat(Subjects.isToken(s)).isFalse();
  }

  @Test
  void directBuildsTheWorkerSubject() {
    assertThat(Subjects.direct("w-1")).isEqualTo("worker.w-1.jobs");
    assertThat(Subjects.direct("gpu_worker:7")).isEqualTo("worker.gpu_worker:7.jobs");
    assertThat(Subjects.isLiteral(Subjects.direct("w-1"))).isTrue();
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(strings = {"", "a.b", ".", "*", ">", "w*", "w>", "w 1", " ", "w\t", "w\n"})
  void directRejectsIdsThatWouldBreakTheSubject(String id) {
    assertThatThrownBy(() -> Subjects.direct(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("worker id");
  }

  /** The token rule as it was written before the loop replaced it, with Unicode classes. */
  private static final String TOKEN_CHARS = "[^.*>\\s\\p{Cntrl}]";

  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile(
          TOKEN_CHARS + "+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
  private static final java.util.regex.Pattern SUBJECT =
      java.util.regex.Pattern.compile(
          TOKEN_CHARS + "+(\\." + TOKEN_CHARS + "+)*",
          java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

  @Test
  void tokenAndLiteralAgreeWithTheRegularExpressionOnEveryCharacter() {
    java.util.List<String> cases = new java.util.ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      String c = new String(Character.toChars(cp));
      cases.addAll(java.util.List.of(c, "a" + c, c + "b", "a." + c, "a" + c + ".b", c + c));
    }
    cases.addAll(
        java.util.List.of("", ".", "a.", ".a", "a..b", "a.b.c", "a b", "\ud800", "a.\udc00"));
    java.util.List<String> disagreements = new java.util.ArrayList<>();
    for (String s : cases) {
      if (Subjects.isToken(s) != TOKEN.matcher(s).matches()
          || Subjects.isLiteral(s) != SUBJECT.matcher(s).matches()) {
        disagreements.add(s.codePoints().mapToObj(Integer::toHexString).toList().toString());
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
