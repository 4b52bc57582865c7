package io.cordum.core.policy;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the scheduler's circuit breaker around the safety kernel opens and closes: after {@code
 * failureThreshold} consecutive failures it opens for {@code openFor}; then up to {@code
 * halfOpenProbes} calls probe the kernel, and {@code successesToClose} successes close it (a failed
 * probe opens it again). While it is open, jobs are deferred with reason {@code
 * safety_unavailable}, never run unchecked.
 *
 * @param failureThreshold consecutive failures that open the breaker (at least 1)
 * @param openFor how long it stays open before probing (positive)
 * @param halfOpenProbes calls let through while half-open (at least 1)
 * @param successesToClose successful probes that close it (1 to {@code halfOpenProbes})
 */
public record CircuitBreakerSettings(
    int failureThreshold, Duration openFor, int halfOpenProbes, int successesToClose) {
  /** Cordum's settings: 3 failures, 30 s open, 3 probes, 2 successes. */
  public static final CircuitBreakerSettings DEFAULT =
      new CircuitBreakerSettings(3, Duration.ofSeconds(30), 3, 2);

  /**
   * Checks every setting.
   *
   * @throws ValidationException naming every invalid field and its rule
   */
  public CircuitBreakerSettings {
    List<ValidationException.Violation> errors = new ArrayList<>();
    if (failureThreshold < 1) {
      errors.add(new ValidationException.Violation("failureThreshold", "must be at least 1"));
    }
    if (openFor == null || openFor.isNegative() || openFor.isZero()) {
      errors.add(new ValidationException.Violation("openFor", "must be positive"));
    }
    if (halfOpenProbes < 1) {
      errors.add(new ValidationException.Violation("halfOpenProbes", "must be at least 1"));
    }
    if (successesToClose < 1 || successesToClose > Math.max(1, halfOpenProbes)) {
      errors.add(
          new ValidationException.Violation(
              "successesToClose", "must be between 1 and halfOpenProbes"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
