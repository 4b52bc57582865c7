package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.api.BackendException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobStore;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.core.internal.scheduler.Scheduler;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryJobStore;
import io.cordum.testkit.ManualClock;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobFailedException;
import io.cordum.worker.JobOutput;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded control plane through its public API, with Java workers. */
class CordumTest {

  private static CordumWorker worker(Cordum c, String id, String pool, String topic) {
    return CordumWorker.builder()
        .workerId(id)
        .pool(pool)
        .topics(topic)
        .maxParallel(4)
        .cpuLoad(CpuLoad.fixed(0))
        .bus(c.bus())
        .pointers(c.pointers())
        .handler(
            job -> {
              String in = job.inputAsString().orElse("");
              if (in.equals("fail")) {
                throw new JobFailedException("bad_input", "cannot do " + in);
              }
              return JobOutput.of(in + " by " + job.workerId());
            })
        .build()
        .start();
  }

  @Test
  void runsJobsOnJavaWorkersAcrossTwoPoolsToTheirTerminalStates() throws Exception {
    try (Cordum cordum =
            Cordum.builder()
                .pools(
                    PoolConfig.builder()
                        .topic("job.a", "pa")
                        .topic("job.b", "pb")
                        .pool("pa")
                        .pool("pb")
                        .build())
                .build()
                .start();
        CordumWorker a1 = worker(cordum, "a1", "pa", "job.a");
        CordumWorker a2 = worker(cordum, "a2", "pa", "job.a");
        CordumWorker b1 = worker(cordum, "b1", "pb", "job.b")) {
      List<SubmittedJob> jobs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        jobs.add(
            cordum
                .jobs()
                .submit(
                    JobSubmission.builder()
                        .topic(i % 2 == 0 ? "job.a" : "job.b")
                        .input("in" + i)
                        .build()));
      }
      SubmittedJob failing =
          cordum.jobs().submit(JobSubmission.builder().topic("job.a").input("fail").build());
      for (int i = 0; i < jobs.size(); i++) {
        JobRecord r = cordum.jobs().awaitTerminal(jobs.get(i).jobId()).get(10, TimeUnit.SECONDS);
        assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
        String out = new String(cordum.jobs().result(r.id()).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(out).startsWith("in" + i + " by " + (i % 2 == 0 ? "a" : "b1"));
        assertThat(new String(cordum.jobs().input(r.id()).orElseThrow(), StandardCharsets.UTF_8))
            .isEqualTo("in" + i);
        assertThat(r.safety().decision()).isEqualTo(SafetyDecision.ALLOW);
      }
      JobRecord f = cordum.jobs().awaitTerminal(failing.jobId()).get(10, TimeUnit.SECONDS);
      assertThat(f.state()).isEqualTo(JobState.FAILED);
      assertThat(f.reasonCode()).isEqualTo("bad_input");
      assertThat(f.workerId()).startsWith("a");
      assertThat(cordum.workers().snapshot()).containsOnlyKeys("a1", "a2", "b1");
    }
  }

