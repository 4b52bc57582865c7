package io.cordum.core.internal.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.Cordum;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Spec 20 §8 cases 30-34, the embedded-reference fix (§9.24) and the tagging on submit. */
class SecretRefsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // Case 30 (TestContainsAndRedactSecretRefs).
  @Test
  void nestedMapAndListRefsAreDetectedAndRedacted() {
    Map<String, Object> value =
        Map.of(
            "a",
            Map.of("token", "secret://api-key"),
            "b",
            List.of("plain", List.of(" secret://db ")),
            "n",
            3);

    assertThat(SecretRefs.containsRefs(value)).isTrue();
    SecretRefs.Redaction<Object> r = SecretRefs.redact(value);
    assertThat(r.changed()).isTrue();
    assertThat(r.value()).isNotEqualTo(value);
    assertThat(SecretRefs.containsRefs(r.value())).isFalse();
    assertThat(((Map<?, ?>) r.value()).get("n")).isEqualTo(3);
    assertThat(((Map<?, ?>) ((Map<?, ?>) r.value()).get("a")).get("token")).isEqualTo("<redacted>");
  }

  // Case 31 (TestRedactJSON).
  @Test
  void jsonWithARefIsRedactedAndJsonWithoutIsByteIdentical() {
    byte[] with = "{\"auth\":{\"token\":\"secret://t\"},\"keep\":1}".getBytes(UTF_8);
    SecretRefs.Redaction<byte[]> r = SecretRefs.redactJson(with);
    assertThat(r.changed()).isTrue();
    assertThat(JSON.readTree(r.value()))
        .isEqualTo(JSON.readTree("{\"auth\":{\"token\":\"<redacted>\"},\"keep\":1}"));

    byte[] without = "{ \"a\" : \"b\" }".getBytes(UTF_8);
    SecretRefs.Redaction<byte[]> same = SecretRefs.redactJson(without);
    assertThat(same.changed()).isFalse();
    assertThat(same.value()).isSameAs(without);
  }

  // Case 32 (TestContainsSecretRefsFalse).
  @Test
  void noRefsMeansNotDetectedAndUnchanged() {
    Map<String, Object> value = Map.of("a", "secret:/x", "b", List.of("SECRET://x", 1, true));

    assertThat(SecretRefs.containsRefs(value)).isFalse();
    SecretRefs.Redaction<Object> r = SecretRefs.redact(value);
    assertThat(r.changed()).isFalse();
    assertThat(r.value()).isEqualTo(value);
  }

  // Case 33 (TestRedactSecretRefsStringCollections).
  @Test
  void stringMapsAndListsAreRedacted() {
    Map<String, String> map = Map.of("k", "secret://a");
    List<String> list = List.of("x", "secret://b");

    assertThat(SecretRefs.redact(map).changed()).isTrue();
    assertThat(SecretRefs.redact(map).value()).isEqualTo(Map.of("k", "<redacted>"));
    assertThat(SecretRefs.redact(list).changed()).isTrue();
    assertThat(SecretRefs.redact(list).value()).isEqualTo(List.of("x", "<redacted>"));
  }

  // Case 34 (TestRedactJSONInvalid).
  @Test
  void malformedJsonIsAnError() {
    assertThatThrownBy(() -> SecretRefs.redactJson("{bad".getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("json"));
  }

  // Spec 20 §9.24: references embedded in text are found and only they are masked.
  @Test
  void embeddedRefsAreDetectedAndMaskedInPlace() {
    assertThat(SecretRefs.isRef("use secret://db-password now")).isTrue();
    assertThat(SecretRefs.isRef("secret://")).isFalse();
    assertThat(SecretRefs.redactText("use secret://db-password now"))
        .isEqualTo("use <redacted> now");
    assertThat(
            SecretRefs.jsonContainsRefs("{\"prompt\":\"log in with secret://x\"}".getBytes(UTF_8)))
        .isTrue();
    assertThat(SecretRefs.jsonContainsRefs("plain text secret://x".getBytes(UTF_8))).isTrue();
    assertThat(SecretRefs.jsonContainsRefs("{\"secret://key\":\"v\"}".getBytes(UTF_8)))
        .as("keys are not inspected")
        .isFalse();
  }

  // The byte scan that lets most inputs skip the parse must not miss a reference spelled with
  // JSON escapes, nor one at the very end of the bytes.
  @Test
  void refsSpelledWithJsonEscapesOrAtTheEndAreDetected() {
    assertThat(SecretRefs.jsonContainsRefs("{\"a\":\"secret:\\/\\/db\"}".getBytes(UTF_8))).isTrue();
    assertThat(SecretRefs.jsonContainsRefs("{\"a\":[\"\\u0073ecret://db\"]}".getBytes(UTF_8)))
        .isTrue();
    assertThat(SecretRefs.jsonContainsRefs("text secret://x".getBytes(UTF_8))).isTrue();
    assertThat(SecretRefs.jsonContainsRefs("{\"a\":\"secret:/x\",\"b\":\"secre\"}".getBytes(UTF_8)))
        .isFalse();
    assertThat(SecretRefs.jsonContainsRefs("{\"a\":\"x\\ny\"}".getBytes(UTF_8))).isFalse();
    assertThat(SecretRefs.redactText("no reference here")).isEqualTo("no reference here");
  }

  @Test
  void requestViewsHaveEnvAndLabelValuesRedacted() {
    JobRequest req =
        JobRequest.builder()
            .jobId("j")
            .topic("t")
            .env(Map.of("DB", "secret://db"))
            .labels(Map.of("x", "y"))
            .build();

    JobRequest view = SecretRefs.redact(req);

    assertThat(view.env()).containsEntry("DB", "<redacted>");
    assertThat(view.labels()).containsEntry("x", "y");
    assertThat(req.env()).containsEntry("DB", "secret://db");
  }

  @Test
  void tagAddsTheRiskTagOnceAndTheLabel() {
    JobRequest req =
        JobRequest.builder()
            .jobId("j")
            .topic("t")
            .meta(JobMetadata.builder().riskTags("Secrets").build())
            .build();

    JobRequest tagged = SecretRefs.tag(req, "{\"a\":[{\"b\":\"secret://x\"}]}".getBytes(UTF_8));

    assertThat(tagged.meta().riskTags()).containsExactly("Secrets");
    assertThat(tagged.labels()).containsEntry("secrets_present", "true");
    assertThat(SecretRefs.tag(req, "{}".getBytes(UTF_8))).isSameAs(req);
  }

  @Test
  void submittedJobsCarryingRefsAreTagged() {
    try (Cordum cordum = Cordum.builder().build()) {
      SubmittedJob inEnv =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .env("TOKEN", "secret://token")
                      .build());
      SubmittedJob inInput =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .input("{\"ctx\":{\"nested\":[\"secret://x\"]}}")
                      .build());
      SubmittedJob clean =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .label("k", "v")
                      .input("{\"a\":1}")
                      .build());

      for (SubmittedJob j : List.of(inEnv, inInput)) {
        assertThat(cordum.jobs().get(j.jobId()).orElseThrow().riskTags()).contains("secrets");
        assertThat(cordum.jobs().get(j.jobId()).orElseThrow().labels())
            .containsEntry("secrets_present", "true");
      }
      assertThat(cordum.jobs().get(clean.jobId()).orElseThrow().riskTags()).isEmpty();
      assertThat(cordum.jobs().get(clean.jobId()).orElseThrow().labels())
          .doesNotContainKey("secrets_present");
    }
  }
}
