package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.memory.InMemoryBus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WorkerOptions}: defaults, validation of every option at once, and use by the worker. */
class WorkerOptionsTest {
  private final InMemoryBus bus = InMemoryBus.builder().build();
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
    bus.close();
  }

  private WorkerOptions.Builder valid() {
    return WorkerOptions.builder()
        .bus(bus)
        .handler(job -> JobOutput.empty())
        .pool("default")
        .topics("job.default");
  }

  @Test
  void everyViolationIsReportedInOneExceptionNamingTheOptionAndTheRule() {
    WorkerOptions.Builder b =
        WorkerOptions.builder()
            .workerId("a.b")
            .topics("job..bad", "job.ok", "job.x y")
            .maxParallel(0)
            .heartbeatInterval(Duration.ZERO)
            .defaultTimeout(Duration.ofSeconds(-1))
            .shutdownTimeout(Duration.ofMillis(-1))
            .storeRetryTimeout(Duration.ofMillis(-2));

    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation(
                            "workerId",
                            "must be a subject token without '.', '*', '>' or whitespace,"
                                + " was \"a.b\""),
                        new Violation("pool", "required (the pool name of the pool config)"),
                        new Violation("topics", "not a valid subject: \"job..bad\""),
                        new Violation("topics", "not a valid subject: \"job.x y\""),
                        new Violation("maxParallel", "must be >= 1, was 0"),
                        new Violation("heartbeatInterval", "must be positive, was PT0S"),
                        new Violation("defaultTimeout", "must be positive, was PT-1S"),
                        new Violation("storeRetryTimeout", "must not be negative, was PT-0.002S"),
                        new Violation("shutdownTimeout", "must not be negative, was PT-0.001S"),
                        new Violation("bus", "required"),
                        new Violation("handler", "required")))
        .hasMessage(
            "invalid input: workerId: must be a subject token without '.', '*', '>' or"
                + " whitespace, was \"a.b\"; pool: required (the pool name of the pool config);"
                + " topics: not a valid subject: \"job..bad\"; topics: not a valid subject:"
                + " \"job.x y\"; maxParallel: must be >= 1, was 0; heartbeatInterval: must be"
                + " positive, was PT0S; defaultTimeout: must be positive, was PT-1S;"
                + " storeRetryTimeout: must not be negative, was PT-0.002S; shutdownTimeout: must"
                + " not be negative, was PT-0.001S; bus: required; handler: required");
  }

  @Test
  void theWorkerBuilderReportsEveryViolationToo() {
    assertThatThrownBy(() -> CordumWorker.builder().maxParallel(-1).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("pool", "topics", "maxParallel", "bus", "handler"));
  }

  @Test
  void nullComponentsOfTheRecordAreViolationsNotNullPointers() {
    List<String> topicsWithNull = new ArrayList<>();
    topicsWithNull.add(null);

    assertThatThrownBy(
            () ->
                new WorkerOptions(
                    null,
                    null,
                    topicsWithNull,
                    null,
                    null,
                    null,
                    null,
                    null,
                    1,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::toString)
                    .containsExactly(
                        "workerId: required",
                        "pool: required (the pool name of the pool config)",
                        "topics: must not contain null",
                        "capabilities: required",
                        "labels: required",
                        "region: required",
                        "type: required",
                        "heartbeatInterval: required",
                        "storeRetryTimeout: required",
                        "shutdownTimeout: required",
                        "bus: required",
                        "handler: required",
                        "cpuLoad: required",
                        "clock: required"));
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    WorkerOptions o = valid().build();

    assertThat(o.workerId()).matches("worker-[0-9a-f]{8}");
    assertThat(o.queueGroup()).isNull();
    assertThat(o.capabilities()).isEmpty();
    assertThat(o.labels()).isEmpty();
    assertThat(o.region()).isEmpty();
    assertThat(o.type()).isEqualTo("java");
    assertThat(o.maxParallel()).isEqualTo(1);
    assertThat(o.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.defaultTimeout()).isNull();
    assertThat(o.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.storeRetryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.pointers()).isNull();
    assertThat(o.jobStore()).isNull();
    assertThat(o.executor()).isNull();
    assertThat(o.scheduler()).isNull();
    assertThat(o.clock()).isEqualTo(InstantSource.system());
    assertThat(o.onCancel()).isNull();
  }

  @Test
  void toBuilderRebuildsEqualOptionsAndTheCollectionsAreCopies() {
    WorkerOptions o =
        valid()
            .workerId("w-1")
            .topics("job.more")
            .queueGroup("group")
            .capabilities("gpu", "text")
            .label("zone", "b")
            .label("region", "eu")
            .region("eu-west")
            .type("batch")
            .maxParallel(3)
            .defaultTimeout(Duration.ofMinutes(1))
            .onCancel((id, why) -> {})
            .build();

    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThat(o.topics()).containsExactly("job.default", "job.more");
    assertThat(o.labels().keySet()).containsExactly("zone", "region"); // in the order set
    assertThatThrownBy(() -> o.labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> o.topics().add("job.x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theWorkerBuilderProducesTheSameOptionsAsTheOptionsBuilder() {
    JobHandler handler = job -> JobOutput.empty();
    CpuLoad cpu = CpuLoad.fixed(1f);
    try (CordumWorker w =
        CordumWorker.builder()
            .bus(bus)
            .handler(handler)
            .cpuLoad(cpu)
            .pool("default")
            .topics("job.default")
            .workerId("w-2")
            .label("k", "v")
            .maxParallel(2)
            .build()) {
      WorkerOptions expected =
          valid()
              .handler(handler)
              .cpuLoad(cpu)
              .workerId("w-2")
              .label("k", "v")
              .maxParallel(2)
              .build();

      assertThat(w.options()).isEqualTo(expected);
      assertThat(w.workerId()).isEqualTo("w-2");
    }
  }

  @Test
  void aWorkerCreatedFromOptionsRunsJobsAndHeartbeatsWithThem() {
    WorkerOptions options =
        WorkerOptions.builder()
            .workerId(WorkerFixture.newWorkerId())
            .bus(fx.bus)
            .pointers(fx.pointers)
            .clock(fx.clock)
            .pool(WorkerFixture.POOL)
            .topics(WorkerFixture.TOPIC)
            .cpuLoad(CpuLoad.fixed(WorkerFixture.CPU))
            .capabilities("text")
            .label("region", "eu")
            .maxParallel(2)
            .heartbeatInterval(Duration.ofHours(1))
            .handler(job -> JobOutput.of("ok"))
            .build();
    try (CordumWorker w = CordumWorker.create(options).start()) {
      assertThat(w.options()).isSameAs(options);

      fx.submit("j1");

      JobResult r = fx.awaitResult("j1");
      assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(r.workerId()).isEqualTo(options.workerId());
      assertThat(fx.pointers.get(r.resultPtr())).hasValue("ok".getBytes());
      Heartbeat h = fx.heartbeatsOf(options.workerId()).get(0);
      assertThat(h.pool()).isEqualTo(WorkerFixture.POOL);
      assertThat(h.capabilities()).containsExactly("text");
      assertThat(h.labels()).isEqualTo(Map.of("region", "eu"));
      assertThat(h.maxParallelJobs()).isEqualTo(2);
      assertThat(h.cpuLoad()).isEqualTo(WorkerFixture.CPU);
    }
  }
}
