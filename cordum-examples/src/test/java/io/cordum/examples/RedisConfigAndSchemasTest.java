package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ConflictException;
import io.cordum.api.ValidationException;
import io.cordum.api.config.ConfigDocument;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.config.ConfigWrite;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.redis.RedisConfig;
import io.cordum.redis.RedisStoresModule;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The config service and the schema registry on Redis, with two control-plane replicas sharing one
 * server: merges, compare-and-set across replicas, concurrent updates, validation, schemas
 * registered on one replica and used on the other, and the effective config in a job's env.
 */
class RedisConfigAndSchemasTest {
  private static RedisServer redis;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  private static Cordum replica(String prefix) {
    return Cordum.builder()
        .modules(
            new RedisStoresModule(RedisConfig.builder().url(redis.url()).keyPrefix(prefix).build()))
        .build();
  }

  @Test
  void mergeRevisionsAndCompareAndSetAcrossReplicas() throws Exception {
    try (Cordum a = replica("cfg1:");
        Cordum b = replica("cfg1:")) {
      a.config()
          .set(
              ConfigScope.SYSTEM,
              "",
              Map.of(
                  "timeout",
                  60,
                  "model",
                  "gpt-4",
                  "safety",
                  Map.of("denied_topics", List.of("job.admin.*"))));
      b.config().set(ConfigScope.ORG, "org1", Map.of("timeout", 30));
      a.config()
          .set(
              ConfigScope.TEAM,
              "team1",
              Map.of("budget", 100, "safety", Map.of("denied_topics", List.of("job.db.drop"))));

      var eff = b.config().resolve(ConfigTarget.org("org1").team("team1"));
      assertThat(eff.data())
          .containsEntry("timeout", 30L)
          .containsEntry("model", "gpt-4")
          .containsEntry("budget", 100L)
          .containsEntry("safety", Map.of("denied_topics", List.of("job.admin.*", "job.db.drop")));
      assertThat(eff.version()).isEqualTo("system:1|org:1|team:1|workflow:0|step:0");

      ConfigDocument read = a.config().get(ConfigScope.ORG, "org1");
      b.config()
          .set(
              ConfigWrite.builder(read.key())
                  .data(Map.of("timeout", 20))
                  .expectedRevision(read.revision())
                  .build());
      assertThatThrownBy(
              () ->
                  a.config()
                      .set(
                          ConfigWrite.builder(read.key())
                              .data(Map.of("timeout", 10))
                              .expectedRevision(read.revision())
                              .build()))
          .isInstanceOf(ConflictException.class);
      assertThat(a.config().get(read.key()).data()).containsEntry("timeout", 20L);
      assertThat(a.config().get(read.key()).revision()).isEqualTo(2);

      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (Cordum c : List.of(a, b)) {
          fs.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 20; i++) {
                      c.config()
                          .update(
                              ConfigKey.of(ConfigScope.WORKFLOW, "wf"),
                              m -> {
                                m.put("n", (m.get("n") instanceof Long l ? l : 0L) + 1);
                                return m;
                              });
                    }
                  }));
        }
        for (Future<?> f : fs) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(b.config().get(ConfigScope.WORKFLOW, "wf").data()).containsEntry("n", 40L);

      assertThatThrownBy(
              () ->
                  b.config()
                      .set(ConfigScope.SYSTEM, "", Map.of("pools", Map.of("topics", Map.of()))))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("data.pools.topics");
      assertThat(a.config().get(ConfigScope.SYSTEM, "").revision()).isEqualTo(1);
    }
  }

  @Test
  void schemasRegisteredOnOneReplicaValidateOnTheOther() {
    try (Cordum a = replica("sch:");
        Cordum b = replica("sch:")) {
      a.schemas()
          .register(
              "orders/input",
              "{\"type\":\"object\",\"required\":[\"id\",\"qty\"],"
                  + "\"properties\":{\"qty\":{\"type\":\"integer\",\"minimum\":1}}}");

      var r = b.schemas().validate("orders/input", "{\"qty\":0}");
      assertThat(r.violations())
          .extracting(v -> v.path() + " " + v.keyword())
          .containsExactlyInAnyOrder("$.id required", "$.qty minimum");
      assertThat(b.schemas().list(0)).containsExactly("orders/input");

      b.schemas().register("orders/input", "{\"type\":\"object\"}");
      assertThat(a.schemas().validate("orders/input", "{\"qty\":0}").valid()).isTrue();
      assertThatThrownBy(() -> a.schemas().register("bad", "{\"type\":7}"))
          .isInstanceOf(ValidationException.class);
      assertThat(a.schemas().delete("orders/input")).isTrue();
      assertThat(b.schemas().find("orders/input")).isEmpty();
    }
  }

  @Test
  void theEffectiveConfigReachesTheJobEnv() throws Exception {
    try (Cordum c = replica("env:").start();
        CordumWorker w =
            CordumWorker.builder()
                .workerId("w")
                .pool("default")
                .topics("job.default")
                .cpuLoad(CpuLoad.fixed(0))
                .bus(c.bus())
                .pointers(c.pointers())
                .handler(job -> JobOutput.of(job.request().env().get("CORDUM_EFFECTIVE_CONFIG")))
                .build()
                .start()) {
      c.config().set(ConfigScope.ORG, "acme", Map.of("model", "small"));
      String id =
          c.jobs()
              .submit(JobSubmission.builder().topic("job.default").tenant("acme").build())
              .jobId();
      assertThat(c.jobs().awaitTerminal(id).get(10, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(new String(c.jobs().result(id).orElseThrow(), StandardCharsets.UTF_8))
          .isEqualTo("{\"model\":\"small\"}");
    }
  }
}
