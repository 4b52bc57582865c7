package io.cordum.memory;

import io.cordum.api.ValidationException;
import java.time.Duration;

/** Argument checks shared by the stores; each failure names the field and the rule. */
final class StoreArgs {
  private StoreArgs() {}

  static String nonBlank(String value, String field) {
    if (value.isBlank()) {
      throw new ValidationException(field, "must not be blank");
    }
    return value;
  }

  static String jobId(String jobId) {
    return nonBlank(jobId, "job_id");
  }

  static int positive(int value, String field) {
    if (value < 1) {
      throw new ValidationException(field, "must be at least 1, was " + value);
    }
    return value;
  }

  static Duration positive(Duration value, String field) {
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "must be positive, was " + value);
    }
    return value;
  }
}
