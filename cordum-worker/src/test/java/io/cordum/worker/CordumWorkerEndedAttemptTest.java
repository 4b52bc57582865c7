package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.memory.InMemoryJobStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 5: after a NATS crash a durable consumer came back at an old ack position and
 * redelivered job requests whose attempts had long ended; the worker ran them again. With the job
 * store at hand, a worker recognises an attempt that has already ended, or that a later attempt
 * superseded, and does not run it.
 */
class CordumWorkerEndedAttemptTest {
  private final WorkerFixture fx = new WorkerFixture();
  private final InMemoryJobStore store = new InMemoryJobStore(fx.clock);
  private final Map<String, Integer> runs = new ConcurrentHashMap<>();

  @BeforeEach
  void startWorker() {
    fx.start(
        fx.worker(
                job -> {
                  runs.merge(job.jobId(), 1, Integer::sum);
                  return JobOutput.of("ok");
                })
            .jobStore(store));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** The request the scheduler publishes for attempt {@code n} of a job. */
  private static JobRequest attempt(String id, int n) {
    return WorkerFixture.job(id).putLabels("cordum.bus_msg_id", id + "@" + n).build();
  }

  /** A job saved and moved into {@code state} (attempt 1 once claimed). */
  private void stored(String id, JobState... path) {
    store.save(WorkerFixture.job(id).build(), null);
    for (JobState s : path) {
      store.transition(id, Transition.of(s));
    }
  }

  @Test
  void aRequestForAJobThatAlreadyEndedIsNotRun() {
    stored("done", JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED);

    fx.submit(attempt("done", 1));
    fx.submit(WorkerFixture.job("done").build()); // no attempt label (a Go scheduler)
    stored("live", JobState.SCHEDULED, JobState.RUNNING);
    fx.submit(attempt("live", 1));
    fx.awaitResult("live");
    fx.quiesce();

    assertThat(runs).doesNotContainKey("done").containsEntry("live", 1);
    assertThat(fx.resultMessages("done")).isEmpty();
  }

  @Test
  void aRequestForAnAttemptALaterAttemptReplacedIsNotRun() {
    stored(
        "retried",
        JobState.SCHEDULED,
        JobState.RUNNING,
        JobState.PENDING,
        JobState.SCHEDULED,
        JobState.RUNNING); // now at attempt 2

    fx.submit(attempt("retried", 1));
    fx.submit(attempt("retried", 2));
    fx.awaitResult("retried");
    fx.quiesce();

    assertThat(runs).containsEntry("retried", 1);
    assertThat(fx.resultMessages("retried")).hasSize(1);
  }

  @Test
  void anAttemptWaitingForItsRetryIsNotRunFromAnOldRequest() {
    stored("backoff", JobState.SCHEDULED, JobState.RUNNING, JobState.PENDING); // attempt 1 ended

    fx.submit(attempt("backoff", 1));
    stored("probe", JobState.SCHEDULED);
    fx.submit(attempt("probe", 1)); // claimed, RUNNING not recorded yet: runs
    fx.awaitResult("probe");
    fx.quiesce();

    assertThat(runs).doesNotContainKey("backoff").containsEntry("probe", 1);
  }

  @Test
  void aJobTheStoreDoesNotKnowStillRuns() {
    fx.submit(attempt("unknown", 1));

    assertThat(fx.awaitResult("unknown").status()).isEqualTo(JobStatus.SUCCEEDED);
  }
}
