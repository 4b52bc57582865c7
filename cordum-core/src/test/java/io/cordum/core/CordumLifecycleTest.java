package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cordum.api.ClosedException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.memory.InMemoryPointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Submits and waits around start() and close(): nothing hangs, nothing accepted is lost. */
class CordumLifecycleTest {

  private static JobSubmission job(String input) {
    return JobSubmission.builder().topic("job.default").input(input).build();
  }

  private static CordumWorker worker(Cordum c) {
    return CordumWorker.builder()
        .workerId("w1")
        .pool("default")
        .topics("job.default")
        .maxParallel(4)
        .bus(c.bus())
        .pointers(c.pointers())
        .handler(j -> JobOutput.of("done " + j.inputAsString().orElse("")))
        .build()
        .start();
  }

  @Test
  void callsAfterCloseFailAtOnceWithAClearException() {
    Cordum cordum = Cordum.builder().build().start();
    var jobs = cordum.jobs();
    String id = jobs.submit(job("x")).jobId();
    cordum.close();

    assertThatThrownBy(() -> jobs.submit(job("late")))
        .isInstanceOf(ClosedException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> jobs.cancel(id, "late")).isInstanceOf(ClosedException.class);
    assertThatThrownBy(() -> jobs.awaitTerminal(id)).isInstanceOf(ClosedException.class);
    assertThatThrownBy(() -> cordum.workflows().start("wf", null))
        .isInstanceOf(ClosedException.class);
  }

  @Test
  void waitingFuturesCompleteWhenCordumCloses() throws Exception {
    Cordum cordum = Cordum.builder().build().start(); // no worker: the job waits
    SubmittedJob s = cordum.jobs().submit(job("never runs"));
    CompletableFuture<JobRecord> waiting = cordum.jobs().awaitTerminal(s.jobId());
    cordum.close();

    assertThat(waiting).isDone();
    assertThatThrownBy(waiting::get)
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ClosedException.class)
        .hasMessageContaining(s.jobId());
  }

  @Test
  void aJobSubmittedBeforeStartRunsAsSoonAsTheControlPlaneStarts() throws Exception {
    try (Cordum cordum = Cordum.builder().build()) {
      String id = cordum.jobs().submit(job("early")).jobId();
      assertThat(cordum.jobs().get(id).orElseThrow().reasonCode())
          .isEqualTo("scheduler_not_started");
      cordum.start();
      try (CordumWorker w = worker(cordum)) {
        // The dispatch timeout is 300 s; this job must not wait for it.
        assertThat(cordum.jobs().awaitTerminal(id).get(10, TimeUnit.SECONDS).state())
            .isEqualTo(JobState.SUCCEEDED);
      }
    }
  }

  @Test
  void aClosedJavaWorkerSaysSoAndGetsNoMoreJobs() {
    ManualClock clock = new ManualClock(); // the registry's 30 s expiry never comes by itself
    try (Cordum cordum = Cordum.builder().clock(clock).build().start()) {
      CordumWorker w = worker(cordum);
      await().atMost(Duration.ofSeconds(5)).until(() -> cordum.workers().get("w1").isPresent());
      w.close();
      await().atMost(Duration.ofSeconds(5)).until(() -> cordum.workers().get("w1").isEmpty());
    }
  }

  @Test
  void submitsRacingCloseAreRefusedOrKeptAndEveryWaiterCompletes() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    InMemoryJobStore store = new InMemoryJobStore(clock);
    InMemoryPointerStore pointers = new InMemoryPointerStore(clock);
    Cordum first =
        Cordum.builder().clock(clock).jobStore(store).pointerStore(pointers).build().start();
    CordumWorker w = worker(first);
    ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<CompletableFuture<JobRecord>> waiters = new ConcurrentLinkedQueue<>();
    AtomicBoolean refused = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(2);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread th =
          new Thread(
              () -> {
                running.countDown();
                for (int i = 0; i < 100_000 && !refused.get(); i++) {
                  try {
                    String id = first.jobs().submit(job("r" + i)).jobId();
                    accepted.add(id);
                    waiters.add(first.jobs().awaitTerminal(id));
                  } catch (ClosedException e) {
                    refused.set(true);
                  }
                }
              });
      th.start();
      submitters.add(th);
    }
    running.await();
    await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() > 50);
    w.close(); // its last results still reach the scheduler; later jobs wait for a worker
    await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() > 100);
    first.close();
    for (Thread th : submitters) {
      th.join(10_000);
    }
    assertThat(refused).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> waiters.stream().allMatch(CompletableFuture::isDone));

    // Every accepted job is in the store, and a control plane started on the same stores runs
    // the unfinished ones to the end: PENDING ones are replayed after the dispatch timeout, and
    // attempts cut off by the close time out and are retried (the old bus and its worker are
    // gone, so their results never come).
    try (Cordum second =
            Cordum.builder()
                .clock(clock)
                .jobStore(store)
                .pointerStore(pointers)
                // The manual clock jumps ten minutes per check while the worker heartbeats in real
                // time: a worker timeout, or a wait for a free slot, shorter than the jumps would
                // count
                // the worker dead, or give a waiting job up, between two of its heartbeats.
                .scheduler(
                    s ->
                        s.workerTimeout(Duration.ofHours(12))
                            .maxSchedulingWait(Duration.ofHours(12)))
                .retryPolicy(
                    io.cordum.core.scheduler.RetryPolicy.builder()
                        .maxRetries(3)
                        .initialBackoff(Duration.ofSeconds(1))
                        .build())
                .build()
                .start();
        CordumWorker w2 = worker(second)) {
      clock.advance(Duration.ofMinutes(10));
      for (String id : accepted) {
        assertThat(store.get(id)).as("job %s", id).isPresent();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                clock.advance(Duration.ofMinutes(10));
                for (String id : accepted) {
                  assertThat(store.get(id).orElseThrow().state())
                      .as("job %s: %s", id, store.get(id).orElseThrow())
                      .isEqualTo(JobState.SUCCEEDED);
                }
              });
    }
  }
}
