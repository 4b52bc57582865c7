package io.cordum.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.memory.InMemoryBus;
import io.cordum.memory.InMemoryPointerStore;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;

/**
 * A bus, a pointer store and a manual clock for worker tests, with recorders on the subjects a
 * worker publishes to. Closing it opens every gate handed out (so no handler stays blocked), closes
 * the workers it started and then the bus.
 */
final class WorkerFixture implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final String POOL = "default";
  static final String TOPIC = "job.default";
  static final float CPU = 37.5f;

  private static final AtomicInteger IDS = new AtomicInteger();

  final ManualClock clock = new ManualClock();
  final InMemoryBus bus = InMemoryBus.builder().build();
  final InMemoryPointerStore pointers = new InMemoryPointerStore(clock);
  final RecordingHandler results = new RecordingHandler();
  final RecordingHandler heartbeats = new RecordingHandler();
  final RecordingHandler progress = new RecordingHandler();

  private final List<CordumWorker> workers = new CopyOnWriteArrayList<>();
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

  WorkerFixture() {
    bus.subscribe(Subjects.RESULT, null, results);
    bus.subscribe(Subjects.HEARTBEAT, null, heartbeats);
    bus.subscribe(Subjects.PROGRESS, null, progress);
  }

  /** Awaitility with a short poll interval and the fixture's timeout. */
  static ConditionFactory eventually() {
    return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5));
  }

  /** A unique worker id. */
  static String newWorkerId() {
    return "w" + IDS.incrementAndGet();
  }

  /**
   * A builder for a worker on this fixture's bus, pointer store and clock, on pool {@value #POOL}
   * and topic {@value #TOPIC}, with a fixed CPU load and a heartbeat interval long enough that only
   * the first heartbeat is sent.
   */
  CordumWorker.Builder worker(JobHandler handler) {
    return CordumWorker.builder()
        .workerId(newWorkerId())
        .bus(bus)
        .pointers(pointers)
        .clock(clock)
        .pool(POOL)
        .topics(TOPIC)
        .cpuLoad(CpuLoad.fixed(CPU))
        .heartbeatInterval(Duration.ofHours(1))
        .shutdownTimeout(Duration.ofSeconds(5))
        .handler(handler);
  }

  /** Builds the worker and remembers it for {@link #close()}; not started. */
  CordumWorker build(CordumWorker.Builder builder) {
    CordumWorker w = builder.build();
    workers.add(w);
    return w;
  }

  /** Builds and starts the worker. */
  CordumWorker start(CordumWorker.Builder builder) {
    return build(builder).start();
  }

  /** A latch with count 1 that {@link #close()} opens if the test did not. */
  CountDownLatch gate() {
    CountDownLatch g = new CountDownLatch(1);
    gates.add(g);
    return g;
  }

  static JobRequest.Builder job(String id) {
    return JobRequest.builder().jobId(id).topic(TOPIC);
  }

  /** Publishes a job request on the pool topic with trace id {@code trace-<job_id>}. */
  void submit(JobRequest req) {
    publish(TOPIC, req, "trace-" + req.jobId());
  }

  void submit(String jobId) {
    submit(job(jobId).build());
  }

  void publish(String subject, JobRequest req, String traceId) {
    bus.publish(subject, BusPacket.of(traceId, "scheduler", clock.instant(), req));
  }

  void cancel(String jobId, String reason) {
    bus.publish(
        Subjects.CANCEL,
        BusPacket.of(
            "trace-" + jobId,
            "gateway",
            clock.instant(),
            JobCancel.builder().jobId(jobId).reason(reason).requestedBy("tester").build()));
  }

  /** Waits until the bus has handled everything published so far. */
  void quiesce() {
    assertThat(bus.awaitQuiescence(TIMEOUT)).as("bus quiescence").isTrue();
  }

  /** Every result published for the job so far. */
  List<BusMessage> resultMessages(String jobId) {
    List<BusMessage> out = new ArrayList<>();
    for (BusMessage m : results.messages()) {
      JobResult r = m.packet().jobResult();
      if (r != null && r.jobId().equals(jobId)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Waits for the job's first result message. */
  BusMessage awaitResultMessage(String jobId) {
    eventually().alias("result of " + jobId).until(() -> !resultMessages(jobId).isEmpty());
    return resultMessages(jobId).get(0);
  }

  /** Waits for the job's first result. */
  JobResult awaitResult(String jobId) {
    return awaitResultMessage(jobId).packet().jobResult();
  }

  List<Heartbeat> heartbeatsOf(String workerId) {
    List<Heartbeat> out = new ArrayList<>();
    for (BusMessage m : heartbeats.messages()) {
      Heartbeat h = m.packet().heartbeat();
      if (h != null && h.workerId().equals(workerId)) {
        out.add(h);
      }
    }
    return out;
  }

  @Override
  public void close() {
    gates.forEach(CountDownLatch::countDown);
    for (int i = workers.size() - 1; i >= 0; i--) {
      workers.get(i).close();
    }
    bus.close();
  }

  /** Counts handlers running at once and remembers the peak and which jobs started. */
  static final class Concurrency {
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();

    void enter(String jobId) {
      int n = now.incrementAndGet();
      peak.accumulateAndGet(n, Math::max);
      started.add(jobId);
      runs.merge(jobId, 1, Integer::sum);
    }

    void exit() {
      now.decrementAndGet();
    }

    int running() {
      return now.get();
    }

    int peak() {
      return peak.get();
    }

    Set<String> started() {
      return Set.copyOf(started);
    }

    Map<String, Integer> runs() {
      return Map.copyOf(runs);
    }
  }
}
