package io.cordum.core.internal.dlq;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.RetryOptions;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.memory.InMemoryDeadLetterStore;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DLQ retry through the embedded control plane, with a Java worker that fails on "fail". */
class DeadLetterServiceTest {
  private Cordum cordum;
  private CordumWorker worker;

  private final InMemoryDeadLetterStore dlq = new InMemoryDeadLetterStore(Clock.systemUTC());

  @BeforeEach
  void start() {
    cordum =
        Cordum.builder()
            .deadLetterStore(dlq)
            .pools(PoolConfig.builder().topic("job.a", "pa").pool("pa", "gpu").build())
            .build()
            .start();
    worker =
        CordumWorker.builder()
            .workerId("w1")
            .pool("pa")
            .topics("job.a")
            .maxParallel(4)
            .capabilities("gpu")
            .label("team", "red")
            .cpuLoad(CpuLoad.fixed(0))
            .bus(cordum.bus())
            .pointers(cordum.pointers())
            .handler(
                job -> {
                  String in = job.inputAsString().orElse("");
                  if (in.equals("fail")) {
                    throw new JobFailedException("bad_input", "cannot do " + in);
                  }
                  return JobOutput.of("did " + in);
                })
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    worker.close();
    cordum.close();
  }

  private JobRecord await(String jobId) throws Exception {
    return cordum.jobs().awaitTerminal(jobId).get(10, TimeUnit.SECONDS);
  }

  private SubmittedJob failingJob() throws Exception {
    SubmittedJob job =
        cordum
            .jobs()
            .submit(
                JobSubmission.builder()
                    .topic("job.a")
                    .input("fail")
                    .placement("team", "red")
                    .placement("approval_ref", "old-approval")
                    .env("k", "v")
                    .capability("cap")
                    .riskTags("risky")
                    .requires("gpu")
                    .idempotencyKey("idem-1")
                    .memoryId("mem-1")
                    .priority(JobPriority.CRITICAL)
                    .deadline(Duration.ofMinutes(5))
                    .traceId("trace-1")
                    .tenant("t1")
                    .build());
    assertThat(await(job.jobId()).state()).isEqualTo(JobState.FAILED);
    // The DLQ entry is written just after the terminal transition the future reports.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cordum.deadLetters().get(job.jobId()).isPresent());
    return job;
  }

