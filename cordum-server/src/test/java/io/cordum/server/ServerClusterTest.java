package io.cordum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisJobStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one private NATS and Redis are one control plane: a job submitted over HTTP on one
 * is readable and awaitable on the other, and one worker serves both.
 */
class ServerClusterTest {
  private static NatsServer nats;
  private static RedisServer redis;

  @BeforeAll
  static void servers() {
    nats = NatsServer.start();
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    if (nats != null) {
      nats.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static CordumServer server() {
    return CordumServer.builder()
        .args(
            "--NATS_URL=" + nats.url(),
            "--REDIS_URL=" + redis.url(),
            "--GATEWAY_HTTP_ADDR=127.0.0.1:0",
            "--GATEWAY_METRICS_ADDR=127.0.0.1:0")
        .environment(Map.of())
        .build()
        .start();
  }

  private static String submit(CordumServer s, String prompt) throws Exception {
    HttpResponse<String> r =
        ServerProcess.post(
            s.apiUri().resolve("/api/v1/jobs"),
            "{\"topic\":\"job.default\",\"prompt\":\"" + prompt + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Matcher m = Pattern.compile("\"job_id\":\"([^\"]+)\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void twoServersOnOneNatsAndRedisAreOneControlPlane() throws Exception {
    RedisConnections conns =
        RedisConnections.create(RedisConfig.builder().url(redis.url()).build());
    try (CordumServer a = server();
        CordumServer b = server();
        NatsBus workerBus = NatsBus.connect(NatsConfig.of(nats.url()));
        CordumWorker worker =
            CordumWorker.builder()
                .workerId("w-shared")
                .pool("default")
                .topics("job.default")
                .maxParallel(4)
                .bus(workerBus)
                .pointers(new RedisPointerStore(conns, InstantSource.system()))
                .jobStore(new RedisJobStore(conns, InstantSource.system()))
                .handler(job -> JobOutput.of("done " + job.jobId()))
                .build()
                .start()) {
      assertThat(ServerProcess.get(a.managementUri().resolve("/ready")).body())
          .contains("\"backend\":\"redis\"")
          .contains("\"backend\":\"nats\"");

      String onA = submit(a, "from a");
      String onB = submit(b, "from b");
      // Each job is awaitable on the other server, and the shared worker ran both.
      JobRecord aOnB = b.cordum().jobs().awaitTerminal(onA).get(20, TimeUnit.SECONDS);
      JobRecord bOnA = a.cordum().jobs().awaitTerminal(onB).get(20, TimeUnit.SECONDS);
      assertThat(aOnB.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(bOnA.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(aOnB.workerId()).isEqualTo("w-shared");
      assertThat(bOnA.workerId()).isEqualTo("w-shared");
      assertThat(new String(b.cordum().jobs().result(onA).orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo("done " + onA);

      // And readable over HTTP on the other server.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                HttpResponse<String> r =
                    ServerProcess.get(b.apiUri().resolve("/api/v1/jobs/" + onA));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("SUCCEEDED");
              });
    } finally {
      conns.close();
    }
  }
}
