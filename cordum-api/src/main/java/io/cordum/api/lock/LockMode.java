package io.cordum.api.lock;

import java.util.Locale;

/**
 * How a lock is held: by any number of {@link #SHARED} owners, or by one {@link #EXCLUSIVE} owner.
 */
public enum LockMode {
  /** Many owners at once; no exclusive owner meanwhile. */
  SHARED,
  /** One owner; nobody else, shared or exclusive. */
  EXCLUSIVE;

  /** The wire name, {@code shared} or {@code exclusive}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode named by {@code text}, case-insensitively: {@code shared} is {@link #SHARED}; anything
   * else (including blank) is {@link #EXCLUSIVE}, as in Cordum's lock API.
   */
  public static LockMode parse(String text) {
    return "shared".equalsIgnoreCase(text.trim()) ? SHARED : EXCLUSIVE;
  }
}
