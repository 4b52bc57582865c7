package io.cordum.core.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.core.internal.backends.Backends;
import io.cordum.core.scheduler.SchedulerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12, defect 2: with the library's defaults, faults left jobs stuck for hours: PENDING jobs
 * whose submit a core-NATS control plane never saw (replayed only after 300 s, 200 per 30 s scan),
 * SCHEDULED jobs claimed by a replica that died before publishing (TIMEOUT after 300 s, never run).
 * With the defaults, stored state brings each of them back within a stated bound.
 */
@ParameterizedClass
@EnumSource(Backends.class)
class SchedulerDefaultsRecoveryTest {
  private final Harness h;

  SchedulerDefaultsRecoveryTest(Backends backends) {
    h = new Harness(backends);
  }

  private final SchedulerConfig defaults = Harness.config().build();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    SchedulerConfig d = SchedulerConfig.DEFAULT;
    assertThat(d.timeouts().dispatchTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.timeouts().scanInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.timeouts().runningTimeout()).isEqualTo(Duration.ofSeconds(9000));
    assertThat(d.workerTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.resultGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.workerLostRetries()).isEqualTo(3);
  }

  @Test
  void aClaimLeftByADeadReplicaIsPublishedAgainAfterTheDispatchTimeout() {
    h.start(defaults);
    h.heartbeat("w1", "default");
    Instant t = h.clock.instant();
    // What a replica leaves when it dies between its claim and its publish.
    h.store.save(Harness.job("orphan").build(), "trace-orphan");
    h.store.transition(
        "orphan",
        Transition.to(JobState.SCHEDULED)
            .wakeAt(t.plus(defaults.timeouts().dispatchTimeout()))
            .build());

    h.tickAt(t.plus(defaults.timeouts().dispatchTimeout()));

    JobRecord rec = h.awaitState("orphan", JobState.RUNNING);
    assertThat(rec.attempts()).isEqualTo(1); // the same attempt, published at last
    assertThat(h.jobsPublished("orphan"))
        .singleElement()
        .satisfies(s -> assertThat(s.messageId()).isEqualTo("orphan@1"));
  }

  @Test
  void submitsTheBusLostAreAllDispatchedWithinTheReplayBound() {
    h.start(defaults);
    h.heartbeat("w1", "default", 0, 10_000, java.util.Map.of());
    Instant t = h.clock.instant();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 582; i++) { // saved by clients, published to a control plane that was down
      String id = "lost-" + i;
      h.store.save(Harness.job(id).build(), "trace-" + id);
      ids.add(id);
    }

    Duration bound = defaults.timeouts().dispatchTimeout().plus(defaults.timeouts().scanInterval());
    h.tickAt(t.plus(bound));

    for (String id : ids) {
      // Dispatched in that tick; recorded RUNNING a moment later (runningRecordDelay).
      assertThat(h.jobsPublished(id)).as(id).hasSize(1);
      assertThat(h.store.get(id).orElseThrow().state())
          .as(id)
          .isIn(JobState.SCHEDULED, JobState.RUNNING);
    }
    for (String id : ids) {
      h.awaitState(id, JobState.RUNNING);
    }
  }
}
