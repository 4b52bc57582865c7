package io.cordum.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerSettingsTest {

  @Test
  void theDefaultsAreCordums() {
    assertThat(CircuitBreakerSettings.DEFAULT)
        .isEqualTo(new CircuitBreakerSettings(3, Duration.ofSeconds(30), 3, 2));
  }

  @Test
  void everyInvalidSettingIsNamed() {
    assertThatThrownBy(() -> new CircuitBreakerSettings(0, Duration.ZERO, 0, 0))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly(
                        "failureThreshold", "openFor", "halfOpenProbes", "successesToClose"));
  }

  @Test
  void aBreakerThatCouldNeverCloseIsRefused() {
    // one probe cannot yield two successes: half-open would throttle every call for good
    assertThatThrownBy(() -> new CircuitBreakerSettings(1, Duration.ofSeconds(1), 1, 2))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .extracting(Violation::rule)
                    .isEqualTo("must be between 1 and halfOpenProbes"));
  }
}