  @Test
  void aFailedJobIsListedAndRetryClonesTheWholeRequestWithAnEditedInput() throws Exception {
    SubmittedJob old = failingJob();
    DeadLetterEntry entry = cordum.deadLetters().get(old.jobId()).orElseThrow();
    assertThat(entry.reasonCode()).isEqualTo("bad_input");
    assertThat(cordum.deadLetters().list(DeadLetterQuery.builder().tenant("t1").build()).items())
        .extracting(DeadLetterEntry::jobId)
        .containsExactly(old.jobId());

    SubmittedJob retry =
        cordum.deadLetters().retry(old.jobId(), RetryOptions.builder().input("fixed").build());

    JobRecord done = await(retry.jobId());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(new String(cordum.jobs().result(retry.jobId()).orElseThrow(), UTF_8))
        .isEqualTo("did fixed");
    assertThat(retry.jobId()).matches(old.jobId() + "-retry-[0-9a-f]{8}");
    assertThat(retry.traceId()).isEqualTo("trace-1");
    JobRequest req = cordum.jobs().request(retry.jobId()).orElseThrow();
    assertThat(req.parentJobId()).isEqualTo(old.jobId());
    assertThat(req.labels())
        .containsEntry("team", "red")
        .containsEntry("retry", "true")
        .containsEntry("dlq_entry", old.jobId())
        .containsEntry("retry_of_job", old.jobId())
        .doesNotContainKey("approval_ref");
    assertThat(req.env()).containsEntry("k", "v").containsEntry("retry_of_job", old.jobId());
    assertThat(req.memoryId()).isEqualTo("mem-1");
    assertThat(req.priority()).isEqualTo(JobPriority.CRITICAL);
    assertThat(req.budget().deadlineMs()).isEqualTo(Duration.ofMinutes(5).toMillis());
    assertThat(req.tenantId()).isEqualTo("t1");
    assertThat(req.meta().capability()).isEqualTo("cap");
    assertThat(req.meta().riskTags()).contains("risky");
    assertThat(req.meta().requires()).containsExactly("gpu");
    assertThat(req.meta().idempotencyKey()).isEmpty();
    assertThat(cordum.deadLetters().get(old.jobId())).isEmpty();
    assertThat(cordum.jobs().get(old.jobId()).orElseThrow().state()).isEqualTo(JobState.FAILED);
    assertThatThrownBy(() -> cordum.deadLetters().retry(old.jobId()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void retryCopiesTheOriginalInputByDefault() throws Exception {
    SubmittedJob old = failingJob();

    SubmittedJob retry = cordum.deadLetters().retry(old.jobId());

    assertThat(await(retry.jobId()).state()).isEqualTo(JobState.FAILED);
    assertThat(new String(cordum.jobs().input(retry.jobId()).orElseThrow(), UTF_8))
        .isEqualTo("fail");
    assertThat(cordum.jobs().request(retry.jobId()).orElseThrow().contextPtr())
        .isEqualTo("redis://ctx:" + retry.jobId());
    assertThat(cordum.deadLetters().get(retry.jobId())).isPresent();
  }

  @Test
  void twoConcurrentRetriesGiveExactlyOneNewJob() throws Exception {
    SubmittedJob old = failingJob();

    List<Object> outcomes =
        race(
            4,
            () -> {
              try {
                return cordum
                    .deadLetters()
                    .retry(old.jobId(), RetryOptions.builder().input("ok").build());
              } catch (NotFoundException e) {
                return e;
              }
            });

    assertThat(outcomes).filteredOn(o -> o instanceof SubmittedJob).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o instanceof NotFoundException).hasSize(3);
    List<JobRecord> retries =
        cordum.jobs().list(io.cordum.api.job.JobQuery.builder().build()).items().stream()
            .filter(r -> r.id().startsWith(old.jobId() + "-retry-"))
            .toList();
    assertThat(retries).hasSize(1);
  }

  @Test
  void aFailedSubmitPutsTheEntryBack() {
    DeadLetterEntry bad =
        DeadLetterEntry.builder()
            .jobId("ghost")
            .topic("bad topic")
            .createdAt(Instant.now())
            .build();
    dlq.add(bad);

    assertThatThrownBy(() -> cordum.deadLetters().retry("ghost"))
        .isInstanceOf(ValidationException.class);
    assertThat(cordum.deadLetters().get("ghost")).isPresent();
  }

  @Test
  void aRetryWithoutATopicIsRefusedAndKeepsTheEntry() {
    dlq.add(DeadLetterEntry.builder().jobId("ghost").createdAt(Instant.now()).build());

    assertThatThrownBy(() -> cordum.deadLetters().retry("ghost"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("topic"));
    assertThat(cordum.deadLetters().get("ghost")).isPresent();
  }

  // Spec 20 §9.17: a retry whose input has expired is refused or flagged, never silent.
  @Test
  void expiredInputIsRefusedOnRequestElseFlagged() throws Exception {
    JobRequest req =
        JobRequest.builder().jobId("gone").topic("job.a").contextPtr("redis://ctx:gone").build();
    dlq.add(
        DeadLetterEntry.builder()
            .jobId("gone")
            .topic("job.a")
            .request(req)
            .createdAt(Instant.now())
            .build());

    assertThatThrownBy(
            () ->
                cordum
                    .deadLetters()
                    .retry("gone", RetryOptions.builder().requireInput(true).build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("expired");
    assertThat(cordum.deadLetters().get("gone")).isPresent();

    SubmittedJob retry = cordum.deadLetters().retry("gone");
    assertThat(cordum.jobs().request(retry.jobId()).orElseThrow().labels())
        .containsEntry("retry_input_missing", "true");
  }

  @Test
  void deleteRemovesTheEntry() throws Exception {
    SubmittedJob old = failingJob();

    assertThat(cordum.deadLetters().delete(old.jobId())).isTrue();
    assertThat(cordum.deadLetters().get(old.jobId())).isEmpty();
    assertThat(cordum.deadLetters().delete(old.jobId())).isFalse();
  }

  private static List<Object> race(int threads, Callable<Object> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
