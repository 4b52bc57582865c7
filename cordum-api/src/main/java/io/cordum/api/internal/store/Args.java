package io.cordum.api.internal.store;

import io.cordum.api.ValidationException;
import java.time.Duration;

/** Argument checks shared by the stores; each failure names the field and the rule. */
public final class Args {
  private Args() {}

  /** The value, or a {@link ValidationException} naming {@code field} if it is blank. */
  public static String nonBlank(String value, String field) {
    if (value.isBlank()) {
      throw new ValidationException(field, "must not be blank");
    }
    return value;
  }

  /** A job id, which must not be blank. */
  public static String jobId(String jobId) {
    return nonBlank(jobId, "job_id");
  }

  /** The value, or a {@link ValidationException} if it is below 1. */
  public static int positive(int value, String field) {
    if (value < 1) {
      throw new ValidationException(field, "must be at least 1, was " + value);
    }
    return value;
  }

  /** The duration, or a {@link ValidationException} if it is zero or negative. */
  public static Duration positive(Duration value, String field) {
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "must be positive, was " + value);
    }
    return value;
  }
}
