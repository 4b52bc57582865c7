package io.cordum.core;

import io.cordum.api.ValidationException;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.backend.BackendProvider;
import io.cordum.api.backend.PreparedBackend;
import io.cordum.api.config.Settings;
import io.cordum.core.policy.SafetyKernelConfig;
import io.cordum.core.scheduler.PoolConfig;
import io.cordum.core.scheduler.TimeoutConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Reads the control plane's settings for {@code Cordum.Builder.fromSettings}: the pools, timeouts,
 * artifact and safety-kernel variables, and the backends that the settings select (found as {@link
 * BackendProvider}s with {@link ServiceLoader}, so that cordum-core needs no dependency on
 * cordum-redis or cordum-nats). Every variable read either takes effect or is recorded as a problem
 * that names it: a backend variable whose artifact is missing, or a setting of a backend or the
 * safety kernel that nothing selected, stops the build instead of being ignored.
 */
final class EnvironmentSettings {
  /** Backends this project ships, so that a missing artifact can be named. */
  private record Known(String name, String selector, String artifact, Predicate<String> owns) {}

  private static final List<Known> KNOWN =
      List.of(
          new Known(
              "redis",
              "REDIS_URL",
              "io.cordum:cordum-redis",
              n -> n.startsWith("REDIS_") || n.startsWith("JOB_META_TTL")),
          new Known("nats", "NATS_URL", "io.cordum:cordum-nats", n -> n.startsWith("NATS_")));

  /** The safety-kernel variables that need a policy source to mean anything. */
  private static final Set<String> SAFETY =
      Set.of(
          "SAFETY_POLICY_RELOAD_INTERVAL",
          "SAFETY_DECISION_CACHE_TTL",
          "SAFETY_POLICY_PUBLIC_KEY",
          "SAFETY_POLICY_SIGNATURE",
          "SAFETY_POLICY_SIGNATURE_PATH",
          "SAFETY_POLICY_CONFIG_DISABLE");

  private EnvironmentSettings() {}

  /** What the settings asked for; {@code null} fields were not set. */
  record Result(
      @Nullable PoolConfig pools,
      @Nullable TimeoutConfig timeouts,
      @Nullable ArtifactConfig artifacts,
      @Nullable SafetyKernelConfig safetyKernel,
      List<PreparedBackend> backends) {}

  static Result read(Settings.Reader r, @Nullable ClassLoader loader) {
    PoolConfig pools = file(r, "POOL_CONFIG_PATH", PoolConfig::load);
    TimeoutConfig timeouts = file(r, "TIMEOUT_CONFIG_PATH", TimeoutConfig::load);
    ArtifactConfig artifacts = null;
    if (r.settings().names().stream().anyMatch(n -> n.startsWith("ARTIFACT_"))) {
      artifacts = ArtifactConfig.read(r);
    }
    return new Result(pools, timeouts, artifacts, safety(r), backends(r, loader));
  }

  private static <T> @Nullable T file(Settings.Reader r, String name, Function<Path, T> load) {
    Path p = r.existingFile(name).orElse(null);
    if (p == null) {
      return null;
    }
    try {
      return load.apply(p);
    } catch (ValidationException e) {
      e.violations().forEach(v -> r.reject(name, "in " + p + ": " + v.field() + ": " + v.rule()));
    } catch (UncheckedIOException e) {
      // An UncheckedIOException always has its IOException as the cause (its constructors require
      // it).
      r.reject(name, "cannot be read: " + Objects.requireNonNull(e.getCause()).getMessage());
    }
    return null;
  }

  private static @Nullable SafetyKernelConfig safety(Settings.Reader r) {
    boolean url = r.isSet("SAFETY_POLICY_URL");
    if (!url && !r.isSet("SAFETY_POLICY_PATH")) {
      SAFETY.stream()
          .filter(r::isSet)
          .forEach(
              n ->
                  r.reject(
                      n,
                      "has no effect without a"
                          + " policy: set SAFETY_POLICY_PATH (or SAFETY_POLICY_URL) to turn the safety kernel"
                          + " on, or remove "
                          + n));
      if (r.isSet("SAFETY_KERNEL_ADDR")) {
        r.reject(
            "SAFETY_KERNEL_ADDR",
            "is not supported: the safety kernel runs in the control"
                + " plane's process; set SAFETY_POLICY_PATH to configure it");
      }
      return null;
    }
    if (!url) {
      r.existingFile("SAFETY_POLICY_PATH");
    }
    int problems = r.violations().size();
    SafetyKernelConfig.Builder b = SafetyKernelConfig.builder().read(r);
    if (r.violations().size() > problems) {
      return null;
    }
    try {
      return b.build();
    } catch (ValidationException e) {
      e.violations().forEach(v -> r.reject("SAFETY_POLICY_PATH", v.field() + ": " + v.rule()));
      return null;
    }
  }

  private static List<PreparedBackend> backends(Settings.Reader r, @Nullable ClassLoader loader) {
    List<PreparedBackend> out = new ArrayList<>();
    List<String> found = new ArrayList<>();
    Set<String> names = r.settings().names();
    try {
      for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader)) {
        found.add(p.name());
        if (r.isSet(p.selector())) {
          p.prepare(r).ifPresent(out::add);
        } else {
          names.stream()
              .filter(p::owns)
              .forEach(
                  n ->
                      r.reject(
                          n,
                          "has no effect: "
                              + p.selector()
                              + " is not set; set it to use the "
                              + p.name()
                              + " backend, or"
                              + " remove "
                              + n));
        }
      }
    } catch (ServiceConfigurationError e) {
      r.reject(
          "backends", "a backend provider on the class path cannot be loaded: " + e.getMessage());
    }
    for (Known k : KNOWN) {
      if (found.contains(k.name())) {
        continue;
      }
      Consumer<String> missing =
          n ->
              r.reject(
                  n,
                  "needs the "
                      + k.name()
                      + " backend (selected by "
                      + k.selector()
                      + "), but "
                      + k.artifact()
                      + " is not on the class path; add that dependency (its version is in"
                      + " cordum-bom), or remove "
                      + n);
      if (r.isSet(k.selector())) {
        missing.accept(k.selector());
      }
      names.stream().filter(n -> k.owns().test(n) && !n.equals(k.selector())).forEach(missing);
    }
    return out;
  }
}
