package io.cordum.api.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stores' shared argument checks name the field and the rule. */
class ArgsTest {

  @Test
  void validValuesPassThrough() {
    assertThat(Args.nonBlank("a", "name")).isEqualTo("a");
    assertThat(Args.jobId("j-1")).isEqualTo("j-1");
    assertThat(Args.positive(1, "limit")).isEqualTo(1);
    assertThat(Args.positive(Duration.ofNanos(1), "ttl")).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void badValuesAreRefusedWithTheFieldAndTheRule() {
    assertRefused(() -> Args.nonBlank(" \t", "name"), "name", "must not be blank");
    assertRefused(() -> Args.jobId(""), "job_id", "must not be blank");
    assertRefused(() -> Args.positive(0, "limit"), "limit", "must be at least 1, was 0");
    assertRefused(() -> Args.positive(Duration.ZERO, "ttl"), "ttl", "must be positive, was PT0S");
    assertRefused(
        () -> Args.positive(Duration.ofSeconds(-2), "ttl"), "ttl", "must be positive, was PT-2S");
  }

  private static void assertRefused(Runnable call, String field, String rule) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.field()).isEqualTo(field);
                          assertThat(v.rule()).isEqualTo(rule);
                        }));
  }
}
