package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobIdsTest {
  @Test
  void formatsAndParsesTheCordumGrammar() {
    // Spec cases 36, 41 and 48.
    assertThat(JobIds.of("run-1", "step", 3)).isEqualTo("run-1:step@3");
    assertThat(JobIds.parse("run-1:step@3"))
        .contains(new JobIds.Parsed("run-1", "step", "step", -1, 3));
    assertThat(JobIds.parse("run:with:step@1"))
        .contains(new JobIds.Parsed("run:with", "step", "step", -1, 1));
    assertThat(JobIds.parse("r:fan[12]@2"))
        .contains(new JobIds.Parsed("r", "fan[12]", "fan", 12, 2));
    assertThat(JobIds.parse("r:step")).contains(new JobIds.Parsed("r", "step", "step", -1, 0));
    assertThat(JobIds.parse("r:step@x")).contains(new JobIds.Parsed("r", "step", "step", -1, 0));
    assertThat(JobIds.parse("bad")).isEmpty();
    assertThat(JobIds.parse(":step@1")).isEmpty();
    assertThat(JobIds.parse("r:@1")).isEmpty();
    assertThat(JobIds.parse("r:fan[x]@1")).isEmpty();
  }
}
