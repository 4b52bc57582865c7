package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobQuery;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to the job API is refused before anything is stored, naming the field and the rule;
 * nulls name the parameter. And a result can be read as a typed value.
 */
class CordumBadInputTest {

  private static JobSubmission.Builder job() {
    return JobSubmission.builder().topic("job.default");
  }

  private static List<String> fields(ValidationException e) {
    return e.violations().stream().map(Violation::field).toList();
  }

  @Test
  void aDeadlineUnderOneMillisecondIsRefusedInsteadOfMeaningNone() {
    assertThatThrownBy(() -> job().deadline(Duration.ZERO))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("deadline")
        .hasMessageContaining("at least 1 ms");
    assertThatThrownBy(() -> job().deadline(Duration.ofNanos(500_000)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("deadline");
    assertThatThrownBy(() -> job().deadline(Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class);
    assertThat(job().deadline(Duration.ofMillis(1)).build().request().budget().deadlineMs())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"job.default ", " job.default", "job.default\n", "job.*", "job..x"})
  void aTopicWithSurroundingSpaceOrWildcardsIsRefused(String topic) {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(JobSubmission.builder().topic(topic).build()))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("topic"));
      assertThat(cordum.jobs().list(JobQuery.builder().build()).items()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"run:step@1", "a:b", "order@2", "has space", "tab\tid", " lead"})
  void aJobIdWithReservedOrBlankCharactersIsRefused(String id) {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(job().jobId(id).build()))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).contains("job_id"));
      assertThat(cordum.jobs().get(id.trim())).isEmpty();
    }
  }

  @Test
  void aJobIdLongerThanTheBoundIsRefused() {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(job().jobId("x".repeat(257)).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("job_id")
          .hasMessageContaining("at most 256");
      assertThat(cordum.jobs().submit(job().jobId("x".repeat(256)).build()).jobId()).hasSize(256);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../etc", "a/b", "*", "acme\nevil", "-lead", "a..b", "ümlaut"})
  void aTenantThatIsNoPlainNameIsRefused(String tenant) {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(job().tenant(tenant).build()))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(fields(e)).containsExactly("tenant_id"));
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.of(
                              JobRequest.builder()
                                  .topic("job.default")
                                  .env(Map.of("tenant_id", tenant))
                                  .build())))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("tenant_id");
    }
  }

  @Test
  void aThousandCharacterTenantIsRefusedAndItsMessageStaysShort() {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(job().tenant("t".repeat(1000)).build()))
          .isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
      assertThat(cordum.jobs().submit(job().tenant("team-a.prod_1").build()).jobId()).isNotBlank();
    }
  }

  @Test
  void aHugeLabelMapIsRefusedWithOneShortViolation() {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      labels.put("k" + i, "v");
    }
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.of(
                              JobRequest.builder().topic("job.default").labels(labels).build())))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> {
                assertThat(e.violations()).hasSize(1);
                assertThat(e.getMessage())
                    .contains("labels")
                    .contains("at most 256")
                    .hasSizeLessThan(200);
              });
      assertThatThrownBy(() -> cordum.jobs().submit(job().label("k", "v".repeat(4097)).build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("labels.k");
      assertThatThrownBy(() -> cordum.jobs().submit(job().label("bad key", "v").build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("labels");
    }
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.builder()
                              .topic("job. x")
                              .jobId("a:b")
                              .tenant("../x")
                              .build()))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(fields(e)).containsExactlyInAnyOrder("topic", "job_id", "tenant_id"));
    }
  }

  @Test
  void nullArgumentsNameTheParameter() {
    assertThatThrownBy(() -> job().label("k", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("label value");
    assertThatThrownBy(() -> job().topic(null)).hasMessage("topic");
    assertThatThrownBy(() -> job().input((String) null)).hasMessage("input");
    assertThatThrownBy(() -> job().deadline(null)).hasMessage("deadline");
    assertThatThrownBy(() -> JobSubmission.of(null)).hasMessage("request");
    try (Cordum cordum = Cordum.builder().build().start()) {
      assertThatThrownBy(() -> cordum.jobs().submit(null)).hasMessage("submission");
      assertThatThrownBy(() -> cordum.jobs().get(null)).hasMessage("jobId");
      assertThatThrownBy(() -> cordum.jobs().awaitTerminal(null)).hasMessage("jobId");
      assertThatThrownBy(() -> cordum.jobs().cancel(null, "r")).hasMessage("jobId");
      assertThatThrownBy(() -> cordum.jobs().result("x", null)).hasMessage("type");
    }
  }

  /** A value a worker returns as JSON. */
  record Quote(String currency, double amount) {}

  @Test
  void aResultReadsAsTextAsARecordAndAsAMap() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w =
            CordumWorker.builder()
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .pool("default")
                .topics("job.default")
                .handler(j -> JobOutput.of("{\"currency\":\"EUR\",\"amount\":12.5,\"extra\":1}"))
                .build()
                .start()) {
      String id = cordum.jobs().submit(job().build()).jobId();
      assertThat(cordum.jobs().awaitTerminal(id).get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(cordum.jobs().result(id, Quote.class)).contains(new Quote("EUR", 12.5));
      assertThat(cordum.jobs().resultAsString(id))
          .hasValueSatisfying(s -> assertThat(s).startsWith("{\"currency\""));
      assertThat(cordum.jobs().result(id, Map.class).orElseThrow()).containsEntry("extra", 1);
      assertThat(cordum.jobs().result(id, byte[].class).orElseThrow())
          .isEqualTo(cordum.jobs().result(id).orElseThrow());
      assertThat(cordum.jobs().result("no-such-job", Quote.class)).isEmpty();
      assertThatThrownBy(() -> cordum.jobs().result(id, List.class))
          .isInstanceOfSatisfying(
              CordumException.class, e -> assertThat(e.type()).isEqualTo("result_unreadable"))
          .hasMessageContaining(id)
          .hasMessageContaining("java.util.List");
    }
  }
}
