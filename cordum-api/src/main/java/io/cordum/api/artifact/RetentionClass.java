package io.cordum.api.artifact;

import java.util.Locale;

/**
 * How long an artifact is kept. The times are set by {@link ArtifactConfig} (defaults: short 24
 * hours, standard 7 days, audit 30 days).
 */
public enum RetentionClass {
  /** Scratch output; 24 hours by default. */
  SHORT,
  /** The default; 7 days. */
  STANDARD,
  /** Kept for audits; 30 days. */
  AUDIT;

  /** The wire name, {@code short}, {@code standard} or {@code audit}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The class named by {@code text}, case-insensitively; anything unknown is {@link #STANDARD}. */
  public static RetentionClass parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "short" -> SHORT;
      case "audit" -> AUDIT;
      default -> STANDARD;
    };
  }
}