  @Test
  void awaitingAJobSubmittedHereDoesNotReadTheStoreAWaitForAnyOtherJobDoes() throws Exception {
    java.util.concurrent.atomic.AtomicInteger awaitReads =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.Semaphore awaiting = new java.util.concurrent.Semaphore(0);
    JobStore inner = new InMemoryJobStore(java.time.InstantSource.system());
    JobStore store =
        (JobStore)
            java.lang.reflect.Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("get") && calledFromAwait()) {
                    awaitReads.incrementAndGet();
                  }
                  try {
                    return method.invoke(inner, args);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (Cordum cordum =
            Cordum.builder()
                .jobStore(store)
                .pools(PoolConfig.builder().topic("job.a", "pa").pool("pa").build())
                .build()
                .start();
        CordumWorker a1 =
            CordumWorker.builder()
                .workerId("a1")
                .pool("pa")
                .topics("job.a")
                .cpuLoad(CpuLoad.fixed(0))
                .bus(cordum.bus())
                .handler(
                    job -> {
                      // Ends only once the wait is registered, as a job slower than its
                      // submitter's next call does.
                      if (!awaiting.tryAcquire(10, TimeUnit.SECONDS)) {
                        throw new JobFailedException("test", "the wait was not registered");
                      }
                      return JobOutput.empty();
                    })
                .build()
                .start()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = cordum.jobs().submit(JobSubmission.builder().topic("job.a").build()).jobId();
        ids.add(id);
        var done = cordum.jobs().awaitTerminal(id);
        awaiting.release();
        assertThat(done.get(10, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
      }
      assertThat(awaitReads).hasValue(0);

      // Waited for once already (or submitted elsewhere): the wait reads the ended record.
      for (String id : ids) {
        assertThat(cordum.jobs().awaitTerminal(id).get(10, TimeUnit.SECONDS).state())
            .isEqualTo(JobState.SUCCEEDED);
      }
      assertThat(awaitReads).hasValue(20);
    }
  }

  private static boolean calledFromAwait() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    f ->
                        f.getClassName().endsWith(".TerminalWatcher")
                            && f.getMethodName().equals("await")));
  }

  @Test
  void submitValidatesEveryFieldAndNamesIt() {
    try (Cordum cordum = Cordum.builder().build()) {
      assertThatThrownBy(
              () ->
                  cordum
                      .jobs()
                      .submit(
                          JobSubmission.builder()
                              .topic("bad topic")
                              .jobId("a b")
                              .placement(" ", "x")
                              .build()))
          .isInstanceOfSatisfying(
              ValidationException.class,
              e ->
                  assertThat(e.violations())
                      .extracting(ValidationException.Violation::field)
                      .containsExactly("topic", "job_id", "labels"));
      assertThatThrownBy(() -> cordum.jobs().submit(JobSubmission.builder().build()))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("topic: must not be blank");
    }
  }

  @Test
  void idempotencyKeyReturnsTheFirstJob() {
    try (Cordum cordum = Cordum.builder().build()) {
      SubmittedJob first =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .idempotencyKey("k1")
                      .traceId("tr")
                      .build());
      SubmittedJob again =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.default").idempotencyKey("k1").build());
      assertThat(again.duplicate()).isTrue();
      assertThat(again.jobId()).isEqualTo(first.jobId());
      assertThat(again.traceId()).isEqualTo("tr");
      SubmittedJob otherTenant =
          cordum
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic("job.default")
                      .tenant("t2")
                      .idempotencyKey("k1")
                      .build());
      assertThat(otherTenant.duplicate()).isFalse();
    }
  }

  @Test
  void aSubmitWhosePublishFailsIsDispatchedByTheTimerLoop() throws Exception {
    InMemoryBus real = InMemoryBus.builder().build();
    var failing =
        io.cordum.core.internal.scheduler.FailingBusForTests.create(real, "sys.job.submit", 1);
    try (Cordum cordum =
            Cordum.builder()
                .bus(failing)
                .scheduler(s -> s.tickInterval(Duration.ofMillis(20)))
                .build()
                .start();
        CordumWorker w = worker(cordum, "w1", "default", "job.default")) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("x").build());
      assertThat(cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
    } finally {
      real.close();
    }
  }

  /** Drops submits and hands their (failing) confirmation to the test, as a lost JetStream ack. */
  private static final class LostSubmitBus implements io.cordum.api.bus.Bus {
    private final io.cordum.api.bus.Bus delegate;
    final java.util.List<java.util.concurrent.CompletableFuture<Void>> acks =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    LostSubmitBus(io.cordum.api.bus.Bus delegate) {
      this.delegate = delegate;
    }

    @Override
    public void publish(String subject, io.cordum.api.cap.BusPacket packet) {
      delegate.publish(subject, packet);
    }

    @Override
    public void publish(String subject, io.cordum.api.cap.BusPacket packet, String messageId) {
      delegate.publish(subject, packet, messageId);
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> publishAsync(
        String subject,
        io.cordum.api.cap.BusPacket packet,
        @org.jspecify.annotations.Nullable String messageId) {
      if (!subject.equals(io.cordum.api.cap.Subjects.SUBMIT)) {
        return delegate.publishAsync(subject, packet, messageId);
      }
      var ack = new java.util.concurrent.CompletableFuture<Void>();
      acks.add(ack);
      return ack;
    }

    @Override
    public io.cordum.api.bus.Subscription subscribe(
        String subject,
        @org.jspecify.annotations.Nullable String queueGroup,
        io.cordum.api.bus.MessageHandler handler) {
      return delegate.subscribe(subject, queueGroup, handler);
    }

    @Override
    public boolean hasSubscribers(String subject) {
      return delegate.hasSubscribers(subject);
    }

    @Override
    public void close() {}
  }

  @Test
  void aSubmitWhoseAckFailsLaterIsDispatchedByTheTimerLoop() throws Exception {
    InMemoryBus real = InMemoryBus.builder().build();
    var lossy = new LostSubmitBus(real);
    try (Cordum cordum =
            Cordum.builder()
                .bus(lossy)
                .scheduler(s -> s.tickInterval(Duration.ofMillis(20)))
                .build()
                .start();
        CordumWorker w = worker(cordum, "w1", "default", "job.default")) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("x").build());
      // The submit returned before its publish was confirmed; the message never arrived.
      assertThat(lossy.acks).hasSize(1);
      assertThat(lossy.acks.get(0)).isNotDone();

      lossy.acks.get(0).completeExceptionally(new BackendException("no ack (test)", null));

      assertThat(cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
    } finally {
      real.close();
    }
  }

  @Test
  void cancelReachesTheWorkerAndEndsTheJob() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w =
            CordumWorker.builder()
                .workerId("w1")
                .pool("default")
                .topics("job.default")
                .cpuLoad(CpuLoad.fixed(0))
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(
                    job -> {
                      while (!job.isCancelled()) {
                        Thread.onSpinWait();
                      }
                      job.throwIfCancelled();
                      return JobOutput.empty();
                    })
                .build()
                .start()) {
      SubmittedJob job = cordum.jobs().submit(JobSubmission.builder().topic("job.default").build());
      org.awaitility.Awaitility.await().until(() -> w.activeJobs() == 1);
      JobRecord r = cordum.jobs().cancel(job.jobId(), "user asked");
      assertThat(r.state()).isEqualTo(JobState.CANCELLED);
      org.awaitility.Awaitility.await().until(() -> w.activeJobs() == 0);
      assertThat(cordum.jobs().get(job.jobId()).orElseThrow().reason()).isEqualTo("user asked");
    }
  }

  @Test
  void guiceHostsOverrideBackendsWithOptionalBinderAndKeepTheRest() {
    ManualClock clock = new ManualClock();
    InMemoryJobStore store = new InMemoryJobStore(clock);
    var injector =
        Guice.createInjector(
            new CordumModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), JobStore.class)
                    .setBinding()
                    .toInstance(store);
                OptionalBinder.newOptionalBinder(binder(), java.time.InstantSource.class)
                    .setBinding()
                    .toInstance(clock);
              }
            });
    try (Cordum cordum = Cordum.fromInjector(injector)) {
      assertThat(cordum.bus()).isInstanceOf(InMemoryBus.class);
      SubmittedJob job = cordum.jobs().submit(JobSubmission.builder().topic("job.default").build());
      assertThat(store.get(job.jobId()).orElseThrow().createdAt()).isEqualTo(clock.instant());
    }
  }

  @Test
  void closeLeavesHostInstancesOpenAndIsIdempotent() {
    InMemoryBus bus = InMemoryBus.builder().build();
    Cordum cordum = Cordum.builder().bus(bus).build().start();
    cordum.close();
    cordum.close();
    assertThat(cordum.instance(Scheduler.class).isRunning()).isFalse();
    bus.publish("job.x", io.cordum.api.cap.BusPacket.builder().build()); // still open
    bus.close();
  }

  @Test
  void metricsGoToTheGivenRegistry() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Cordum cordum = Cordum.builder().meterRegistry(meters).build().start();
        CordumWorker w = worker(cordum, "w1", "default", "job.default")) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.default").input("x").build());
      cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS);
      // The client's future can complete before the scheduler has counted the job: wait for it.
      org.awaitility.Awaitility.await()
          .untilAsserted(
              () -> {
                var completed =
                    meters
                        .find("cordum.scheduler.jobs.completed")
                        .tags("status", JobStatus.SUCCEEDED.protoName())
                        .counter();
                assertThat(completed).isNotNull();
                assertThat(completed.count()).isEqualTo(1);
              });
    }
  }

  @Test
  void poolsAndTimeoutsComeFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path pools = dir.resolve("pools.yaml");
    Files.writeString(pools, "topics:\n  job.env: envpool\npools:\n  envpool: {requires: []}\n");
    Path timeouts = dir.resolve("timeouts.yaml");
    Files.writeString(timeouts, "reconciler: {running_timeout_seconds: 42}\n");
    try (Cordum cordum =
            Cordum.builder()
                .fromEnvironment(
                    Map.of(
                        "POOL_CONFIG_PATH",
                        pools.toString(),
                        "TIMEOUT_CONFIG_PATH",
                        timeouts.toString()))
                .build()
                .start();
        CordumWorker w = worker(cordum, "e1", "envpool", "job.env")) {
      SubmittedJob job =
          cordum.jobs().submit(JobSubmission.builder().topic("job.env").input("x").build());
      assertThat(cordum.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
    }
  }
}
