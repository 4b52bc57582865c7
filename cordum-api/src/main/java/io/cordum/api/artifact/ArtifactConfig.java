package io.cordum.api.artifact;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link ArtifactStore}: the time each {@link RetentionClass} keeps an artifact, and
 * the largest content accepted. Build one with {@link #builder()} or read Cordum's variables with
 * {@link #fromEnvironment(Map)}.
 *
 * @param shortTtl how long {@link RetentionClass#SHORT} artifacts live ({@code ARTIFACT_TTL_SHORT})
 * @param standardTtl how long {@link RetentionClass#STANDARD} artifacts live ({@code
 *     ARTIFACT_TTL_STANDARD})
 * @param auditTtl how long {@link RetentionClass#AUDIT} artifacts live ({@code ARTIFACT_TTL_AUDIT})
 * @param maxBytes the largest content a put accepts ({@code ARTIFACT_MAX_BYTES}); a server-side
 *     cap, so a client cannot raise it
 */
public record ArtifactConfig(
    Duration shortTtl, Duration standardTtl, Duration auditTtl, long maxBytes) {
  /** 24 hours. */
  public static final Duration DEFAULT_SHORT_TTL = Duration.ofHours(24);

  /** 7 days. */
  public static final Duration DEFAULT_STANDARD_TTL = Duration.ofDays(7);

  /** 30 days. */
  public static final Duration DEFAULT_AUDIT_TTL = Duration.ofDays(30);

  /** 16 MiB. */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /** The defaults. */
  public static final ArtifactConfig DEFAULT = builder().build();

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
   * The defaults overridden by {@code ARTIFACT_TTL_SHORT}, {@code ARTIFACT_TTL_STANDARD}, {@code
   * ARTIFACT_TTL_AUDIT} (positive Go durations such as {@code 2s} or {@code 48h}) and {@code
   * ARTIFACT_MAX_BYTES} (a positive integer). Every invalid value is an error, so a typo never
   * silently leaves the default in force.
   *
   * @throws ValidationException listing every invalid variable by name
   */
  public static ArtifactConfig fromEnvironment(Map<String, String> env) {
    Settings.Reader r = Settings.of("the environment", env).reader();
    ArtifactConfig c = read(r);
    r.validate();
    return c;
  }

  /**
   * Reads the variables of {@link #fromEnvironment(Map)} from any settings; a bad value is recorded
   * in {@code settings} (naming its variable) and its default kept.
   */
  public static ArtifactConfig read(Settings.Reader settings) {
    Builder b = builder();
    settings.duration("ARTIFACT_TTL_SHORT").ifPresent(b::shortTtl);
    settings.duration("ARTIFACT_TTL_STANDARD").ifPresent(b::standardTtl);
    settings.duration("ARTIFACT_TTL_AUDIT").ifPresent(b::auditTtl);
    settings.longInteger("ARTIFACT_MAX_BYTES", 1, Long.MAX_VALUE).ifPresent(b::maxBytes);
    return b.build();
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
