package io.cordum.bench;

import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.memory.InMemoryBus;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * End-to-end load harness on the in-memory backends: a client keeps {@code window} jobs in flight
 * (submit, await terminal), two no-op Java workers serve them. The floor is the same request/reply
 * pattern on the raw in-memory bus: publish a request, a subscriber replies, the client counts the
 * reply. The peer is Quartz's RAM job store driven by the same client ({@link QuartzPeer}). Usage:
 * {@code EndToEndBench [jobs] [windows, such as 1,4,256] [rows, such as floor,cordum,quartz]}.
 */
public final class EndToEndBench {
  private EndToEndBench() {}

  /** Runs the floor and Cordum at a low and a saturating window and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int[] windows =
        args.length > 1
            ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 4, 256};
    String rows = args.length > 2 ? args[2] : "floor,cordum,quartz";
    List<Result> results = new ArrayList<>();
    // Warm-up runs (JIT), not reported.
    if (rows.contains("floor")) {
      floor(jobs / 4, 64);
    }
    if (rows.contains("cordum")) {
      cordum(jobs / 4, 64);
    }
    if (rows.contains("quartz")) {
      QuartzPeer.run(jobs / 4, 64);
    }
    for (int window : windows) {
      if (rows.contains("floor")) {
        results.add(floor(jobs, window));
      }
      if (rows.contains("cordum")) {
        results.add(cordum(jobs, window));
      }
      if (rows.contains("quartz")) {
        results.add(QuartzPeer.run(jobs, window));
      }
    }
    System.out.println(Result.header());
    results.forEach(r -> System.out.println(r.row()));
  }

  static Result floor(int jobs, int window) throws Exception {
    try (InMemoryBus bus = InMemoryBus.builder().build()) {
      Map<String, Long> started = new ConcurrentHashMap<>();
      Histogram h = new Histogram();
      Semaphore inflight = new Semaphore(window);
      Subscription worker =
          bus.subscribe(
              "job.floor",
              "job.floor",
              m -> {
                JobRequest r = Objects.requireNonNull(m.packet().jobRequest(), "job request");
                bus.publish(
                    "reply.floor",
                    BusPacket.of(
                        r.jobId(),
                        "w",
                        Instant.EPOCH,
                        JobResult.builder().jobId(r.jobId()).status(JobStatus.SUCCEEDED).build()));
              });
      Subscription client =
          bus.subscribe(
              "reply.floor",
              null,
              m -> {
                JobResult res = Objects.requireNonNull(m.packet().jobResult(), "job result");
                Long t0 = started.remove(res.jobId());
                h.record(System.nanoTime() - t0);
                inflight.release();
              });
      long begin = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        inflight.acquire();
        String id = "f" + i;
        started.put(id, System.nanoTime());
        bus.publish(
            "job.floor",
            BusPacket.of(
                id, "c", Instant.EPOCH, JobRequest.builder().jobId(id).topic("job.floor").build()));
      }
      inflight.acquire(window);
      double secs = (System.nanoTime() - begin) / 1e9;
      worker.close();
      client.close();
      return new Result(
          "floor: raw bus request/reply",
          window,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    }
  }

  static Result cordum(int jobs, int window) throws Exception {
    try (Cordum cordum =
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
            .build()
            .start()) {
      List<CordumWorker> workers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        workers.add(
            CordumWorker.builder()
                .workerId("bench-" + i)
                .pool("bench")
                .topics("job.bench")
                .maxParallel(window)
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      Histogram h = new Histogram();
      long begin = Submitters.runJobs(cordum, jobs, window, h);
      double secs = (System.nanoTime() - begin) / 1e9;
      for (CordumWorker w : workers) {
        w.close();
      }
      return new Result(
          "cordum: submit to SUCCEEDED",
          window,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    }
  }
}
