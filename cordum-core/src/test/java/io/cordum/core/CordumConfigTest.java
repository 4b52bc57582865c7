package io.cordum.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.config.ConfigScope;
import io.cordum.api.config.ConfigTarget;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.api.job.SubmittedJob;
import io.cordum.core.internal.config.CanonicalJson;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.memory.InMemorySchemaStore;
import io.cordum.testkit.ManualClock;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The config service and the schema registry through {@link Cordum}. */
class CordumConfigTest {

  private static CordumWorker echoEnv(Cordum c) {
    return CordumWorker.builder()
        .workerId("w1")
        .pool("default")
        .topics("job.default")
        .cpuLoad(CpuLoad.fixed(0))
        .bus(c.bus())
        .pointers(c.pointers())
        .handler(
            job ->
                JobOutput.of(job.request().env().getOrDefault("CORDUM_EFFECTIVE_CONFIG", "<none>")))
        .build()
        .start();
  }

  private static String run(Cordum c, JobSubmission s) throws Exception {
    SubmittedJob job = c.jobs().submit(s);
    JobRecord r = c.jobs().awaitTerminal(job.jobId()).get(10, TimeUnit.SECONDS);
    assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
    return new String(c.jobs().result(r.id()).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void eachJobCarriesItsEffectiveConfigInItsEnv() throws Exception { // TestProcessJobInjects...
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w = echoEnv(cordum)) {
      cordum
          .config()
          .set(
              ConfigScope.SYSTEM,
              "",
              Map.of(
                  "model",
                  "gpt-4",
                  "timeout",
                  60,
                  "safety",
                  Map.of("denied_topics", List.of("job.admin.*"))));
      cordum.config().set(ConfigScope.ORG, "acme", Map.of("timeout", 30));
      cordum.config().set(ConfigScope.TEAM, "blue", Map.of("budget", 100));
      cordum.config().set(ConfigScope.STEP, "s1", Map.of("model", "small"));

      String env =
          run(
              cordum,
              JobSubmission.builder()
                  .topic("job.default")
                  .tenant("acme")
                  .env("team_id", "blue")
                  .env("step_id", "s1")
                  .build());

      JsonNode cfg = new JsonMapper().readTree(env);
      assertThat(cfg.get("model").asString()).isEqualTo("small");
      assertThat(cfg.get("timeout").asInt()).isEqualTo(30);
      assertThat(cfg.get("budget").asInt()).isEqualTo(100);
      assertThat(cfg.at("/safety/denied_topics/0").asString()).isEqualTo("job.admin.*");
      assertThat(env)
          .isEqualTo(
              CanonicalJson.write(
                  cordum
                      .config()
                      .resolve(ConfigTarget.org("acme").team("blue").step("s1"))
                      .data()));

      String other =
          run(cordum, JobSubmission.builder().topic("job.default").tenant("beta").build());
      assertThat(new JsonMapper().readTree(other).get("timeout").asInt()).isEqualTo(60);
    }
  }

  @Test
  void noConfigMeansNoEnvEntry() throws Exception {
    try (Cordum cordum = Cordum.builder().build().start();
        CordumWorker w = echoEnv(cordum)) {
      assertThat(run(cordum, JobSubmission.builder().topic("job.default").build()))
          .isEqualTo("<none>");
    }
  }

  @Test
  void hostStoresAreUsedAndTheRegistryIsReachable() {
    ManualClock clock = new ManualClock();
    InMemoryConfigStore configs = new InMemoryConfigStore(clock);
    InMemorySchemaStore schemas = new InMemorySchemaStore(clock);
    try (Cordum cordum =
        Cordum.builder().clock(clock).configStore(configs).schemaStore(schemas).build()) {
      cordum.config().set(ConfigScope.ORG, "o", Map.of("a", 1));
      cordum.schemas().register("in", "{\"type\":\"object\",\"required\":[\"id\"]}");

      assertThat(configs.get(io.cordum.api.config.ConfigKey.of(ConfigScope.ORG, "o"))).isPresent();
      assertThat(schemas.list(10)).containsExactly("in");
      assertThat(cordum.schemas().validate("in", "{}").valid()).isFalse();
      assertThat(cordum.config()).isSameAs(cordum.config());
    }
  }
}
