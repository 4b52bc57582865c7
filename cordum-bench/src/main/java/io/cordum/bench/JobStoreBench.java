package io.cordum.bench;

import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import io.cordum.testkit.servers.RedisServer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Redis job store alone, with many threads writing: each thread takes jobs through save,
 * SCHEDULED, RUNNING and SUCCEEDED (four writes, each waiting for the previous one), on a private
 * {@code redis-server} without persistence. Compares group commit settings ({@link
 * RedisConfig#jobWriteBatch()}) at several thread counts; prints jobs/s, the p50/p99 of one write,
 * and what a job cost Redis. Usage: {@code JobStoreBench [jobs] [threads, such as 1,16,64]
 * [batches, such as 1,32]}.
 */
public final class JobStoreBench {
  private static final List<JobState> LIFE =
      List.of(JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED);

  private JobStoreBench() {}

  /** Runs every (threads, batch) pair after a warm-up. */
  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int[] threads = ints(args.length > 1 ? args[1] : "1,16,64");
    int[] batches = ints(args.length > 2 ? args[2] : "1,32");
    try (RedisServer redis = RedisServer.start(List.of("--appendonly", "no"))) {
      List<Result> results = new ArrayList<>();
      run(redis, jobs / 4, 16, batches[batches.length - 1]);
      for (int t : threads) {
        for (int b : batches) {
          results.add(run(redis, jobs, t, b));
        }
      }
      System.out.println(Result.header());
      results.forEach(r -> System.out.println(r.row()));
    }
  }

  static Result run(RedisServer redis, int jobs, int threads, int batch) throws Exception {
    RedisConfig rc =
        RedisConfig.builder()
            .url(redis.url())
            .keyPrefix("bench-" + UUID.randomUUID().toString().substring(0, 8) + ":")
            .jobWriteBatch(batch)
            .build();
    Histogram h = new Histogram();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RedisConnections conns = RedisConnections.create(rc)) {
      RedisJobStore store = new RedisJobStore(conns, InstantSource.system());
      RedisProfile before = RedisProfile.take(conns.client());
      long begin = System.nanoTime();
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        int share = jobs / threads + (t < jobs % threads ? 1 : 0);
        tasks.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < share; i++) {
                    String id = "t" + thread + "-" + i;
                    long t0 = System.nanoTime();
                    JobRecord r =
                        store.save(
                            JobRequest.builder()
                                .jobId(id)
                                .topic("job.bench")
                                .tenantId("acme")
                                .build(),
                            null);
                    h.record(System.nanoTime() - t0);
                    for (JobState s : LIFE) {
                      t0 = System.nanoTime();
                      r =
                          store.transition(
                              id, Transition.to(s).expectedVersion(r.version()).build());
                      h.record(System.nanoTime() - t0);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : tasks) {
        f.get();
      }
      double secs = (System.nanoTime() - begin) / 1e9;
      System.out.println(
          "  threads "
              + threads
              + " batch "
              + batch
              + " "
              + RedisProfile.take(conns.client()).since(before, jobs));
      return new Result(
          "job store, " + threads + " threads, jobWriteBatch " + batch,
          threads,
          jobs,
          secs,
          h.percentileMicros(50),
          h.percentileMicros(99));
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] ints(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
