package io.cordum.bench;

import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps {@code window} jobs in flight. {@code JobClient.submit} is a synchronous call (it saves the
 * job, then publishes it), so one submitting thread would cap the rate at one store round trip per
 * job; up to 8 threads submit, each waiting for a free slot in the window.
 */
final class Submitters {
  private Submitters() {}

  /**
   * Submits {@code jobs} jobs with at most {@code window} unfinished; returns the start time
   * (nanoTime) once all have finished.
   *
   * @param submitOne submits one job and returns a future completed when it finished
   */
  static long run(int jobs, int window, Supplier<CompletableFuture<?>> submitOne) throws Exception {
    Semaphore inflight = new Semaphore(window);
    int threads = Math.min(window, 8);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long begin = System.nanoTime();
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = jobs / threads + (t < jobs % threads ? 1 : 0);
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < share; i++) {
                    if (!inflight.tryAcquire(60, TimeUnit.SECONDS)) {
                      throw new IllegalStateException("jobs stopped finishing");
                    }
                    var unused = submitOne.get().whenComplete((r, e) -> inflight.release());
                  }
                  return null;
                }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      if (!inflight.tryAcquire(window, 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("jobs did not finish");
      }
      return begin;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@link #run} with Cordum jobs on topic {@code job.bench}: each is submitted, awaited to its
   * end, and its submit-to-end time recorded in {@code latencies}; a job that does not succeed is
   * reported on stderr.
   */
  static long runJobs(Cordum cordum, int jobs, int window, Histogram latencies) throws Exception {
    return run(
        jobs,
        window,
        () -> {
          long t0 = System.nanoTime();
          String id =
              cordum.jobs().submit(JobSubmission.builder().topic("job.bench").build()).jobId();
          return cordum
              .jobs()
              .awaitTerminal(id)
              .whenComplete(
                  (r, e) -> {
                    if (e != null || r.state() != JobState.SUCCEEDED) {
                      System.err.println("job " + id + " ended " + (e != null ? e : r.state()));
                    }
                    latencies.record(System.nanoTime() - t0);
                  });
        });
  }
}
