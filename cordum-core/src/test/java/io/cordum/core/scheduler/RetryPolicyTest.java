package io.cordum.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

  private static void assertInvalid(RetryPolicy.Builder b, String field) {
    assertThatThrownBy(b::build)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.violations()).hasSize(1);
              assertThat(e.violations().get(0).field()).isEqualTo(field);
            });
  }

  @Test
  void noneNeverRetriesAndHasTheDefaultBackoff() {
    assertThat(RetryPolicy.NONE.maxRetries()).isZero();
    assertThat(RetryPolicy.NONE.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.NONE.multiplier()).isEqualTo(2.0);
    assertThat(RetryPolicy.NONE.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
    assertThat(RetryPolicy.NONE.nonRetryableErrorCodes()).isEmpty();
    assertThat(RetryPolicy.builder().build()).isEqualTo(RetryPolicy.NONE);
  }

  @ParameterizedTest(name = "retry {0} -> {1} ms")
  @CsvSource({
    "1, 1000",
    "2, 2000",
    "3, 4000",
    "4, 8000",
    "6, 32000",
    "7, 60000", // 64 s capped at 60 s
    "8, 60000",
    "100, 60000",
    "5000, 60000", // 2^4999 overflows to infinity, still capped
  })
  void backoffDoublesUpToTheCap(int retry, long millis) {
    RetryPolicy p = RetryPolicy.builder().maxRetries(10).build();

    assertThat(p.backoff(retry)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void retryNumbersBelowOneUseTheInitialBackoff(int retry) {
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(250)).build();

    assertThat(p.backoff(retry)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void backoffGrowsWithAFractionalMultiplier() {
    RetryPolicy p =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofSeconds(1))
            .multiplier(1.5)
            .maxBackoff(Duration.ofSeconds(3))
            .build();

    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(1000));
    assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(1500));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(2250));
    assertThat(p.backoff(4)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void multiplierOneGivesAConstantBackoff() {
    RetryPolicy p =
        RetryPolicy.builder().initialBackoff(Duration.ofMillis(700)).multiplier(1.0).build();

    assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(700));
    assertThat(p.backoff(50)).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void backoffNeverDecreasesAndNeverExceedsTheCap() {
    RetryPolicy p =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .multiplier(3)
            .maxBackoff(Duration.ofSeconds(10))
            .build();

    Duration previous = Duration.ZERO;
    for (int retry = 1; retry <= 30; retry++) {
      Duration d = p.backoff(retry);
      assertThat(d).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofSeconds(10));
      previous = d;
    }
    assertThat(previous).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void initialBackoffAboveTheCapIsCapped() {
    RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMinutes(5)).build();

    assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void zeroBackoffsAreAllowed() {
    RetryPolicy p =
        RetryPolicy.builder()
            .maxRetries(3)
            .initialBackoff(Duration.ZERO)
            .maxBackoff(Duration.ZERO)
            .build();

    assertThat(p.backoff(1)).isZero();
    assertThat(p.backoff(3)).isZero();
  }

  @Test
  void builderSetsEveryField() {
    RetryPolicy p =
        RetryPolicy.builder()
            .maxRetries(3)
            .initialBackoff(Duration.ofMillis(10))
            .multiplier(4)
            .maxBackoff(Duration.ofSeconds(2))
            .nonRetryableErrorCodes("bad_input", "forbidden")
            .build();

    assertThat(p)
        .isEqualTo(
            new RetryPolicy(
                3,
                Duration.ofMillis(10),
                4.0,
                Duration.ofSeconds(2),
                Set.of("bad_input", "forbidden")));
  }

  @Test
  void nonRetryableCodesAreCopiedAndUnmodifiable() {
    Set<String> codes = new HashSet<>(Set.of("a"));
    RetryPolicy p = new RetryPolicy(1, Duration.ofSeconds(1), 2, Duration.ofSeconds(60), codes);

    codes.add("b");

    assertThat(p.nonRetryableErrorCodes()).containsExactly("a");
    assertThatThrownBy(() -> p.nonRetryableErrorCodes().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void negativeMaxRetriesIsRejected() {
    assertInvalid(RetryPolicy.builder().maxRetries(-1), "maxRetries");
  }

  @Test
  void negativeInitialBackoffIsRejected() {
    assertInvalid(RetryPolicy.builder().initialBackoff(Duration.ofMillis(-1)), "initialBackoff");
  }

  @Test
  void negativeMaxBackoffIsRejectedNamingMaxBackoff() {
    assertInvalid(RetryPolicy.builder().maxBackoff(Duration.ofSeconds(-1)), "maxBackoff");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.99, 0, -2, Double.NaN})
  void multiplierBelowOneOrNaNIsRejected(double multiplier) {
    assertInvalid(RetryPolicy.builder().multiplier(multiplier), "multiplier");
  }
}
