package io.cordum.core.internal.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.workflow.TimelineEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secret references never reach the stored timeline. */
class TimelineRedactionTest {
  @Test
  void referencesInTheMessageAndNestedDataAreMasked() {
    TimelineEvent e =
        TimelineEvent.of(TimelineEvent.RUN_STATUS, "r1")
            .withMessage("cannot open secret://vault/db/password")
            .withData(
                Map.of(
                    "env",
                    Map.of("TOKEN", "secret://kv/token"),
                    "list",
                    List.of("ok", "x secret://a/b y")));

    TimelineEvent out = TimelineRedaction.apply(e);

    assertThat(out.message()).isEqualTo("cannot open <redacted>").doesNotContain("secret://");
    assertThat(out.data().toString()).doesNotContain("secret://").contains("<redacted>");
    assertThat(out.runId()).isEqualTo("r1");
  }

  @Test
  void anEventWithoutReferencesIsKeptAsItIs() {
    TimelineEvent e =
        TimelineEvent.of(TimelineEvent.RUN_STATUS, "r1")
            .withMessage("fine")
            .withData(Map.of("n", 1));

    assertThat(TimelineRedaction.apply(e)).isSameAs(e);
  }
}
