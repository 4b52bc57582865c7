package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.memory.InMemoryBus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** start() and close(). */
class CordumWorkerLifecycleTest {
  private final WorkerFixture fx = new WorkerFixture();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** Waits on the gate; records an interrupt and rethrows it. */
  private JobHandler waitsFor(CountDownLatch gate) {
    return job -> {
      started.add(job.jobId());
      try {
        gate.await();
      } catch (InterruptedException e) {
        interrupted.add(job.jobId());
        throw e;
      }
      return JobOutput.empty();
    };
  }

  private static Thread closeInBackground(
      CordumWorker worker, AtomicBoolean doneWhenClosed, AtomicBoolean flag) {
    Thread t =
        new Thread(
            () -> {
              worker.close();
              doneWhenClosed.set(flag.get());
            },
            "closer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void startTwiceThrows() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.empty()));

    assertThatThrownBy(worker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(worker.workerId());
  }

  @Test
  void startAfterCloseThrows() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.empty()));
    worker.close();

    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startReturnsTheWorker() {
    CordumWorker worker = fx.build(fx.worker(job -> JobOutput.empty()));

    assertThat(worker.start()).isSameAs(worker);
  }

  @Test
  void aBuiltWorkerTakesNoJobsUntilStarted() {
    AtomicInteger calls = new AtomicInteger();
    CordumWorker worker =
        fx.build(
            fx.worker(
                job -> {
                  calls.incrementAndGet();
                  return JobOutput.empty();
                }));

    fx.submit("early");
    fx.quiesce();
    assertThat(calls).hasValue(0);
    assertThat(fx.heartbeats.count()).isZero();

    worker.start();
    fx.submit("on-time");
    assertThat(fx.awaitResult("on-time").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(fx.resultMessages("early")).isEmpty();
  }

  @Test
  void aFailedStartThrowsAndLeavesTheWorkerClosed() {
    InMemoryBus closedBus = InMemoryBus.builder().build();
    closedBus.close();
    CordumWorker worker = fx.build(fx.worker(job -> JobOutput.empty()).bus(closedBus));

    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
    worker.close();
  }

  @Test
  void closeIsIdempotent() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.empty()));

    worker.close();
    worker.close();

    fx.submit("after");
    fx.quiesce();
    assertThat(fx.results.count()).isZero();
  }

  @Test
  void aWorkerThatWasNeverStartedCanBeClosed() {
    CordumWorker worker = fx.build(fx.worker(job -> JobOutput.empty()));

    worker.close();

    assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void afterCloseAJobIsNotRun() {
    AtomicInteger calls = new AtomicInteger();
    CordumWorker worker =
        fx.start(
            fx.worker(
                job -> {
                  calls.incrementAndGet();
                  return JobOutput.empty();
                }));
    fx.submit("before");
    assertThat(fx.awaitResult("before").status()).isEqualTo(JobStatus.SUCCEEDED);

    worker.close();
    fx.submit("after");
    fx.publish("worker." + worker.workerId() + ".jobs", WorkerFixture.job("direct").build(), "t");
    fx.quiesce();

    assertThat(calls).hasValue(1);
    assertThat(fx.resultMessages("after")).isEmpty();
    assertThat(fx.resultMessages("direct")).isEmpty();
    assertThat(worker.activeJobs()).isZero();
  }

  @Test
  void afterCloseTheRemainingWorkerOfTheQueueGroupTakesTheJobs() {
    AtomicReference<String> ranOn = new AtomicReference<>();
    JobHandler h =
        job -> {
          ranOn.set(job.workerId());
          return JobOutput.empty();
        };
    CordumWorker a = fx.start(fx.worker(h));
    CordumWorker b = fx.start(fx.worker(h));

    a.close();
    for (int i = 0; i < 4; i++) {
      fx.submit("left-" + i);
    }

    eventually().until(() -> fx.results.count() == 4);
    assertThat(fx.results.messages())
        .allSatisfy(m -> assertThat(m.packet().jobResult().workerId()).isEqualTo(b.workerId()));
  }

  @Test
  void closeWaitsForRunningJobsWithinTheShutdownTimeout() throws Exception {
    CountDownLatch release = fx.gate();
    AtomicBoolean handlerDone = new AtomicBoolean();
    CordumWorker worker =
        fx.start(
            fx.worker(
                    job -> {
                      waitsFor(release).handle(job);
                      handlerDone.set(true);
                      return JobOutput.of("done");
                    })
                .shutdownTimeout(Duration.ofSeconds(30)));
    fx.submit("long");
    eventually().until(() -> started.contains("long"));

    AtomicBoolean doneWhenClosed = new AtomicBoolean();
    Thread closer = closeInBackground(worker, doneWhenClosed, handlerDone);
    // close() is waiting for the job: the closer thread blocks.
    eventually()
        .until(
            () ->
                closer.getState() == Thread.State.TIMED_WAITING
                    || closer.getState() == Thread.State.WAITING
                    || !closer.isAlive());
    assertThat(closer.isAlive()).as("close() returned while a job was running").isTrue();

    release.countDown();
    closer.join(WorkerFixture.TIMEOUT.toMillis());

    assertThat(closer.isAlive()).isFalse();
    assertThat(doneWhenClosed).as("the job had finished when close() returned").isTrue();
    JobResult r = fx.awaitResult("long");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(interrupted).isEmpty();
  }

  @Test
  void closeInterruptsJobsThatOutliveTheShutdownTimeoutAndTheyReportWorkerStopped() {
    CordumWorker worker =
        fx.start(
            fx.worker(waitsFor(fx.gate())).maxParallel(2).shutdownTimeout(Duration.ofMillis(100)));
    fx.submit("stuck-1");
    fx.submit("stuck-2");
    eventually().until(() -> started.size() == 2);

    worker.close();

    for (String id : new String[] {"stuck-1", "stuck-2"}) {
      // Not the user's cancel: FAILED with worker_stopped, which the scheduler runs again.
      JobResult r = fx.awaitResult(id);
      assertThat(r.status()).isEqualTo(JobStatus.FAILED);
      assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.WORKER_STOPPED);
    }
    // While it drained, the worker said it was stopping and still listed the jobs it held.
    assertThat(fx.heartbeatsOf(worker.workerId()))
        .anySatisfy(
            h -> {
              assertThat(h.stopping()).isTrue();
              assertThat(h.heldJobIds()).containsExactlyInAnyOrder("stuck-1", "stuck-2");
            });
    assertThat(interrupted).containsExactlyInAnyOrder("stuck-1", "stuck-2");
    assertThat(worker.activeJobs()).isZero();
  }

  @Test
  void closeReportsQueuedJobsThatNeverGotAThreadAsWorkerStopped() {
    CordumWorker worker =
        fx.start(
            fx.worker(waitsFor(fx.gate())).maxParallel(1).shutdownTimeout(Duration.ofMillis(100)));
    fx.submit("running");
    fx.submit("queued-1");
    fx.submit("queued-2");
    eventually().until(() -> started.contains("running") && worker.activeJobs() == 3);

    worker.close();

    assertThat(fx.awaitResult("running").errorCode()).isEqualTo(WorkerErrorCodes.WORKER_STOPPED);
    for (String id : new String[] {"queued-1", "queued-2"}) {
      JobResult r = fx.awaitResult(id);
      assertThat(r.status()).isEqualTo(JobStatus.FAILED);
      assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.WORKER_STOPPED);
    }
    assertThat(started).containsExactly("running");
  }

  @Test
  void queuedJobsStillRunWhenTheyFitInTheShutdownTimeout() throws Exception {
    CountDownLatch release = fx.gate();
    CordumWorker worker =
        fx.start(
            fx.worker(waitsFor(release)).maxParallel(1).shutdownTimeout(Duration.ofSeconds(30)));
    fx.submit("a");
    fx.submit("b");
    eventually().until(() -> started.contains("a") && worker.activeJobs() == 2);

    Thread closer = closeInBackground(worker, new AtomicBoolean(), new AtomicBoolean());
    eventually()
        .until(
            () ->
                closer.getState() == Thread.State.TIMED_WAITING
                    || closer.getState() == Thread.State.WAITING
                    || !closer.isAlive());
    release.countDown();
    closer.join(WorkerFixture.TIMEOUT.toMillis());

    assertThat(closer.isAlive()).isFalse();
    assertThat(fx.awaitResult("a").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(fx.awaitResult("b").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aHostProvidedExecutorAndSchedulerAreNotShutDownByClose() throws Exception {
    ExecutorService host =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "host-pool");
              t.setDaemon(true);
              return t;
            });
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    timers.setRemoveOnCancelPolicy(true);
    try {
      AtomicReference<String> thread = new AtomicReference<>();
      CordumWorker worker =
          fx.start(
              fx.worker(
                      job -> {
                        thread.set(Thread.currentThread().getName());
                        return JobOutput.empty();
                      })
                  .executor(host)
                  .scheduler(timers)
                  .heartbeatInterval(Duration.ofMillis(20)));
      fx.submit("on-host");
      assertThat(fx.awaitResult("on-host").status()).isEqualTo(JobStatus.SUCCEEDED);
      eventually().until(() -> fx.heartbeatsOf(worker.workerId()).size() >= 2);
      assertThat(timers.getQueue()).isNotEmpty();

      worker.close();

      assertThat(thread.get()).isEqualTo("host-pool");
      assertThat(host.isShutdown()).isFalse();
      assertThat(host.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
      assertThat(timers.isShutdown()).isFalse();
      assertThat(timers.getQueue()).as("the heartbeat task is cancelled").isEmpty();
    } finally {
      fx.close();
      host.shutdownNow();
      timers.shutdownNow();
    }
  }

  @Test
  void closeWithAHostExecutorWaitsForRunningJobs() throws Exception {
    ExecutorService host = Executors.newCachedThreadPool();
    try {
      CountDownLatch release = fx.gate();
      AtomicBoolean handlerDone = new AtomicBoolean();
      CordumWorker worker =
          fx.start(
              fx.worker(
                      job -> {
                        waitsFor(release).handle(job);
                        handlerDone.set(true);
                        return JobOutput.empty();
                      })
                  .executor(host)
                  .shutdownTimeout(Duration.ofSeconds(30)));
      fx.submit("hosted");
      eventually().until(() -> started.contains("hosted"));

      AtomicBoolean doneWhenClosed = new AtomicBoolean();
      Thread closer = closeInBackground(worker, doneWhenClosed, handlerDone);
      eventually()
          .until(
              () ->
                  closer.getState() == Thread.State.TIMED_WAITING
                      || closer.getState() == Thread.State.WAITING
                      || !closer.isAlive());
      assertThat(closer.isAlive()).as("close() returned while a job was running").isTrue();
      release.countDown();
      closer.join(WorkerFixture.TIMEOUT.toMillis());

      assertThat(closer.isAlive()).isFalse();
      assertThat(doneWhenClosed).isTrue();
      assertThat(fx.awaitResult("hosted").status()).isEqualTo(JobStatus.SUCCEEDED);
    } finally {
      fx.close();
      host.shutdownNow();
    }
  }

  @Test
  void closeWithAHostExecutorInterruptsJobsThatOutliveTheShutdownTimeout() {
    ExecutorService host = Executors.newCachedThreadPool();
    try {
      CordumWorker worker =
          fx.start(
              fx.worker(waitsFor(fx.gate()))
                  .executor(host)
                  .shutdownTimeout(Duration.ofMillis(100)));
      fx.submit("hosted-stuck");
      eventually().until(() -> started.contains("hosted-stuck"));

      worker.close();

      JobResult r = fx.awaitResult("hosted-stuck");
      assertThat(r.status()).isEqualTo(JobStatus.FAILED);
      assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.WORKER_STOPPED);
      assertThat(interrupted).containsExactly("hosted-stuck");
      assertThat(host.isShutdown()).isFalse();
    } finally {
      fx.close();
      host.shutdownNow();
    }
  }
}
