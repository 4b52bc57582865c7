package io.cordum.api.artifact;

import io.cordum.api.config.GoDurations;
import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link ArtifactStore}: the time each {@link RetentionClass} keeps an artifact, and
 * the largest content accepted. Build one with {@link #builder()} or read Cordum's variables with
 * {@link #fromEnvironment(Map)}.
 *
 * @param shortTtl how long {@link RetentionClass#SHORT} artifacts live ({@code ARTIFACT_TTL_SHORT})
 * @param standardTtl how long {@link RetentionClass#STANDARD} artifacts live
 *     ({@code ARTIFACT_TTL_STANDARD})
 * @param auditTtl how long {@link RetentionClass#AUDIT} artifacts live ({@code ARTIFACT_TTL_AUDIT})
 * @param maxBytes the largest content a put accepts ({@code ARTIFACT_MAX_BYTES}); a server-side
 *     cap, unlike Cordum's client-supplied one
 */
public record ArtifactConfig(Duration shortTtl, Duration standardTtl, Duration auditTtl,
    long maxBytes) {
  /** 24 hours. */
  public static final Duration DEFAULT_SHORT_TTL = Duration.ofHours(24);
  /** 7 days. */
  public static final Duration DEFAULT_STANDARD_TTL = Duration.ofDays(7);
  /** 30 days. */
  public static final Duration DEFAULT_AUDIT_TTL = Duration.ofDays(30);
  /** 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
  /** The defaults. */
  public static final ArtifactConfig DEFAULTS = builder().build();

  /** Checks that every time and the size limit are positive. */
  public ArtifactConfig {
    positive(shortTtl, "artifact_ttl_short");
    positive(standardTtl, "artifact_ttl_standard");
    positive(auditTtl, "artifact_ttl_audit");
    if (maxBytes < 1) {
      throw new ValidationException("artifact_max_bytes", "must be at least 1, was " + maxBytes);
    }
  }

  /** How long artifacts of {@code retention} live. */
  public Duration ttl(RetentionClass retention) {
    return switch (retention) {
      case SHORT -> shortTtl;
      case STANDARD -> standardTtl;
      case AUDIT -> auditTtl;
    };
  }

  /** The longest of the three times. */
  public Duration longestTtl() {
    Duration max = shortTtl.compareTo(standardTtl) > 0 ? shortTtl : standardTtl;
    return max.compareTo(auditTtl) > 0 ? max : auditTtl;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults overridden by {@code ARTIFACT_TTL_SHORT}, {@code ARTIFACT_TTL_STANDARD},
   * {@code ARTIFACT_TTL_AUDIT} (Go durations such as {@code 2s} or {@code 48h}; as in Cordum, an
   * invalid or non-positive value keeps the default) and {@code ARTIFACT_MAX_BYTES} (a positive
   * integer).
   */
  public static ArtifactConfig fromEnvironment(Map<String, String> env) {
    return builder()
        .shortTtl(envDuration(env, "ARTIFACT_TTL_SHORT", DEFAULT_SHORT_TTL))
        .standardTtl(envDuration(env, "ARTIFACT_TTL_STANDARD", DEFAULT_STANDARD_TTL))
        .auditTtl(envDuration(env, "ARTIFACT_TTL_AUDIT", DEFAULT_AUDIT_TTL))
        .maxBytes(envLong(env, "ARTIFACT_MAX_BYTES", DEFAULT_MAX_BYTES))
        .build();
  }

  /** The value of {@code name} as a positive Go duration, else {@code fallback}. */
  static Duration envDuration(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    Optional<Duration> d = GoDurations.parse(v);
    return d.filter(x -> !x.isNegative() && !x.isZero()).orElse(fallback);
  }

  private static long envLong(Map<String, String> env, String name, long fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      return n > 0 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void positive(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be positive, was " + d);
    }
  }

  /** Builds {@link ArtifactConfig} values; every setting starts at its default. */
  public static final class Builder {
    private Duration shortTtl = DEFAULT_SHORT_TTL;
    private Duration standardTtl = DEFAULT_STANDARD_TTL;
    private Duration auditTtl = DEFAULT_AUDIT_TTL;
    private long maxBytes = DEFAULT_MAX_BYTES;

    private Builder() {}

    /** How long short-retention artifacts live. */
    public Builder shortTtl(Duration v) {
      this.shortTtl = v;
      return this;
    }

    /** How long standard-retention artifacts live. */
    public Builder standardTtl(Duration v) {
      this.standardTtl = v;
      return this;
    }

    /** How long audit-retention artifacts live. */
    public Builder auditTtl(Duration v) {
      this.auditTtl = v;
      return this;
    }

    /** The largest content accepted, in bytes. */
    public Builder maxBytes(long v) {
      this.maxBytes = v;
      return this;
    }

    /** Builds the config. */
    public ArtifactConfig build() {
      return new ArtifactConfig(shortTtl, standardTtl, auditTtl, maxBytes);
    }
  }
}
