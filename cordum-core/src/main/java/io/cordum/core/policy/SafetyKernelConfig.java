package io.cordum.core.policy;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.api.policy.PolicyAuditRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the safety kernel. Build with {@link #builder()}; every setting has a default, and
 * {@link Builder#fromEnvironment(Map)} reads Cordum's {@code SAFETY_*} variables.
 *
 * @param base the base policy, or {@code null} for none (bundles only, or allow-all)
 * @param useBundles whether enabled policy bundles join the policy (default true)
 * @param reloadInterval how often sources are loaded again (default 30 s)
 * @param publicKey Ed25519 public key (hex or base64) checking the base policy; {@code ""} for no
 *     check
 * @param signature the base policy's signature (hex or base64), {@code ""} to look elsewhere
 * @param signaturePath a file holding the signature, or {@code null}
 * @param requireSignedBundles whether bundles must carry a valid signature by the same key
 * @param decisionCacheTtl how long decisions are cached; zero turns the cache off (default)
 * @param decisionCacheSize most cached decisions (default 10,000)
 * @param snapshotHistory how many snapshot ids {@code snapshots()} keeps (default 10)
 * @param auditCapacity how many audit records the kernel keeps in memory (default 1,000)
 * @param auditSink also receives every audit record, or {@code null}
 * @param circuitBreaker the scheduler-side circuit breaker around the kernel
 */
public record SafetyKernelConfig(
    @Nullable PolicySource base,
    boolean useBundles,
    Duration reloadInterval,
    String publicKey,
    String signature,
    @Nullable Path signaturePath,
    boolean requireSignedBundles,
    Duration decisionCacheTtl,
    int decisionCacheSize,
    int snapshotHistory,
    int auditCapacity,
    @Nullable Consumer<PolicyAuditRecord> auditSink,
    CircuitBreakerSettings circuitBreaker) {

  /** Checks the settings. */
  public SafetyKernelConfig {
    if (reloadInterval.isNegative() || reloadInterval.isZero()) {
      throw new ValidationException("reloadInterval", "must be positive");
    }
    if (decisionCacheTtl.isNegative()) {
      throw new ValidationException("decisionCacheTtl", "must not be negative");
    }
    if (decisionCacheSize < 1 || snapshotHistory < 1 || auditCapacity < 1) {
      throw new ValidationException(
          "decisionCacheSize/snapshotHistory/auditCapacity", "must be at least 1");
    }
    if (requireSignedBundles && publicKey.isBlank()) {
      throw new ValidationException("requireSignedBundles", "needs a publicKey");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SafetyKernelConfig} values. */
  public static final class Builder {
    private @Nullable PolicySource base;
    private boolean useBundles = true;
    private Duration reloadInterval = Duration.ofSeconds(30);
    private String publicKey = "";
    private String signature = "";
    private @Nullable Path signaturePath;
    private boolean requireSignedBundles;
    private Duration decisionCacheTtl = Duration.ZERO;
    private int decisionCacheSize = 10_000;
    private int snapshotHistory = 10;
    private int auditCapacity = 1_000;
    private @Nullable Consumer<PolicyAuditRecord> auditSink;
    private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULT;

    private Builder() {}

    /** The base policy from a file ({@code <path>.sig} is its default signature). */
    public Builder policyFile(Path v) {
      this.base = PolicySource.file(v);
      return this;
    }

    /** The base policy from a URL. */
    public Builder policyUrl(URI v) {
      this.base = PolicySource.url(v);
      return this;
    }

    /** The base policy as text (YAML or JSON). */
    public Builder policy(String v) {
      this.base = PolicySource.inline(v);
      return this;
    }

    /** The base policy from any source. */
    public Builder policySource(@Nullable PolicySource v) {
      this.base = v;
      return this;
    }

    /** Whether enabled policy bundles join the policy. */
    public Builder useBundles(boolean v) {
      this.useBundles = v;
      return this;
    }

    /** How often the sources are loaded again. */
    public Builder reloadInterval(Duration v) {
      this.reloadInterval = v;
      return this;
    }

    /** The Ed25519 public key (hex or base64) that must have signed the base policy. */
    public Builder publicKey(String v) {
      this.publicKey = v;
      return this;
    }

    /** The base policy's signature (hex or base64). */
    public Builder signature(String v) {
      this.signature = v;
      return this;
    }

    /** A file with the base policy's signature (raw 64 bytes, hex or base64). */
    public Builder signaturePath(@Nullable Path v) {
      this.signaturePath = v;
      return this;
    }

    /** Whether bundles must be signed by the public key too. */
    public Builder requireSignedBundles(boolean v) {
      this.requireSignedBundles = v;
      return this;
    }

    /** How long decisions are cached (zero: no cache). */
    public Builder decisionCacheTtl(Duration v) {
      this.decisionCacheTtl = v;
      return this;
    }

    /** Most cached decisions. */
    public Builder decisionCacheSize(int v) {
      this.decisionCacheSize = v;
      return this;
    }

    /** How many snapshot ids are kept. */
    public Builder snapshotHistory(int v) {
      this.snapshotHistory = v;
      return this;
    }

    /** How many audit records are kept in memory. */
    public Builder auditCapacity(int v) {
      this.auditCapacity = v;
      return this;
    }

    /** Also send every audit record here (for example to a log or a topic). */
    public Builder auditSink(@Nullable Consumer<PolicyAuditRecord> v) {
      this.auditSink = v;
      return this;
    }

    /** The circuit breaker the scheduler puts around the kernel. */
    public Builder circuitBreaker(CircuitBreakerSettings v) {
      this.circuitBreaker = v;
      return this;
    }

    /**
     * Reads {@code SAFETY_POLICY_URL} (wins over the path), {@code SAFETY_POLICY_PATH}, {@code
     * SAFETY_POLICY_RELOAD_INTERVAL}, {@code SAFETY_DECISION_CACHE_TTL} (Go durations such as
     * {@code 30s}, {@code 250ms}; {@code 0} turns the cache off), {@code SAFETY_POLICY_PUBLIC_KEY},
     * {@code SAFETY_POLICY_SIGNATURE}, {@code SAFETY_POLICY_SIGNATURE_PATH} and {@code
     * SAFETY_POLICY_CONFIG_DISABLE} (a boolean: true leaves bundles out); each only when set.
     *
     * @throws ValidationException listing every invalid variable by name, so a typo never silently
     *     leaves a default in force
     */
    public Builder fromEnvironment(Map<String, String> env) {
      Settings.Reader r = Settings.of("the environment", env).reader();
      read(r);
      r.validate();
      return this;
    }

    /**
     * Reads the variables of {@link #fromEnvironment(Map)} from any settings; every bad value is
     * recorded in {@code settings}, naming its variable, and leaves its setting unchanged.
     */
    public Builder read(Settings.Reader settings) {
      Optional<URI> url = settings.uri("SAFETY_POLICY_URL", Set.of("http", "https", "file"));
      Optional<Path> path = settings.path("SAFETY_POLICY_PATH");
      if (url.isPresent()) {
        policyUrl(url.get());
      } else if (path.isPresent() && !settings.isSet("SAFETY_POLICY_URL")) {
        policyFile(path.get());
      }
      settings.duration("SAFETY_POLICY_RELOAD_INTERVAL").ifPresent(d -> reloadInterval = d);
      settings
          .nonNegativeDuration("SAFETY_DECISION_CACHE_TTL")
          .ifPresent(d -> decisionCacheTtl = d);
      settings.string("SAFETY_POLICY_PUBLIC_KEY").ifPresent(v -> publicKey = v);
      settings.string("SAFETY_POLICY_SIGNATURE").ifPresent(v -> signature = v);
      settings.path("SAFETY_POLICY_SIGNATURE_PATH").ifPresent(v -> signaturePath = v);
      settings.bool("SAFETY_POLICY_CONFIG_DISABLE").ifPresent(off -> useBundles = !off);
      return this;
    }

    /** Builds the settings. */
    public SafetyKernelConfig build() {
      return new SafetyKernelConfig(
          base,
          useBundles,
          reloadInterval,
          publicKey,
          signature,
          signaturePath,
          requireSignedBundles,
          decisionCacheTtl,
          decisionCacheSize,
          snapshotHistory,
          auditCapacity,
          auditSink,
          circuitBreaker);
    }
  }

  /** A Go duration such as {@code 1m30s}; {@code null} when blank, invalid or not positive. */
  static @Nullable Duration duration(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return io.cordum.api.config.GoDurations.parsePositive(text).orElse(null);
  }
}
