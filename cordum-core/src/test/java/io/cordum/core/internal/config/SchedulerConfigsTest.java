package io.cordum.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.config.ConfigDocument;
import io.cordum.api.config.ConfigScope;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.memory.InMemoryConfigStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** §6: the scheduler's settings were bootstrapped with capitalised keys its schema rejected. */
class SchedulerConfigsTest {

  @Test
  void poolsAndTimeoutsAreWrittenWithLowerCaseKeysThatValidateAndParseBack() {
    PoolConfig pools =
        PoolConfig.builder()
            .topic("job.default", "default")
            .topic("job.batch", "batch", "batch-b")
            .pool("default")
            .pool("gpu", "cuda")
            .build();
    TimeoutConfig timeouts =
        new TimeoutConfig(
            Duration.ofSeconds(120),
            Duration.ofSeconds(900),
            Duration.ofSeconds(15),
            Map.of("job.batch", new TimeoutConfig.TopicTimeout(Duration.ofSeconds(600), 2)),
            Map.of("wf", new TimeoutConfig.WorkflowTimeout(Duration.ofSeconds(60), null, 1)));
    DefaultConfigService config =
        new DefaultConfigService(new InMemoryConfigStore(new ManualClock()));

    ConfigDocument doc =
        config.set(
            ConfigScope.SYSTEM,
            "",
            Map.of(
                "pools",
                SchedulerConfigs.pools(pools),
                "timeouts",
                SchedulerConfigs.timeouts(timeouts)));

    assertThat(doc.data().get("pools"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("topics", "pools");
    assertThat(doc.data().get("timeouts"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("reconciler", "topics", "workflows");
    String poolsJson = CanonicalJson.write(doc.data().get("pools"));
    String timeoutsJson = CanonicalJson.write(doc.data().get("timeouts"));
    assertThat(PoolConfig.parse(poolsJson)).isEqualTo(pools);
    assertThat(TimeoutConfig.parse(timeoutsJson)).isEqualTo(timeouts);
  }
}
