package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.job.JobState;
import io.cordum.core.internal.backends.Backends;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Dead-lettering writes the entry through the DLQ store and still publishes on sys.job.dlq. */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerDeadLetterStoreTest {
  private final Harness h;

  SchedulerDeadLetterStoreTest(Backends backends) {
    h = new Harness(backends);
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aFailedJobIsInTheDlqWithItsFullRequestAndOnTheWire() {
    h.start();
    h.heartbeat("w1", "default", 0, 10, Map.of("team", "red")); // labels are placement constraints
    h.submit(
        Harness.job("j1")
            .labels(Map.of("team", "red"))
            .memoryId("mem-1")
            .meta(JobMetadata.builder().capability("cap").build())
            .build());
    h.awaitState("j1", JobState.RUNNING);

    h.result("j1", JobStatus.FAILED, "boom_code", "boom");
    h.awaitState("j1", JobState.FAILED);

    // The DLQ entry is written just after the terminal transition that awaitState sees.
    DeadLetterEntry e =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(2))
            .until(() -> h.dlq.get("j1"), java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(e.status()).isEqualTo(JobStatus.FAILED);
    assertThat(e.reasonCode()).isEqualTo("boom_code");
    assertThat(e.reason()).isEqualTo("boom");
    assertThat(e.lastState()).isEqualTo(JobState.FAILED);
    assertThat(e.topic()).isEqualTo("job.default");
    assertThat(e.tenant()).isEqualTo("default");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.createdAt()).isEqualTo(h.clock.instant());
    assertThat(e.request()).isNotNull();
    assertThat(e.request().labels()).containsEntry("team", "red");
    assertThat(e.request().memoryId()).isEqualTo("mem-1");
    assertThat(e.request().meta().capability()).isEqualTo("cap");
    h.settle();
    assertThat(h.on(Subjects.DLQ))
        .singleElement()
        .satisfies(m -> assertThat(m.packet().jobResult().errorCode()).isEqualTo("boom_code"));
  }

  @Test
  void aSucceededJobIsNotInTheDlq() {
    h.start();
    h.heartbeat("w1", "default");
    h.submit(Harness.job("j1").build());
    h.awaitState("j1", JobState.RUNNING);

    h.result("j1", JobStatus.SUCCEEDED, "", "");
    h.awaitState("j1", JobState.SUCCEEDED);
    h.settle();

    assertThat(h.dlq.get("j1")).isEmpty();
  }
}
