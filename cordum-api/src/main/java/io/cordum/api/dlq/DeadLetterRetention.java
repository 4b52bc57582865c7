package io.cordum.api.dlq;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a {@link DeadLetterStore} keeps entries: each entry at most {@link #maxAge()} after it
 * was added, and at most the newest {@link #maxEntries()} entries. Entries past either bound are
 * removed completely (Cordum trimmed its index to 1000 but left the entries behind for ever).
 *
 * @param maxAge how long an entry is kept
 * @param maxEntries how many entries are kept at most
 */
public record DeadLetterRetention(Duration maxAge, int maxEntries) {
  /** Seven days, as the job retention. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  /** Ten thousand entries. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  /** The defaults. */
  public static final DeadLetterRetention DEFAULT =
      new DeadLetterRetention(DEFAULT_MAX_AGE, DEFAULT_MAX_ENTRIES);

  /** Checks both bounds. */
  public DeadLetterRetention {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new ValidationException("dlq_max_age", "must be positive, was " + maxAge);
    }
    if (maxEntries < 1) {
      throw new ValidationException("dlq_max_entries", "must be at least 1, was " + maxEntries);
    }
  }
}
