package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static io.cordum.worker.WorkerFixture.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.bus.Bus;
import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.Subjects;
import io.cordum.api.pointer.Pointers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Running jobs: intake, input and output pointers, results, failures and progress. */
class CordumWorkerJobTest {
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------------------------------------
  // Intake and results

  @Test
  void aJobOnThePoolTopicRunsAndReportsSucceededWithTheOutputBehindTheResultPointer() {
    CordumWorker worker =
        fx.start(fx.worker(job -> JobOutput.of("echo: " + job.inputAsString().orElse(""))));
    String ctx = fx.pointers.putContext("j1", "hello".getBytes(StandardCharsets.UTF_8));

    fx.publish(WorkerFixture.TOPIC, job("j1").contextPtr(ctx).build(), "trace-abc");

    BusMessage m = fx.awaitResultMessage("j1");
    assertThat(m.subject()).isEqualTo(Subjects.RESULT);
    assertThat(m.packet().traceId()).isEqualTo("trace-abc");
    assertThat(m.packet().senderId()).isEqualTo(worker.workerId());
    assertThat(m.packet().createdAt()).isEqualTo(fx.clock.instant());
    JobResult r = m.packet().jobResult();
    assertThat(r.jobId()).isEqualTo("j1");
    assertThat(r.workerId()).isEqualTo(worker.workerId());
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(r.resultPtr()).isEqualTo("redis://res:j1").isEqualTo(Pointers.resultPointer("j1"));
    assertThat(r.errorCode()).isEmpty();
    assertThat(r.errorMessage()).isEmpty();
    assertThat(r.executionMs()).isNotNegative();
    assertThat(fx.pointers.get(r.resultPtr()))
        .hasValueSatisfying(b -> assertThat(utf8(b)).isEqualTo("echo: hello"));
  }

  @Test
  void binaryOutputIsStoredByteForByte() {
    byte[] out = {0, (byte) 0xff, 7, (byte) 0x80};
    fx.start(fx.worker(job -> JobOutput.of(out)));

    fx.submit("bin");

    JobResult r = fx.awaitResult("bin");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(fx.pointers.get(r.resultPtr()))
        .hasValueSatisfying(b -> assertThat(b).containsExactly(out));
  }

  @Test
  void theResultTraceIdIsTheJobIdWhenTheIncomingPacketHasNone() {
    fx.start(fx.worker(job -> JobOutput.empty()));

    fx.publish(WorkerFixture.TOPIC, job("no-trace").build(), "");

    assertThat(fx.awaitResultMessage("no-trace").packet().traceId()).isEqualTo("no-trace");
  }

  @Test
  void theHandlerSeesTheRequestTraceIdAndWorkerId() {
    AtomicReference<JobContext> seen = new AtomicReference<>();
    CordumWorker worker =
        fx.start(
            fx.worker(
                job -> {
                  seen.set(job);
                  return JobOutput.empty();
                }));

    fx.publish(WorkerFixture.TOPIC, job("ctx").tenantId("acme").putEnv("K", "V").build(), "t-9");

    fx.awaitResult("ctx");
    JobContext ctx = seen.get();
    assertThat(ctx.jobId()).isEqualTo("ctx");
    assertThat(ctx.traceId()).isEqualTo("t-9");
    assertThat(ctx.workerId()).isEqualTo(worker.workerId());
    assertThat(ctx.request().tenantId()).isEqualTo("acme");
    assertThat(ctx.request().env()).isEqualTo(Map.of("K", "V"));
    assertThat(ctx.isCancelled()).isFalse();
  }

