package io.cordum.gateway.internal;

import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.ErrorCodes;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Cordum's timestamp normalisation for query parameters ({@code cursor}, {@code updated_after},
 * {@code updated_before}): an integer is read as seconds below 1e12, milliseconds below 1e15,
 * microseconds below 1e18, else nanoseconds. An upper bound is rounded up to the end of its unit
 * (seconds and milliseconds), so {@code updated_before=<seconds>} includes that whole second.
 */
public final class Timestamps {
  private Timestamps() {}

  /**
   * The instant of a query value, or {@code null} when absent or blank.
   *
   * @param upper whether the value is an upper bound (rounded up to the end of its unit)
   * @throws ApiError 400 naming the parameter when it is not a non-negative integer
   */
  public static @Nullable Instant parse(String name, @Nullable String value, boolean upper) {
    if (value == null || value.isBlank()) {
      return null;
    }
    long v;
    try {
      v = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, name + " must be a unix timestamp (seconds, ms, µs or ns)");
    }
    if (v < 0) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, name + " must not be negative");
    }
    return fromNumber(v, upper);
  }

  /** The instant of a number in its guessed unit. */
  public static Instant fromNumber(long v, boolean upper) {
    if (v < 1_000_000_000_000L) {
      return Instant.ofEpochSecond(v, upper ? 999_999_999 : 0);
    }
    if (v < 1_000_000_000_000_000L) {
      return Instant.ofEpochMilli(v).plusNanos(upper ? 999_999 : 0);
    }
    if (v < 1_000_000_000_000_000_000L) {
      return Instant.ofEpochSecond(v / 1_000_000, (v % 1_000_000) * 1000 + (upper ? 999 : 0));
    }
    return Instant.ofEpochSecond(v / 1_000_000_000, v % 1_000_000_000);
  }

  /** Whether a cursor is a Cordum numeric (timestamp) cursor rather than an opaque one. */
  public static boolean isNumeric(String cursor) {
    if (cursor.isEmpty() || cursor.length() > 19) {
      return false;
    }
    for (int i = 0; i < cursor.length(); i++) {
      if (!Character.isDigit(cursor.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
