package io.cordum.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.nats.NatsBus;
import io.cordum.redis.RedisLockStore;
import io.cordum.redis.RedisPointerStore;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.JobOutput;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Cordum.builder().fromEnvironment()} with cordum-redis and cordum-nats on the class path:
 * the variables the README lists give those backends (found through their {@code
 * BackendProvider}s), and bad values stop the build by name.
 */
class FromEnvironmentTest {
  private static NatsServer nats;
  private static RedisServer redis;

  @BeforeAll
  static void servers() {
    nats = NatsServer.start();
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    nats.close();
    redis.close();
  }

  @Test
  void redisAndNatsVariablesGiveThoseBackendsAndAJobRunsOnThem() throws Exception {
    try (Cordum cordum =
            Cordum.builder()
                .fromEnvironment(
                    Map.of(
                        "REDIS_URL",
                        redis.url(),
                        "NATS_URL",
                        nats.url(),
                        "NATS_USE_JETSTREAM",
                        "yes",
                        "JOB_META_TTL",
                        "1h"))
                .build()
                .start();
        CordumWorker worker =
            CordumWorker.builder()
                .bus(cordum.bus())
                .pointers(cordum.pointers())
                .pool("default")
                .topics("job.default")
                .handler(job -> JobOutput.of("env " + job.inputAsString().orElse("")))
                .build()
                .start()) {
      assertThat(cordum.locks()).isInstanceOf(RedisLockStore.class);
      assertThat(cordum.pointers()).isInstanceOf(RedisPointerStore.class);
      assertThat(cordum.bus())
          .isInstanceOfSatisfying(NatsBus.class, b -> assertThat(b.config().jetStream()).isTrue());
      String id =
          cordum
              .jobs()
              .submit(JobSubmission.builder().topic("job.default").input("ok").build())
              .jobId();
      assertThat(cordum.jobs().awaitTerminal(id).get(20, TimeUnit.SECONDS).state())
          .isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void badValuesAndOrphanSettingsStopTheBuildByName() {
    assertThatThrownBy(
            () ->
                Cordum.builder()
                    .fromEnvironment(
                        Map.of(
                            "NATS_URL",
                            nats.url(),
                            "NATS_USE_JETSTREAM",
                            "maybe",
                            "REDIS_TLS_INSECURE",
                            "1")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations())
                  .extracting(Violation::field)
                  .containsExactlyInAnyOrder("NATS_USE_JETSTREAM", "REDIS_TLS_INSECURE");
              assertThat(e.getMessage()).contains("maybe").contains("REDIS_URL is not set");
            });
  }
}
