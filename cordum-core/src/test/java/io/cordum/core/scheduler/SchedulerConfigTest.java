package io.cordum.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchedulerConfigTest {

  @Test
  void defaultsAreCordums() {
    SchedulerConfig c = SchedulerConfig.DEFAULT;

    assertThat(c.pools()).isEqualTo(PoolConfig.DEFAULT);
    assertThat(c.timeouts()).isEqualTo(TimeoutConfig.DEFAULT);
    assertThat(c.retryPolicy()).isEqualTo(RetryPolicy.NONE);
    assertThat(c.tickInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(c.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.lockBusyDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.storeErrorDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.publishErrorDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.noWorkersDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.throttleDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxSchedulingWait()).isEqualTo(Duration.ofSeconds(300));
    assertThat(c.submitConcurrency()).isEqualTo(4);
    assertThat(c.resultConcurrency()).isEqualTo(4);
    assertThat(c.topicFallback()).isTrue();
    assertThat(c.batchSize()).isEqualTo(200);
    assertThat(SchedulerConfig.builder().build()).isEqualTo(c);
  }

  @Test
  void toBuilderRoundTrips() {
    SchedulerConfig custom =
        SchedulerConfig.builder()
            .pools(PoolConfig.builder().topic("job.x", "x").build())
            .timeouts(TimeoutConfig.parse("reconciler: {dispatch_timeout_seconds: 5}"))
            .retryPolicy(RetryPolicy.builder().maxRetries(2).build())
            .tickInterval(Duration.ofMillis(50))
            .leaseTtl(Duration.ofSeconds(10))
            .lockBusyDelay(Duration.ofMillis(100))
            .storeErrorDelay(Duration.ofMillis(200))
            .publishErrorDelay(Duration.ofMillis(300))
            .noWorkersDelay(Duration.ofMillis(400))
            .throttleDelay(Duration.ofMillis(600))
            .maxSchedulingWait(Duration.ofSeconds(9))
            .submitConcurrency(1)
            .resultConcurrency(2)
            .topicFallback(false)
            .batchSize(7)
            .build();

    assertThat(custom.toBuilder().build()).isEqualTo(custom);
    assertThat(custom).isNotEqualTo(SchedulerConfig.DEFAULT);
    assertThat(custom.topicFallback()).isFalse();
    assertThat(custom.batchSize()).isEqualTo(7);
    assertThat(custom.retryPolicy().maxRetries()).isEqualTo(2);
  }

  @Test
  void toBuilderChangesOnlyWhatIsSet() {
    SchedulerConfig c = SchedulerConfig.DEFAULT.toBuilder().leaseTtl(Duration.ofSeconds(5)).build();

    assertThat(c.leaseTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.toBuilder().leaseTtl(Duration.ofSeconds(30)).build())
        .isEqualTo(SchedulerConfig.DEFAULT);
  }

  @Test
  void zeroRetryDelaysAreAllowed() {
    SchedulerConfig c =
        SchedulerConfig.builder()
            .lockBusyDelay(Duration.ZERO)
            .storeErrorDelay(Duration.ZERO)
            .publishErrorDelay(Duration.ZERO)
            .noWorkersDelay(Duration.ZERO)
            .throttleDelay(Duration.ZERO)
            .build();

    assertThat(c.noWorkersDelay()).isZero();
    assertThat(c.throttleDelay()).isZero();
  }

  static Stream<Arguments> invalidSettings() {
    Duration neg = Duration.ofMillis(-1);
    return Stream.of(
        bad(
            "tickInterval",
            b -> b.tickInterval(Duration.ZERO),
            "must be a positive duration, was PT0S"),
        bad("tickInterval", b -> b.tickInterval(null), "must be a positive duration, was null"),
        bad(
            "leaseTtl",
            b -> b.leaseTtl(Duration.ofSeconds(-30)),
            "must be a positive duration, was PT-30S"),
        bad(
            "maxSchedulingWait",
            b -> b.maxSchedulingWait(Duration.ZERO),
            "must be a positive duration, was PT0S"),
        bad("lockBusyDelay", b -> b.lockBusyDelay(neg), "must be a duration >= 0, was PT-0.001S"),
        bad(
            "storeErrorDelay",
            b -> b.storeErrorDelay(neg),
            "must be a duration >= 0, was PT-0.001S"),
        bad(
            "publishErrorDelay",
            b -> b.publishErrorDelay(neg),
            "must be a duration >= 0, was PT-0.001S"),
        bad("noWorkersDelay", b -> b.noWorkersDelay(neg), "must be a duration >= 0, was PT-0.001S"),
        bad("throttleDelay", b -> b.throttleDelay(null), "must be a duration >= 0, was null"),
        bad("submitConcurrency", b -> b.submitConcurrency(0), "must be >= 1, was 0"),
        bad("resultConcurrency", b -> b.resultConcurrency(-3), "must be >= 1, was -3"),
        bad("batchSize", b -> b.batchSize(0), "must be >= 1, was 0"));
  }

  private static Arguments bad(
      String field, UnaryOperator<SchedulerConfig.Builder> change, String rule) {
    return Arguments.of(field, change, rule);
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidSettings")
  void invalidSettingsNameTheFieldAndRule(
      String field, UnaryOperator<SchedulerConfig.Builder> change, String rule) {
    assertThatThrownBy(() -> change.apply(SchedulerConfig.builder()).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations()).hasSize(1);
              assertThat(e.violations().get(0).field()).isEqualTo(field);
              assertThat(e.violations().get(0).rule()).isEqualTo(rule);
              assertThat(e).hasMessage("invalid input: " + field + ": " + rule);
            });
  }

  @Test
  void missingConfigObjectsAreRejected() {
    assertThatThrownBy(() -> SchedulerConfig.builder().pools(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("pools");
    assertThatThrownBy(() -> SchedulerConfig.builder().timeouts(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeouts");
    assertThatThrownBy(() -> SchedulerConfig.builder().retryPolicy(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("retryPolicy");
  }
}
