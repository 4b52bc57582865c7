package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The documented worker process and config files: the example's pools.yaml and timeouts.yaml load
 * with the meaning the docs give them, and the remote worker takes jobs from a control plane on the
 * same NATS (JetStream) and Redis.
 */
class RemoteWorkerExampleTest {
  private static final Path POOLS = Path.of("config/pools.yaml");
  private static final Path TIMEOUTS = Path.of("config/timeouts.yaml");

  @Test
  void theExampleConfigFilesLoadAsDocumented() {
    PoolConfig pools = PoolConfig.load(POOLS);
    assertThat(pools.topics())
        .containsEntry("job.default", List.of("default"))
        .containsEntry("job.summarize", List.of("gpu", "cpu"));
    assertThat(pools.pools().get("gpu")).containsExactly("text", "cuda");
    TimeoutConfig timeouts = TimeoutConfig.load(TIMEOUTS);
    assertThat(timeouts.runningTimeoutFor("job.summarize")).isEqualTo(Duration.ofSeconds(120));
    assertThat(timeouts.runningTimeoutFor("job.default")).isEqualTo(Duration.ofSeconds(9000));
    assertThat(timeouts.maxRetriesFor("job.summarize")).contains(2);
    assertThat(timeouts.dispatchTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(timeouts.workflows().get("invoice").totalTimeout())
        .isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void theWorkerProcessRunsJobsOfAControlPlaneOnTheSameServers() throws Exception {
    try (NatsServer nats = NatsServer.start();
        RedisServer redis = RedisServer.start()) {
      NatsConfig natsConfig = NatsConfig.builder().url(nats.url()).jetStream(true).build();
      RedisConfig redisConfig = RedisConfig.builder().url(redis.url()).build();
      try (Cordum cordum =
              Cordum.builder()
                  .pools(PoolConfig.load(POOLS))
                  .timeouts(TimeoutConfig.load(TIMEOUTS))
                  .modules(new NatsBusModule(natsConfig), new RedisStoresModule(redisConfig))
                  .build()
                  .start();
          RemoteWorkerExample.Running worker =
              RemoteWorkerExample.start(natsConfig, redisConfig, "summarizer-1")) {
        String id =
            cordum
                .jobs()
                .submit(
                    JobSubmission.builder()
                        .topic("job.summarize")
                        .requires("text")
                        .input("short text")
                        .build())
                .jobId();
        JobRecord done = cordum.jobs().awaitTerminal(id).get(30, TimeUnit.SECONDS);
        assertThat(done.state()).as("%s", done).isEqualTo(JobState.SUCCEEDED);
        assertThat(cordum.jobs().resultAsString(id)).contains("SHORT TEXT");

        // Only pool gpu offers cuda, and no gpu worker runs: the job waits and says why (the
        // cpu worker, which hears the same topic, heartbeats, so the topic is not used).
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> cordum.workers().get("summarizer-1").isPresent());
        String gpu =
            cordum
                .jobs()
                .submit(
                    JobSubmission.builder()
                        .topic("job.summarize")
                        .requires("cuda")
                        .input("x")
                        .build())
                .jobId();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  JobRecord r = cordum.jobs().get(gpu).orElseThrow();
                  assertThat(r.state()).isEqualTo(JobState.PENDING);
                  assertThat(r.reasonCode()).isEqualTo("no_workers");
                  assertThat(r.reason()).contains("gpu");
                });
      }
    }
  }
}
