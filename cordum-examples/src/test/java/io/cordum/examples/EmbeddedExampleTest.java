package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command runs this example; it must end every job the way it says. */
class EmbeddedExampleTest {

  @Test
  void everyJobEndsAsTheExampleDescribes() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Map<String, JobRecord> finals =
        EmbeddedExample.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);

    for (int i = 1; i <= 4; i++) {
      assertThat(finals.get("hello-" + i).state()).isEqualTo(JobState.SUCCEEDED);
    }
    assertThat(finals.get("batch").state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(finals.get("needs-gpu").state()).isEqualTo(JobState.FAILED);
    assertThat(finals.get("needs-gpu").reasonCode()).isEqualTo("no_pool_mapping");
    assertThat(finals.get("flaky").state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(finals.get("flaky").attempts()).isEqualTo(2);
    assertThat(finals.get("always-fails").state()).isEqualTo(JobState.FAILED);
    assertThat(finals.get("always-fails").reasonCode()).isEqualTo("bad_input");
    assertThat(finals.get("always-fails").attempts()).isEqualTo(3);
    assertThat(finals.get("denied").state()).isEqualTo(JobState.DENIED);
    assertThat(finals.get("denied").reasonCode()).isEqualTo("safety_denied");
    assertThat(finals.get("cancelled").state()).isEqualTo(JobState.CANCELLED);
    assertThat(finals.get("retried").state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(finals.get("retried").id()).startsWith(finals.get("always-fails").id() + "-retry-");
    assertThat(finals.get("approved").state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(finals.get("approved").safety().approval().approver()).isEqualTo("alice");
    assertThat(finals.get("batch").safety().decision())
        .isEqualTo(io.cordum.api.policy.SafetyDecision.ALLOW_WITH_CONSTRAINTS);
    assertThat(finals.get("denied").safety().ruleId()).isEqualTo("no-destructive");

    // the DLQ section names jobs and states as the table above does
    assertThat(out)
        .doesNotContain("JOB_STATUS_")
        .containsPattern("\\n  always-fails +FAILED +bad_input ")
        .containsPattern("\\n  denied +DENIED +safety_denied ");
    assertThat(out)
        .contains("Dead-letter queue (sys.job.dlq):")
        .contains("no_pool_mapping")
        .contains("safety_denied")
        .contains("bad_input")
        .contains("Policy decision for hello-1: ALLOW")
        .contains("DLQ entry of always-fails: bad_input after 3 attempts")
        .contains("Retried as ")
        .contains("FIXED INPUT")
        .contains("Workflow greeting: SUCCEEDED, greet said {\"NAME\":\"ADA\"} (by ")
        .contains("announce SUCCEEDED")
        .contains("Effective config for org default: {")
        .contains("batch done: nightly report, config {\"max_tokens\":500,\"model\":\"gpt-4\"}");
  }
}
