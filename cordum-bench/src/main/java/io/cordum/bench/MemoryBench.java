package io.cordum.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap the in-memory backends keep per finished job, and whether a long run holds up: the
 * embedded control plane with its defaults ({@code Cordum.builder()}: in-memory bus and stores,
 * jobs kept for their 7-day retention) and two no-op workers; a client keeps {@code window} jobs in
 * flight until {@code jobs} have succeeded, printing the rate, p50/p99 and the longest GC pause of
 * every {@code segment} jobs. At the end it collects garbage and prints the heap in use against the
 * same measure taken before the first job: their difference over the job count is the heap per
 * retained job. JVM flags are the caller's (the defaults a user gets unless named). Usage: {@code
 * MemoryBench [jobs, 1000000] [window, 256] [segment, 100000]}.
 */
public final class MemoryBench {
  private static final AtomicLong MAX_PAUSE_MS = new AtomicLong();
  private static final AtomicLong PAUSES = new AtomicLong();

  private MemoryBench() {}

  /** Runs the jobs and prints one line per segment, then the heap per retained job. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    int segment = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    watchGc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "JVM %s, max heap %d MiB, GC %s%n",
        System.getProperty("java.version"),
        rt.maxMemory() >> 20,
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList());
    try (Cordum cordum =
        Cordum.builder()
            .pools(PoolConfig.builder().topic("job.bench", "bench").pool("bench").build())
            .build()
            .start()) {
      List<CordumWorker> workers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        workers.add(
            CordumWorker.builder()
                .workerId("mem-" + i)
                .pool("bench")
                .topics("job.bench")
                .maxParallel(window)
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .handler(job -> JobOutput.empty())
                .build()
                .start());
      }
      // Warm-up (JIT), then the baseline heap with the warm-up's jobs in it.
      segment(cordum, Math.min(20_000, jobs), window);
      long before = usedAfterGc();
      System.out.println(
          "| jobs done | segment jobs/s | p50 (µs) | p99 (µs) | longest GC pause (ms) | heap used (MiB) |");
      System.out.println("|---:|---:|---:|---:|---:|---:|");
      int done = 0;
      while (done < jobs) {
        int n = Math.min(segment, jobs - done);
        MAX_PAUSE_MS.set(0);
        Result r = segment(cordum, n, window);
        done += n;
        System.out.printf(
            "| %,d | %,.0f | %.1f | %.1f | %d | %,d |%n",
            done,
            r.perSecond(),
            r.p50Micros(),
            r.p99Micros(),
            MAX_PAUSE_MS.get(),
            (rt.totalMemory() - rt.freeMemory()) >> 20);
      }
      long after = usedAfterGc();
      System.out.printf(
          "heap after full GC: %,d MiB before, %,d MiB after %,d jobs: %,d bytes per retained job;"
              + " %d GC pauses in all%n",
          before >> 20, after >> 20, jobs, (after - before) / jobs, PAUSES.get());
      if (Boolean.getBoolean("bench.hold")) { // time for jcmd GC.class_histogram
        Thread.sleep(30_000);
      }
      for (CordumWorker w : workers) {
        w.close();
      }
    }
  }

  private static Result segment(Cordum cordum, int jobs, int window) throws Exception {
    Histogram h = new Histogram();
    long begin = Submitters.runJobs(cordum, jobs, window, h);
    double secs = (System.nanoTime() - begin) / 1e9;
    return new Result("memory", window, jobs, secs, h.percentileMicros(50), h.percentileMicros(99));
  }

  @SuppressWarnings("UnusedVariable")
  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }

  private static void watchGc() {
    NotificationListener listener =
        (n, hb) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
              n.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            if (!info.getGcAction().contains("concurrent")
                && !info.getGcName().contains("Cycles")) {
              PAUSES.incrementAndGet();
              MAX_PAUSE_MS.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
            }
          }
        };
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
    }
  }
}
