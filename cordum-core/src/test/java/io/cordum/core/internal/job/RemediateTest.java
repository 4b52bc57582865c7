package io.cordum.core.internal.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code JobClient.remediate}: applying a remediation the policy offered (spec 50 §1.2). */
class RemediateTest {
  private static final String POLICY =
      """
      rules:
        - id: no-delete
          match: { topics: ["job.db.delete"] }
          decision: deny
          reason: deletes blocked
          remediations:
            - id: archive
              title: Archive instead
              replacement_topic: job.db.archive
              replacement_capability: db.archive
              add_labels: { via: remediation }
              remove_labels: [danger]
            - id: skip
              replacement_topic: job.db.noop
        - id: no-drop
          match: { topics: ["job.db.drop"] }
          decision: deny
          remediations:
            - { id: only, replacement_topic: job.db.archive }
      """;

  @TempDir Path dir;
  private Cordum cordum;

  @BeforeEach
  void setUp() throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), POLICY);
    cordum =
        Cordum.builder()
            .policy(policy)
            .pools(
                PoolConfig.builder()
                    .topic("job.db.delete", "db")
                    .topic("job.db.drop", "db")
                    .topic("job.db.archive", "db")
                    .topic("job.db.noop", "db")
                    .topic("job.default", "db")
                    .pool("db")
                    .build())
            .build()
            .start();
  }

  @AfterEach
  void tearDown() {
    cordum.close();
  }

  private JobRecord denied(String topic) {
    JobRequest req =
        JobRequest.builder()
            .topic(topic)
            .tenantId("acme")
            .putLabels("danger", "yes")
            .putLabels("approval_granted", "true")
            .putLabels("keep", "1")
            .meta(
                JobMetadata.builder().capability("db.delete").idempotencyKey("k-" + topic).build())
            .build();
    SubmittedJob s =
        cordum
            .jobs()
            .submit(
                JobSubmission.of(
                    req, "{\"table\":\"t\"}".getBytes(StandardCharsets.UTF_8), "trace-" + topic));
    JobRecord done = cordum.jobs().awaitTerminal(s.jobId()).join();
    assertThat(done.state()).isEqualTo(JobState.DENIED);
    return done;
  }

  @Test
  void theChosenRemediationBecomesANewJobWithTheSameInputAndTrace() {
    JobRecord orig = denied("job.db.delete");
    SubmittedJob fixed = cordum.jobs().remediate(orig.id(), "archive");
    assertThat(fixed.jobId()).isNotEqualTo(orig.id());
    assertThat(fixed.traceId()).isEqualTo("trace-job.db.delete");
    JobRequest req = cordum.jobs().request(fixed.jobId()).orElseThrow();
    assertThat(req.topic()).isEqualTo("job.db.archive");
    assertThat(req.parentJobId()).isEqualTo(orig.id());
    assertThat(req.meta().capability()).isEqualTo("db.archive");
    assertThat(req.meta().idempotencyKey()).isEmpty();
    assertThat(req.labels())
        .containsEntry("remediation_of", orig.id())
        .containsEntry("remediation_id", "archive")
        .containsEntry("via", "remediation")
        .containsEntry("keep", "1")
        .doesNotContainKeys("danger", "approval_granted");
    assertThat(req.meta().labels()).isEqualTo(req.labels());
    assertThat(cordum.jobs().input(fixed.jobId()).map(b -> new String(b, StandardCharsets.UTF_8)))
        .contains("{\"table\":\"t\"}");
    assertThat(cordum.jobs().get(fixed.jobId()).orElseThrow().tenant()).isEqualTo("acme");
  }

  @Test
  void aSingleRemediationNeedsNoId() {
    JobRecord orig = denied("job.db.drop");
    SubmittedJob fixed = cordum.jobs().remediate(orig.id(), null);
    assertThat(cordum.jobs().request(fixed.jobId()).orElseThrow().labels())
        .containsEntry("remediation_id", "only");
  }

  @Test
  void errorsNameWhatIsMissing() {
    assertThatThrownBy(() -> cordum.jobs().remediate("nope", null))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("job not found");
    JobRecord orig = denied("job.db.delete");
    assertThatThrownBy(() -> cordum.jobs().remediate(orig.id(), ""))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo("remediation_id");
                          assertThat(v.rule())
                              .contains("2 remediations", "\"archive\"", "\"skip\"");
                        }));
    assertThatThrownBy(() -> cordum.jobs().remediate(orig.id(), "other"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("remediation not found");
    SubmittedJob ok =
        cordum.jobs().submit(JobSubmission.of(JobRequest.builder().topic("job.default").build()));
    assertThatThrownBy(() -> cordum.jobs().remediate(ok.jobId(), null))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("no remediations available");
  }
}
