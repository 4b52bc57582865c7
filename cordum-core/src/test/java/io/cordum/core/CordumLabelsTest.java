package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Descriptive labels never constrain placement (a job labelled {@code team=x} used to wait five
 * minutes and fail {@code no_workers}); placement constraints do, and a job that cannot be placed
 * says why at once.
 */
class CordumLabelsTest {

  private static CordumWorker worker(Cordum c, String... labels) {
    CordumWorker.Builder b =
        CordumWorker.builder()
            .bus(c.bus())
            .pointers(c.pointers())
            .pool("default")
            .topics("job.default")
            .handler(j -> JobOutput.of("ok"));
    for (int i = 0; i + 1 < labels.length; i += 2) {
      b.label(labels[i], labels[i + 1]);
    }
    return b.build().start();
  }

  @Test
  void aDescriptiveLabelIsShownButDoesNotConstrainWhereTheJobRuns() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w = worker(cordum)) {
      String id =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.default").label("team", "x").build())
              .jobId();
      JobRecord done = cordum.jobs().awaitTerminal(id).get(10, TimeUnit.SECONDS);
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.labels()).containsEntry("team", "x");
      var request = cordum.jobs().request(id).orElseThrow();
      assertThat(request.labels()).doesNotContainKey("team");
      assertThat(request.meta().labels()).containsEntry("team", "x");
    }
  }

  @Test
  void aPlacementConstraintWaitsForAMatchingWorkerAndSaysWhyAtOnce() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker plain = worker(cordum)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> cordum.workers().get(plain.workerId()).isPresent());
      String id =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder().topic("job.default").placement("region", "eu").build())
              .jobId();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JobRecord r = cordum.jobs().get(id).orElseThrow();
                assertThat(r.state()).isEqualTo(JobState.PENDING);
                assertThat(r.reasonCode()).isEqualTo("no_workers");
                assertThat(r.reason()).contains("region=eu");
              });
      try (CordumWorker eu = worker(cordum, "region", "eu")) {
        JobRecord done = cordum.jobs().awaitTerminal(id).get(20, TimeUnit.SECONDS);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.workerId()).isEqualTo(eu.workerId());
      }
    }
  }
}
