package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static io.cordum.worker.WorkerFixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.worker.WorkerFixture.Concurrency;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parallelism, queue groups and duplicate deliveries. */
class CordumWorkerConcurrencyTest {
  private final WorkerFixture fx = new WorkerFixture();
  private final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
  private final Concurrency concurrency = new Concurrency();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private CountDownLatch releaseOf(String jobId) {
    return release.computeIfAbsent(jobId, id -> fx.gate());
  }

  /** A handler that counts itself as running until its job is released. */
  private JobHandler blocking() {
    return job -> {
      concurrency.enter(job.jobId());
      try {
        releaseOf(job.jobId()).await();
      } finally {
        concurrency.exit();
      }
      return JobOutput.empty();
    };
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // maxParallel

  @Test
  void maxParallelJobsRunAtOnceAndTheNextWaitsForAFreeSlot() {
    CordumWorker worker = fx.start(fx.worker(blocking()).maxParallel(3));

    for (int i = 1; i <= 4; i++) {
      fx.submit("j" + i);
    }

    // Three handlers run at the same time while the fourth job is held, received but not started.
    eventually().until(() -> concurrency.running() == 3 && worker.activeJobs() == 4);
    assertThat(concurrency.started()).containsExactlyInAnyOrder("j1", "j2", "j3");
    assertThat(fx.results.count()).isZero();

    releaseOf("j2").countDown();

    eventually().until(() -> concurrency.started().contains("j4"));
    assertThat(fx.awaitResult("j2").status()).isEqualTo(JobStatus.SUCCEEDED);
    eventually().until(() -> worker.activeJobs() == 3);
    assertThat(concurrency.running()).isEqualTo(3);

    release.keySet().forEach(id -> releaseOf(id).countDown());
    for (int i = 1; i <= 4; i++) {
      assertThat(fx.awaitResult("j" + i).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
    eventually().until(() -> worker.activeJobs() == 0);
    assertThat(concurrency.peak()).isEqualTo(3);
  }

  @Test
  void heartbeatsCountRunningAndQueuedJobsAsActive() {
    CordumWorker worker =
        fx.start(fx.worker(blocking()).maxParallel(2).heartbeatInterval(Duration.ofMillis(20)));
    for (int i = 1; i <= 5; i++) {
      fx.submit("hb" + i);
    }
    eventually().until(() -> concurrency.running() == 2 && worker.activeJobs() == 5);

    eventually()
        .until(
            () -> fx.heartbeatsOf(worker.workerId()).stream().anyMatch(h -> h.activeJobs() == 5));
    assertThat(fx.heartbeatsOf(worker.workerId()))
        .allSatisfy(h -> assertThat(h.activeJobs()).isBetween(0, 5));

    for (int i = 1; i <= 5; i++) {
      releaseOf("hb" + i).countDown();
    }
    eventually().until(() -> fx.results.count() == 5);
    eventually().until(() -> worker.activeJobs() == 0);
    int seen = fx.heartbeatsOf(worker.workerId()).size();
    eventually()
        .until(
            () -> {
              var beats = fx.heartbeatsOf(worker.workerId());
              return beats.size() > seen && beats.get(beats.size() - 1).activeJobs() == 0;
            });
    assertThat(concurrency.peak()).isEqualTo(2);
  }

  @Test
  void maxParallelOneRunsJobsOneAfterAnother() {
    CordumWorker worker = fx.start(fx.worker(blocking()).maxParallel(1));
    fx.submit("s1");
    fx.submit("s2");
    eventually().until(() -> concurrency.running() == 1 && worker.activeJobs() == 2);
    assertThat(concurrency.started()).containsExactly("s1");

    releaseOf("s1").countDown();
    eventually().until(() -> concurrency.started().contains("s2"));
    releaseOf("s2").countDown();

    assertThat(fx.awaitResult("s2").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(concurrency.peak()).isEqualTo(1);
  }

  @Test
  void maxParallelAlsoBoundsAHostProvidedExecutor() {
    ExecutorService host = Executors.newCachedThreadPool(named("host-"));
    try {
      CordumWorker worker = fx.start(fx.worker(blocking()).maxParallel(2).executor(host));
      for (int i = 1; i <= 5; i++) {
        fx.submit("h" + i);
      }

      eventually().until(() -> worker.activeJobs() == 5 && concurrency.running() == 2);
      fx.quiesce();
      assertThat(concurrency.started()).hasSize(2);
      assertThat(concurrency.peak()).isEqualTo(2);

      for (int i = 1; i <= 5; i++) {
        releaseOf("h" + i).countDown();
      }
      eventually().until(() -> fx.results.count() == 5);
      assertThat(concurrency.peak()).isEqualTo(2);
      assertThat(concurrency.started()).hasSize(5);
    } finally {
      fx.close();
      host.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queue groups

  @Test
  void twoWorkersOnOneTopicShareTheJobsAndEachJobRunsOnce() {
    Map<String, String> ranOn = new ConcurrentHashMap<>();
    AtomicInteger runs = new AtomicInteger();
    JobHandler h =
        job -> {
          runs.incrementAndGet();
          ranOn.merge(job.jobId(), job.workerId(), (a, b) -> a + "," + b);
          return JobOutput.empty();
        };
    CordumWorker a = fx.start(fx.worker(h).maxParallel(2));
    CordumWorker b = fx.start(fx.worker(h).maxParallel(2));

    for (int i = 0; i < 50; i++) {
      fx.submit("q" + i);
    }

    eventually().until(() -> fx.results.count() >= 50);
    fx.quiesce();
    assertThat(runs).hasValue(50);
    assertThat(ranOn).hasSize(50);
    assertThat(ranOn.values()).allMatch(w -> w.equals(a.workerId()) || w.equals(b.workerId()));
    assertThat(fx.results.messages()).hasSize(50);
    Map<String, Long> perWorker =
        fx.results.messages().stream()
            .map(m -> m.packet().jobResult().workerId())
            .collect(Collectors.groupingBy(w -> w, Collectors.counting()));
    assertThat(perWorker.keySet()).containsExactlyInAnyOrder(a.workerId(), b.workerId());
    assertThat(perWorker.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(50);
    Set<String> resultIds =
        fx.results.messages().stream()
            .map(m -> m.packet().jobResult().jobId())
            .collect(Collectors.toSet());
    assertThat(resultIds).hasSize(50);
  }

  @Test
  void workersInDifferentQueueGroupsEachGetEveryJob() {
    AtomicInteger runs = new AtomicInteger();
    JobHandler h =
        job -> {
          runs.incrementAndGet();
          return JobOutput.empty();
        };
    fx.start(fx.worker(h).queueGroup("group-a"));
    fx.start(fx.worker(h).queueGroup("group-b"));

    for (int i = 0; i < 5; i++) {
      fx.submit("g" + i);
    }

    eventually().until(() -> fx.results.count() >= 10);
    fx.quiesce();
    assertThat(runs).hasValue(10);
    assertThat(fx.resultMessages("g0"))
        .extracting(m -> m.packet().jobResult().workerId())
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Duplicates

  @Test
  void aDuplicateDeliveryOfARunningJobIsNotStartedAgain() {
    CordumWorker worker = fx.start(fx.worker(blocking()).maxParallel(3));
    fx.submit("dup");
    eventually().until(() -> concurrency.started().contains("dup"));

    fx.submit("dup");
    fx.publish("worker." + worker.workerId() + ".jobs", job("dup").build(), "trace-dup");
    fx.quiesce();

    assertThat(concurrency.runs()).containsEntry("dup", 1);
    assertThat(concurrency.running()).isEqualTo(1);
    assertThat(worker.activeJobs()).isEqualTo(1);

    releaseOf("dup").countDown();
    fx.awaitResult("dup");
    eventually().until(() -> worker.activeJobs() == 0);
    fx.quiesce();
    assertThat(fx.resultMessages("dup")).hasSize(1);
    assertThat(concurrency.runs()).containsEntry("dup", 1);
  }

  @Test
  void aDuplicateDeliveryOfAQueuedJobIsNotQueuedAgain() {
    CordumWorker worker = fx.start(fx.worker(blocking()).maxParallel(1));
    fx.submit("first");
    fx.submit("queued");
    eventually().until(() -> concurrency.running() == 1 && worker.activeJobs() == 2);

    fx.submit("queued");
    fx.quiesce();
    assertThat(worker.activeJobs()).isEqualTo(2);

    releaseOf("first").countDown();
    releaseOf("queued").countDown();
    fx.awaitResult("queued");
    eventually().until(() -> worker.activeJobs() == 0);
    fx.quiesce();
    assertThat(concurrency.runs()).isEqualTo(Map.of("first", 1, "queued", 1));
    assertThat(fx.resultMessages("queued")).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Executor rejection

  @Test
  void aJobTheExecutorRejectsFailsWithWorkerRejected() {
    ExecutorService host = Executors.newSingleThreadExecutor();
    host.shutdown();
    AtomicInteger calls = new AtomicInteger();
    CordumWorker worker =
        fx.start(
            fx.worker(
                    job -> {
                      calls.incrementAndGet();
                      return JobOutput.empty();
                    })
                .executor(host));

    fx.submit("rejected");

    BusMessage m = fx.awaitResultMessage("rejected");
    JobResult r = m.packet().jobResult();
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("worker_rejected");
    assertThat(r.errorMessage()).contains(worker.workerId());
    assertThat(m.packet().traceId()).isEqualTo("trace-rejected");
    assertThat(calls).hasValue(0);
    assertThat(worker.activeJobs()).isZero();
  }
}
