package io.cordum.worker;

import static io.cordum.worker.WorkerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.Subjects;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Heartbeats: one at start, then one every interval, describing the worker and its load. */
class CordumWorkerHeartbeatTest {
  private final WorkerFixture fx = new WorkerFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void startHeartbeatsImmediatelyWithTheWorkersDescription() {
    // The interval is an hour: a heartbeat seen now can only be the one sent at start.
    CordumWorker worker =
        fx.start(
            fx.worker(job -> JobOutput.empty())
                .workerId("hb-worker")
                .capabilities("echo", "summarize")
                .label("zone", "eu-1")
                .label("gpu", "none")
                .region("eu")
                .maxParallel(4));

    eventually().until(() -> fx.heartbeats.count() >= 1);
    BusMessage m = fx.heartbeats.messages().get(0);
    assertThat(m.subject()).isEqualTo(Subjects.HEARTBEAT);
    assertThat(m.packet().traceId()).isEqualTo("hb-worker");
    assertThat(m.packet().senderId()).isEqualTo("hb-worker");
    assertThat(m.packet().createdAt()).isEqualTo(fx.clock.instant());
    Heartbeat hb = m.packet().heartbeat();
    assertThat(hb).isNotNull();
    assertThat(hb.workerId()).isEqualTo(worker.workerId()).isEqualTo("hb-worker");
    assertThat(hb.pool()).isEqualTo(WorkerFixture.POOL);
    assertThat(hb.capabilities()).containsExactly("echo", "summarize");
    assertThat(hb.labels()).isEqualTo(Map.of("zone", "eu-1", "gpu", "none"));
    assertThat(hb.region()).isEqualTo("eu");
    assertThat(hb.type()).isEqualTo("java");
    assertThat(hb.maxParallelJobs()).isEqualTo(4);
    assertThat(hb.cpuLoad()).isEqualTo(WorkerFixture.CPU);
    assertThat(hb.activeJobs()).isZero();
  }

  @Test
  void theWorkerTypeIsConfigurable() {
    CordumWorker worker = fx.start(fx.worker(job -> JobOutput.empty()).type("java-gpu"));

    eventually().until(() -> !fx.heartbeatsOf(worker.workerId()).isEmpty());
    assertThat(fx.heartbeatsOf(worker.workerId()).get(0).type()).isEqualTo("java-gpu");
  }

  @Test
  void theCpuLoadIsReadFromTheSourceAtEveryHeartbeat() {
    AtomicReference<Float> load = new AtomicReference<>(10f);
    CordumWorker worker =
        fx.start(
            fx.worker(job -> JobOutput.empty())
                .cpuLoad(() -> load.get())
                .heartbeatInterval(Duration.ofMillis(20)));
    eventually().until(() -> !fx.heartbeatsOf(worker.workerId()).isEmpty());

    load.set(95f);

    eventually()
        .until(() -> fx.heartbeatsOf(worker.workerId()).stream().anyMatch(h -> h.cpuLoad() == 95f));
    assertThat(fx.heartbeatsOf(worker.workerId()).get(0).cpuLoad()).isEqualTo(10f);
  }

  @Test
  void heartbeatsAgainEveryInterval() {
    CordumWorker worker =
        fx.start(fx.worker(job -> JobOutput.empty()).heartbeatInterval(Duration.ofMillis(50)));
    eventually().until(() -> fx.heartbeatsOf(worker.workerId()).size() >= 1);
    Instant later = fx.clock.advance(Duration.ofMinutes(1));

    // At least two more beats after the first, stamped with the injected clock's time.
    eventually()
        .until(
            () ->
                fx.heartbeats.messages().stream()
                        .filter(m -> later.equals(m.packet().createdAt()))
                        .count()
                    >= 2);

    assertThat(fx.heartbeatsOf(worker.workerId()))
        .allSatisfy(
            h -> {
              assertThat(h.pool()).isEqualTo(WorkerFixture.POOL);
              assertThat(h.cpuLoad()).isEqualTo(WorkerFixture.CPU);
            });
  }
}
