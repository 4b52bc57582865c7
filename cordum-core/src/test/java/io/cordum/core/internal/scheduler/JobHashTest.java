package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobRequest;
import org.junit.jupiter.api.Test;

/** The hash approvals are bound to (TestHashJobRequestIgnoresApprovalLabelsAndEffectiveConfig). */
class JobHashTest {
  private static JobRequest.Builder req() {
    return JobRequest.builder()
        .jobId("j1")
        .topic("job.x")
        .putLabels("a", "1")
        .putLabels("b", "2")
        .putEnv("k", "v");
  }

  @Test
  void ignoresApprovalLabelsTheBusIdAndTheEffectiveConfig() {
    String h = JobHash.of(req().build());
    assertThat(h).hasSize(64);
    assertThat(
            JobHash.of(
                req()
                    .putLabels("approval_granted", "true")
                    .putLabels("APPROVAL_note", "n")
                    .putLabels("cordum.bus_msg_id", "x@2")
                    .putEnv("CORDUM_EFFECTIVE_CONFIG", "{}")
                    .build()))
        .isEqualTo(h);
  }

  @Test
  void isIndependentOfMapOrderButSeesEveryOtherChange() {
    String h = JobHash.of(req().build());
    assertThat(
            JobHash.of(
                JobRequest.builder()
                    .jobId("j1")
                    .topic("job.x")
                    .putLabels("b", "2")
                    .putLabels("a", "1")
                    .putEnv("k", "v")
                    .build()))
        .isEqualTo(h);
    assertThat(JobHash.of(req().putLabels("a", "changed").build())).isNotEqualTo(h);
    assertThat(JobHash.of(req().topic("job.y").build())).isNotEqualTo(h);
    assertThat(JobHash.of(req().putEnv("k", "w").build())).isNotEqualTo(h);
  }
}