  @Test
  void aJobOnTheWorkersDirectSubjectRunsToo() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.of("direct")));

    fx.publish("worker." + worker.workerId() + ".jobs", job("d1").build(), "trace-d1");

    JobResult r = fx.awaitResult("d1");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(r.workerId()).isEqualTo(worker.workerId());
    assertThat(fx.pointers.get(r.resultPtr()).map(CordumWorkerJobTest::utf8)).hasValue("direct");
  }

  @Test
  void theDirectSubjectReachesOnlyThatWorker() {
    List<String> ranOn = new CopyOnWriteArrayList<>();
    CordumWorker a =
        fx.start(
            fx.worker(
                job -> {
                  ranOn.add(job.workerId());
                  return JobOutput.empty();
                }));
    CordumWorker b =
        fx.start(
            fx.worker(
                job -> {
                  ranOn.add(job.workerId());
                  return JobOutput.empty();
                }));

    for (int i = 0; i < 6; i++) {
      fx.publish(Subjects.direct(b.workerId()), job("direct-" + i).build(), "t");
    }

    eventually().until(() -> fx.results.count() == 6);
    fx.quiesce();
    assertThat(ranOn).hasSize(6).containsOnly(b.workerId()).doesNotContain(a.workerId());
  }

  @Test
  void packetsThatAreNotJobRequestsAndJobsWithoutIdAreIgnored() {
    AtomicInteger calls = new AtomicInteger();
    fx.start(
        fx.worker(
            job -> {
              calls.incrementAndGet();
              return JobOutput.empty();
            }));

    fx.bus.publish(
        WorkerFixture.TOPIC,
        BusPacket.of(
            "t", "x", fx.clock.instant(), Heartbeat.builder().workerId("not-a-job").build()));
    fx.bus.publish(WorkerFixture.TOPIC, BusPacket.builder().traceId("empty").build());
    fx.publish(WorkerFixture.TOPIC, job("").build(), "blank-id");
    fx.quiesce();

    assertThat(calls).hasValue(0);
    assertThat(fx.results.count()).isZero();

    // The worker is still alive and takes the next real job.
    fx.submit("real");
    assertThat(fx.awaitResult("real").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(calls).hasValue(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Input

  @Test
  void inputIsReadThroughTheContextPointer() {
    byte[] input = {1, 2, (byte) 0xfe, 0};
    AtomicReference<Optional<byte[]>> seen = new AtomicReference<>();
    fx.start(
        fx.worker(
            job -> {
              seen.set(job.input());
              return JobOutput.empty();
            }));
    String ptr = fx.pointers.putContext("in1", input);

    fx.submit(job("in1").contextPtr(ptr).build());

    fx.awaitResult("in1");
    assertThat(seen.get()).hasValueSatisfying(b -> assertThat(b).containsExactly(input));
  }

  @Test
  void inputAsStringDecodesUtf8() {
    AtomicReference<Optional<String>> seen = new AtomicReference<>();
    fx.start(
        fx.worker(
            job -> {
              seen.set(job.inputAsString());
              return JobOutput.empty();
            }));
    String ptr = fx.pointers.putContext("in2", "grüße {\"a\":1}".getBytes(StandardCharsets.UTF_8));

    fx.submit(job("in2").contextPtr(ptr).build());

    fx.awaitResult("in2");
    assertThat(seen.get()).hasValue("grüße {\"a\":1}");
  }

  @Test
  void aJobWithoutContextPointerHasNoInput() {
    AtomicReference<Optional<byte[]>> bytes = new AtomicReference<>();
    AtomicReference<Optional<String>> text = new AtomicReference<>();
    fx.start(
        fx.worker(
            job -> {
              bytes.set(job.input());
              text.set(job.inputAsString());
              return JobOutput.empty();
            }));

    fx.submit("no-input");

    assertThat(fx.awaitResult("no-input").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(bytes.get()).isEmpty();
    assertThat(text.get()).isEmpty();
  }

  @Test
  void aContextPointerWithNothingBehindItFailsAHandlerThatReadsIt() {
    // Absent input is a clear reason code, not an empty input the handler mistakes for "".
    fx.start(
        fx.worker(
            job ->
                job.request().env().containsKey("skip-input")
                    ? JobOutput.empty()
                    : JobOutput.of(job.inputAsString().orElse("?"))));

    fx.submit(job("missing").contextPtr(Pointers.contextPointer("missing")).build());
    fx.submit(
        job("unread")
            .contextPtr(Pointers.contextPointer("unread"))
            .putEnv("skip-input", "1")
            .build());

    JobResult r = fx.awaitResult("missing");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.INPUT_UNAVAILABLE);
    assertThat(fx.awaitResult("unread").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void theHandlerCannotChangeTheInputOthersSee() {
    AtomicReference<byte[]> second = new AtomicReference<>();
    fx.start(
        fx.worker(
            job -> {
              byte[] first = job.input().orElseThrow();
              first[0] = 'X';
              second.set(job.input().orElseThrow());
              return JobOutput.empty();
            }));
    String ptr = fx.pointers.putContext("copy", "abc".getBytes(StandardCharsets.UTF_8));

    fx.submit(job("copy").contextPtr(ptr).build());

    fx.awaitResult("copy");
    assertThat(utf8(second.get())).isEqualTo("abc");
  }

  @Test
  void theCapSdkPointerFormIsReadAndAnUnresolvablePointerFailsWithAClearCode() {
    // The CAP SDK examples send redis://ctx/<job_id>; the original's store threw on it and the
    // job failed with the code "ValidationException".
    fx.start(fx.worker(job -> JobOutput.of("got " + job.inputAsString().orElse("none"))));
    fx.pointers.putContext("cap-1", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    fx.submit(job("cap-1").contextPtr("redis://ctx/cap-1").build());
    fx.submit(job("cap-2").contextPtr("s3://bucket/cap-2.json").build());

    assertThat(fx.awaitResult("cap-1").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(
            new String(
                fx.pointers.get(Pointers.resultPointer("cap-1")).orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("got hello");
    JobResult r = fx.awaitResult("cap-2");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.INPUT_UNAVAILABLE);
    assertThat(r.errorMessage()).contains("s3://bucket/cap-2.json");
  }

  @Test
  void inputWithoutAPointerStoreFailsTheJobWithAClearMessage() {
    fx.start(fx.worker(job -> JobOutput.of(job.inputAsString().orElse("none"))).pointers(null));

    fx.submit(job("in-nostore").contextPtr(Pointers.contextPointer("in-nostore")).build());

    JobResult r = fx.awaitResult("in-nostore");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo(WorkerErrorCodes.WORKER_MISCONFIGURED);
    assertThat(r.errorMessage()).contains("in-nostore").contains("no pointer store");
  }

  // ---------------------------------------------------------------------------------------------
  // Output

  @Test
  void emptyOutputSucceedsWithoutAResultPointer() {
    fx.start(fx.worker(job -> JobOutput.empty()));

    fx.submit("empty");

    JobResult r = fx.awaitResult("empty");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(r.resultPtr()).isEmpty();
    assertThat(fx.pointers.get(Pointers.resultPointer("empty"))).isEmpty();
  }

  @Test
  void artifactPointersAreReported() {
    fx.start(fx.worker(job -> JobOutput.of("x").withArtifacts("s3://bucket/a", "s3://bucket/b")));

    fx.submit("art");

    JobResult r = fx.awaitResult("art");
    assertThat(r.artifactPtrs()).containsExactly("s3://bucket/a", "s3://bucket/b");
    assertThat(r.resultPtr()).isEqualTo(Pointers.resultPointer("art"));
  }

  @Test
  void outputWithoutAPointerStoreFailsTheJobInsteadOfCrashing() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.of("lost?")).pointers(null));

    fx.submit("nostore");

    JobResult r = fx.awaitResult("nostore");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("worker_misconfigured");
    assertThat(r.errorMessage()).contains("no pointer store").contains("pointers(");
    assertThat(r.resultPtr()).isEmpty();
    assertThat(r.workerId()).isEqualTo(worker.workerId());
  }

  @Test
  void aWorkerWithoutPointerStoreStillRunsJobsWithoutOutput() {
    fx.start(fx.worker(job -> JobOutput.empty()).pointers(null));

    fx.submit("plain");

    assertThat(fx.awaitResult("plain").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  // ---------------------------------------------------------------------------------------------
  // Failures

  @Test
  void aHandlerExceptionFailsTheJobWithACatalogCodeNotAClassName() {
    fx.start(
        fx.worker(
            job -> {
              throw new IllegalArgumentException("prompt too long");
            }));

    fx.submit("boom");

    JobResult r = fx.awaitResult("boom");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    // The code is read by CAP parties in other languages: a catalog code, never a class name.
    assertThat(r.errorCode()).isEqualTo("handler_failed");
    assertThat(r.errorMessage()).isEqualTo("java.lang.IllegalArgumentException: prompt too long");
    assertThat(r.resultPtr()).isEmpty();
  }

  @Test
  void aCheckedExceptionWithoutMessageFailsWithItsClassName() {
    fx.start(
        fx.worker(
            job -> {
              throw new java.io.IOException();
            }));

    fx.submit("io");

    JobResult r = fx.awaitResult("io");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("handler_failed");
    assertThat(r.errorMessage()).isEqualTo("java.io.IOException");
  }

  @Test
  void anAssertionErrorFailsTheJob() {
    fx.start(
        fx.worker(
            job -> {
              throw new AssertionError("invariant broken");
            }));

    fx.submit("assert");

    JobResult r = fx.awaitResult("assert");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("handler_failed");
    assertThat(r.errorMessage()).isEqualTo("java.lang.AssertionError: invariant broken");
  }

  @Test
  void jobFailedExceptionFailsTheJobWithItsCodeAndMessage() {
    fx.start(
        fx.worker(
            job -> {
              throw new JobFailedException(
                  "quota_exceeded",
                  "tenant acme is over its token quota",
                  new RuntimeException("cause"));
            }));

    fx.submit("quota");

    JobResult r = fx.awaitResult("quota");
    assertThat(r.status()).isEqualTo(JobStatus.FAILED);
    assertThat(r.errorCode()).isEqualTo("quota_exceeded");
    assertThat(r.errorMessage()).isEqualTo("tenant acme is over its token quota");
  }

  @Test
  void aFailedJobDoesNotStopTheWorker() {
    fx.start(
        fx.worker(
            job -> {
              if (job.jobId().equals("bad")) {
                throw new IllegalStateException("bad job");
              }
              return JobOutput.of("ok");
            }));

    fx.submit("bad");
    fx.submit("good");

    assertThat(fx.awaitResult("bad").status()).isEqualTo(JobStatus.FAILED);
    assertThat(fx.awaitResult("good").status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aResultThatCannotBePublishedDoesNotStopTheWorker() {
    Bus flaky =
        new Bus() {
          @Override
          public void publish(String subject, BusPacket packet) {
            JobResult r = packet.jobResult();
            if (r != null && r.jobId().equals("unlucky")) {
              throw new IllegalStateException("bus unavailable");
            }
            fx.bus.publish(subject, packet);
          }

          @Override
          public Subscription subscribe(String subject, String queueGroup, MessageHandler handler) {
            return fx.bus.subscribe(subject, queueGroup, handler);
          }

          @Override
          public void close() {}
        };
    AtomicInteger calls = new AtomicInteger();
    CordumWorker worker =
        fx.start(
            fx.worker(
                    job -> {
                      calls.incrementAndGet();
                      return JobOutput.empty();
                    })
                .bus(flaky)
                .maxParallel(1));

    fx.submit("unlucky");
    fx.submit("next");

    assertThat(fx.awaitResult("next").status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(calls).hasValue(2);
    assertThat(fx.resultMessages("unlucky")).isEmpty();
    eventually().until(() -> worker.activeJobs() == 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Progress and logging context

  @Test
  void progressPublishesRunningJobProgressWithThePercentClamped() {
    CordumWorker worker =
        fx.start(
            fx.worker(
                job -> {
                  job.progress(-5, "starting");
                  job.progress(50, "half way");
                  job.progress(150, "overshoot");
                  return JobOutput.empty();
                }));

    fx.publish(WorkerFixture.TOPIC, job("p1").build(), "trace-p");

    fx.awaitResult("p1");
    fx.quiesce();
    List<BusMessage> msgs = fx.progress.messages();
    assertThat(msgs)
        .hasSize(3)
        .allSatisfy(
            m -> {
              assertThat(m.subject()).isEqualTo(Subjects.PROGRESS);
              assertThat(m.packet().traceId()).isEqualTo("trace-p");
              assertThat(m.packet().senderId()).isEqualTo(worker.workerId());
            });
    List<JobProgress> ps = msgs.stream().map(m -> (JobProgress) m.packet().payload()).toList();
    assertThat(ps).extracting(JobProgress::percent).containsExactly(0, 50, 100);
    assertThat(ps)
        .extracting(JobProgress::message)
        .containsExactly("starting", "half way", "overshoot");
    assertThat(ps)
        .allSatisfy(
            p -> {
              assertThat(p.jobId()).isEqualTo("p1");
              assertThat(p.status()).isEqualTo(JobStatus.RUNNING);
            });
  }

  @Test
  void theHandlerRunsWithJobIdAndTraceIdInTheMdc() {
    Map<String, String> mdc = new ConcurrentHashMap<>();
    fx.start(
        fx.worker(
            job -> {
              mdc.put("job_id", String.valueOf(MDC.get("job_id")));
              mdc.put("trace_id", String.valueOf(MDC.get("trace_id")));
              return JobOutput.empty();
            }));

    fx.publish(WorkerFixture.TOPIC, job("mdc").build(), "trace-mdc");

    fx.awaitResult("mdc");
    assertThat(mdc).containsEntry("job_id", "mdc").containsEntry("trace_id", "trace-mdc");
  }
}
