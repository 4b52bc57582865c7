package io.cordum.bench;

import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.testkit.http.HttpFuzz;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The gateway's fuzz run at scale: {@code n} hostile requests (malformed, truncated, oversized,
 * wrongly typed JSON, odd paths, header floods; the generator of {@code FuzzTest}) from {@code
 * threads} connections against a gateway on the in-memory backends, with a policy and the default
 * body limit (2 MiB). Prints the status counts, any 5xx or unanswered request, requests per second
 * and the heap before and after. Exits 1 on a 5xx or an unanswered request.
 *
 * <p>Run: {@code ./mvnw -B -q -pl cordum-bench -am -DskipTests package exec:java
 * -Dexec.mainClass=io.cordum.bench.GatewayFuzzBench -Dexec.args="100000 4"}
 */
public final class GatewayFuzzBench {
  private GatewayFuzzBench() {}

  /** Runs the fuzz; arguments: requests (default 100,000), threads (default 4), seed. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    java.nio.file.Path policy = java.nio.file.Files.createTempFile("fuzz-policy", ".yaml");
    java.nio.file.Files.writeString(
        policy,
        "rules:\n  - id: hold\n    match: {topics: "
            + "[\"job.hold\"]}\n    decision: require_approval\n");
    policy.toFile().deleteOnExit();
    // Rate limit off: the fuzz sends one key's traffic as fast as it can; the limiter is
    // covered by the tests. Every other setting is the default.
    GatewayConfig cfg =
        GatewayConfig.builder()
            .port(0)
            .apiKeys(ApiKeys.of("fuzz-key"))
            .rateLimitPerSecond(0)
            .build();
    try (Cordum cordum =
            Cordum.builder()
                .policy(policy)
                .pools(PoolConfig.builder().topic("job.default", "default").pool("default").build())
                .build()
                .start();
        Gateway gateway = Gateway.builder().cordum(cordum).config(cfg).build().start()) {
      List<String> routes =
          gateway.routes().stream().map(r -> r.method() + " " + r.pattern()).toList();
      HttpFuzz fuzz =
          new HttpFuzz(
              "127.0.0.1",
              gateway.port(),
              routes,
              "fuzz-key",
              cfg.maxBodyBytes(),
              cfg.maxHeaderBytes(),
              30_000);
      fuzz.run(seed - 1, 1000); // warm-up
      long heapBefore = heap();
      HttpFuzz.Report report = new HttpFuzz.Report();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long s = seed * 1000 + t;
        int share = n / threads + (t < n % threads ? 1 : 0);
        done.add(
            pool.submit(
                () -> {
                  fuzz.run(s, share, report);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      long heapAfter = heap();
      System.out.printf(
          "gateway fuzz: %d requests on %d connections in %.1f s (%.0f req/s)%n",
          report.sent.get(), threads, secs, report.sent.get() / secs);
      System.out.println(report);
      System.out.printf(
          "heap after GC: %.1f MiB before, %.1f MiB after%n",
          heapBefore / 1048576.0, heapAfter / 1048576.0);
      if (!report.serverErrors.isEmpty() || !report.dropped.isEmpty()) {
        System.exit(1);
      }
    }
  }

  private static long heap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
