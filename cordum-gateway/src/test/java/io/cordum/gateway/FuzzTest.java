package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.testkit.http.HttpFuzz;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bounded fuzz run against a gateway on the in-memory backends with a worker: 10,000 malformed,
 * truncated, oversized, wrongly typed and oddly addressed requests over raw sockets. Not one 5xx
 * (501 for unserved features aside), no request left unanswered, the server still healthy, and the
 * heap not grown beyond a bound. ({@code cordum-bench} runs 100,000 or more: {@code
 * GatewayFuzzBench}.) The requests are seeded (the same every run); a request whose head the server
 * cannot parse may lose its 400 to the connection reset that follows (counted apart, see {@code
 * HttpFuzz.Report#resets}); every other complete request must be answered.
 */
class FuzzTest {
  static final int REQUESTS = 10_000;

  @Test
  @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  void tenThousandHostileRequestsLeaveTheServerHealthy() throws Exception {
    Backend backend = Backend.memory();
    java.nio.file.Path policy = java.nio.file.Files.createTempFile("fuzz-policy", ".yaml");
    java.nio.file.Files.writeString(policy, ControlApiContract.POLICY);
    policy.toFile().deleteOnExit();
    try (Cordum cordum = backend.cordum().policy(policy).build().start()) {
      backend.worker(cordum, "fz");
      GatewayConfig cfg =
          GatewayConfig.builder()
              .port(0)
              .apiKeys(ApiKeys.of("fuzz-key"))
              .rateLimitPerSecond(0)
              .maxBodyBytes(64 * 1024)
              .maxArtifactBodyBytes(128 * 1024)
              .build();
      try (Gateway gateway = Gateway.builder().cordum(cordum).config(cfg).build().start()) {
        List<String> routes =
            gateway.routes().stream().map(r -> r.method() + " " + r.pattern()).toList();
        // Answers are awaited for up to 60 s: a loaded CI machine is slow, not broken.
        HttpFuzz fuzz =
            new HttpFuzz(
                "127.0.0.1",
                gateway.port(),
                routes,
                "fuzz-key",
                cfg.maxBodyBytes(),
                cfg.maxHeaderBytes(),
                60_000);
        fuzz.run(1, 500); // warm up before the heap baseline
        long before = usedHeapAfterGc();
        HttpFuzz.Report report = fuzz.run(42, REQUESTS);
        long after = usedHeapAfterGc();
        org.slf4j.LoggerFactory.getLogger(FuzzTest.class).warn("fuzz: {}", report);

        assertThat(report.sent.get()).isEqualTo(REQUESTS);
        assertThat(report.serverErrors).as(report.toString()).isEmpty();
        assertThat(report.dropped).as(report.toString()).isEmpty();
        assertThat(report.statuses.keySet())
            .as(report.toString())
            .contains(200, 400, 401, 404, 405, 413);
        Http http = new Http(gateway.uri()).with("X-API-Key", "fuzz-key");
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/api/v1/status").status()).isEqualTo(200);
        assertThat(
                http.post("/api/v1/jobs", "{\"prompt\":\"after\",\"topic\":\"job.test\"}").status())
            .isEqualTo(200);
        assertThat(after - before)
            .as("heap growth over %s requests (bytes)", REQUESTS)
            .isLessThan(64L << 20);
      }
    } finally {
      backend.close();
    }
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return m.getHeapMemoryUsage().getUsed();
  }
}
