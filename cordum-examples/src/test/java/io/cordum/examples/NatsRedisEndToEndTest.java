package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.nats.NatsBus;
import io.cordum.nats.NatsBusModule;
import io.cordum.nats.NatsConfig;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisConnections;
import io.cordum.redis.RedisPointerStore;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler and Java workers over real NATS and Redis (private servers): many jobs across two
 * pools, a scheduler restart in the middle of a stream of submits, two scheduler replicas.
 */
class NatsRedisEndToEndTest {
  // Fresh servers per test: the scheduler's durable consumers outlive a test.
  private NatsServer nats;
  private RedisServer redis;

  private final String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<AutoCloseable> open = new ArrayList<>();

  /** How many times each job's handler ran to success, over all workers. */
  private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();

  @BeforeEach
  void servers() {
    nats = NatsServer.start();
    redis = RedisServer.start();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    nats.close();
    redis.close();
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private RedisConfig redisConfig() {
    return RedisConfig.builder().url(redis.url()).keyPrefix(prefix).build();
  }

  private NatsConfig natsConfig(boolean jetStream) {
    // A short ack wait: a message caught in a stopping replica comes back within seconds.
    return NatsConfig.builder()
        .url(nats.url())
        .jetStream(jetStream)
        .ackWait(Duration.ofSeconds(5))
        .build();
  }

  private Cordum cordum(boolean jetStream) {
    return keep(
        Cordum.builder()
            .pools(
                PoolConfig.builder()
                    .topic("job.alpha", "alpha")
                    .topic("job.beta", "beta")
                    .pool("alpha")
                    .pool("beta")
                    .build())
            // A dispatch whose claim reached Redis but whose reply was lost to a crash is retried
            // after this (default 300 s).
            .timeouts(
                new TimeoutConfig(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(9000),
                    Duration.ofSeconds(30),
                    Map.of(),
                    Map.of()))
            .scheduler(s -> s.tickInterval(Duration.ofMillis(50)))
            .modules(new NatsBusModule(natsConfig(jetStream)), new RedisStoresModule(redisConfig()))
            .build());
  }

  /** A worker "process": its own NATS connection and Redis client. */
  private void worker(boolean jetStream, String id, String pool, String topic) {
    NatsBus bus = keep(NatsBus.connect(natsConfig(jetStream)));
    RedisConnections conns = keep(RedisConnections.create(redisConfig()));
    keep(
        CordumWorker.builder()
            .workerId(id)
            .pool(pool)
            .topics(topic)
            .maxParallel(8)
            .heartbeatInterval(Duration.ofSeconds(1))
            .cpuLoad(CpuLoad.fixed(0))
            .bus(bus)
            .pointers(new RedisPointerStore(conns, InstantSource.system()))
            .handler(
                job -> {
                  successes
                      .computeIfAbsent(job.jobId(), k -> new AtomicInteger())
                      .incrementAndGet();
                  return JobOutput.of("done " + job.inputAsString().orElse(""));
                })
            .build()
            .start());
  }

  private List<String> submit(Cordum client, int n, String tag) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          client
              .jobs()
              .submit(
                  JobSubmission.builder()
                      .topic(i % 2 == 0 ? "job.alpha" : "job.beta")
                      .input(tag + i)
                      .build())
              .jobId());
    }
    return ids;
  }

  private static String submitRetrying(Cordum client, JobSubmission submission) {
    BackendException last = null;
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        return client.jobs().submit(submission).jobId();
      } catch (BackendException e) {
        last = e;
      }
    }
    throw new AssertionError("submit kept failing after the restart", last);
  }

  private void assertAllSucceededOnce(Cordum client, List<String> ids) throws Exception {
    for (String id : ids) {
      JobRecord r;
      try {
        r = client.jobs().awaitTerminal(id).get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "job "
                + id
                + " not terminal: "
                + client.jobs().get(id)
                + " history "
                + client.jobs().history(id),
            e);
      }
      assertThat(r.state())
          .as(
              "job %s: %s, history %s, handler runs %s",
              id, r, client.jobs().history(id), successes.get(id))
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(r.resultPtr()).isEqualTo("redis://res:" + id);
    }
    for (String id : ids) {
      assertThat(successes.get(id)).as("handler runs of %s", id).hasValue(1);
    }
  }

  private void startWorkers(boolean jetStream) {
    worker(jetStream, "a1", "alpha", "job.alpha");
    worker(jetStream, "a2", "alpha", "job.alpha");
    worker(jetStream, "b1", "beta", "job.beta");
  }

  @Test
  void aThousandJobsAcrossTwoPoolsOnCoreNats() throws Exception {
    Cordum cordum = cordum(false).start();
    startWorkers(false);
    List<String> ids = submit(cordum, 1000, "c");
    assertAllSucceededOnce(cordum, ids);
    assertThat(new String(cordum.jobs().result(ids.get(0)).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("done c0");
  }

  @Test
  void aThousandJobsAcrossTwoPoolsOnJetStream() throws Exception {
    Cordum cordum = cordum(true).start();
    startWorkers(true);
    List<String> ids = submit(cordum, 1000, "j");
    assertAllSucceededOnce(cordum, ids);
  }

  @Test
  void aSchedulerRestartInTheMiddleOfAStreamOfSubmitsLosesNothing() throws Exception {
    Cordum client = cordum(true); // submits only; its scheduler is never started
    startWorkers(true);
    Cordum first = cordum(true).start();
    List<String> ids = new ArrayList<>(submit(client, 200, "x"));
    first.close(); // stopped while submits are in flight
    ids.addAll(submit(client, 200, "y")); // JetStream keeps these for the next scheduler
    Cordum second = cordum(true).start();
    ids.addAll(submit(client, 200, "z"));
    assertAllSucceededOnce(second, ids);
  }

  @Test
  void aRedisCrashWhileJobsRunLosesNothing() throws Exception {
    Cordum cordum = cordum(true).start();
    startWorkers(true);
    List<String> ids = new ArrayList<>(submit(cordum, 300, "p"));
    redis.kill(); // SIGKILL while the scheduler and workers are busy; every write was fsynced

    assertThatThrownBy(
            () -> cordum.jobs().submit(JobSubmission.builder().topic("job.alpha").build()))
        .isInstanceOf(BackendException.class);

    redis.restart();
    // Pooled connections opened before the crash fail once each (and are replaced): a caller
    // retries a submit that threw BackendException, which accepted nothing.
    for (int i = 0; i < 100; i++) {
      ids.add(
          submitRetrying(
              cordum, JobSubmission.builder().topic("job.alpha").input("q" + i).build()));
    }
    assertAllSucceededOnce(cordum, ids);
  }

  @Test
  void twoSchedulerReplicasNeverDispatchAnAttemptTwice() throws Exception {
    Cordum one = cordum(true).start();
    cordum(true).start();
    startWorkers(true);
    List<String> ids = submit(one, 500, "r");
    assertAllSucceededOnce(one, ids);
    for (String id : ids) {
      assertThat(one.jobs().get(id).orElseThrow().attempts()).isEqualTo(1);
    }
  }
}
