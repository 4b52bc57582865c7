package io.cordum.server;

import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.core.Cordum;
import io.cordum.gateway.Gateway;
import io.cordum.gateway.GatewayConfig;
import io.cordum.server.internal.ManagementServer;
import io.cordum.server.internal.OtelTracer;
import io.cordum.server.internal.ServerOptions;
import io.cordum.server.internal.SettingsSources;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cordum control plane as a service: the engines of {@link Cordum} (scheduler, workflow engine,
 * safety kernel, config service, DLQ) with the HTTP {@link Gateway} in front and a management port
 * beside it ({@code /health}, {@code /ready}, {@code /metrics}), configured from flags, the
 * environment and an optional YAML file (see {@code docs/server.md}).
 *
 * <pre>{@code
 * try (CordumServer server = CordumServer.builder()
 *     .args("--NATS_URL=nats://127.0.0.1:4222", "--REDIS_URL=redis://127.0.0.1:6379")
 *     .build()
 *     .start()) {
 *   // http://127.0.0.1:8081/api/v1/status
 * }
 * }</pre>
 *
 * <p>With no backend variable it runs on in-memory backends and says at startup that their data is
 * lost on exit. Several servers on the same NATS and Redis are one control plane. {@code java -jar
 * cordum-server.jar} runs {@link Main}, which adds signal handling and exit codes.
 */
public final class CordumServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CordumServer.class);

  private final Cordum cordum;
  private final Gateway gateway;
  private final ManagementServer management;
  private final PrometheusMeterRegistry registry;
  private final ServerOptions options;
  private final @Nullable OtelTracer tracer;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile boolean serving;
  private boolean stopped;

  private CordumServer(
      Cordum cordum,
      Gateway gateway,
      ManagementServer management,
      PrometheusMeterRegistry registry,
      ServerOptions options,
      @Nullable OtelTracer tracer) {
    this.tracer = tracer;
    this.cordum = cordum;
    this.gateway = gateway;
    this.management = management;
    this.registry = registry;
    this.options = options;
  }

  /** A builder; with nothing set it reads the process environment only. */
  public static Builder builder() {
    return new Builder();
  }

  /** The control plane this server runs (for hosts and tests in the same JVM). */
  public Cordum cordum() {
    return cordum;
  }

  /** The gateway's base address, such as {@code http://127.0.0.1:8081}. */
  public URI apiUri() {
    return gateway.uri();
  }

  /** The management port's base address ({@code /health}, {@code /ready}, {@code /metrics}). */
  public URI managementUri() {
    return management.uri(options.managementHost());
  }

  /** Whether the server serves requests (false before start and once stopping). */
  public boolean isServing() {
    return serving;
  }

  /** How long {@link #close()} lets the work in hand finish ({@code CORDUM_SHUTDOWN_TIMEOUT}). */
  public Duration shutdownTimeout() {
    return options.shutdownTimeout();
  }

  /**
   * Stops in order: the server turns not-ready, the gateway stops accepting and lets the requests
   * in hand finish (up to {@code grace}), then the engines close (submits in progress finish, the
   * scheduler stops, the backends close last), then the management port. Idempotent.
   */
  public void stop(Duration grace) {
    lifecycle.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      serving = false;
      log.info("Cordum server stopping (grace {})", grace);
      step("the gateway", () -> gateway.stop(grace));
      step("the control plane", cordum::close);
      if (tracer != null) {
        step("the trace exporter", tracer::close); // sends what is queued
      }
      step("the management port", management::close);
      step("the metrics registry", registry::close);
      log.info("Cordum server stopped");
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops with the configured shutdown timeout as the grace period. */
  @Override
  public void close() {
    stop(options.shutdownTimeout());
  }

  private static void step(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("stopping {} failed: {}", what, e.toString());
    }
  }

  /** Builds {@link CordumServer}s from flags, environment and file. */
  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private @Nullable Map<String, String> env;

    private Builder() {}

    /**
     * Command-line arguments: {@code --NAME=value}, {@code --NAME value}, {@code --config FILE}.
     */
    public Builder args(String... v) {
      args.addAll(List.of(v));
      return this;
    }

    /** Command-line arguments, as {@link #args(String...)}. */
    public Builder args(List<String> v) {
      args.addAll(v);
      return this;
    }

    /** The environment to read (default: the process environment). */
    public Builder environment(Map<String, String> v) {
      this.env = Map.copyOf(Objects.requireNonNull(v, "environment"));
      return this;
    }

    /**
     * Reads and checks every setting (without opening anything).
     *
     * @throws ValidationException listing every bad setting, unknown name and bad argument, each
     *     naming the setting and where it came from
     */
    public Prepared build() {
      SettingsSources sources = SettingsSources.load(args, env != null ? env : System.getenv());
      return new Prepared(sources);
    }
  }

  /** Settings that were read and checked, ready to {@link #start()}. Nothing is opened yet. */
  public static final class Prepared {
    private final SettingsSources sources;
    private final ServerOptions options;
    private final GatewayConfig gatewayConfig;
    private final Cordum.Builder cordum;
    private final PrometheusMeterRegistry registry;

    private Prepared(SettingsSources sources) {
      this.sources = sources;
      Settings.Reader reader = sources.settings().reader();
      this.options = ServerOptions.read(reader);
      this.gatewayConfig = options.gateway();
      this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      this.cordum = Cordum.builder().meterRegistry(registry);
      try {
        cordum.fromSettings(reader);
      } catch (ValidationException e) {
        options.checkUnknown(reader, sources);
        registry.close();
        throw new ValidationException(reader.violations());
      }
      options.checkUnknown(reader, sources);
      try {
        reader.validate();
      } catch (ValidationException e) {
        registry.close();
        throw e;
      }
    }

    /** Whether {@code --help} was given. */
    public boolean help() {
      return sources.help();
    }

    /** Whether {@code --version} was given. */
    public boolean version() {
      return sources.version();
    }

    /** The gateway's settings as read. */
    public GatewayConfig gatewayConfig() {
      return gatewayConfig;
    }

    /**
     * Opens the backends, starts the engines, the gateway and the management port, and logs the
     * startup banner.
     *
     * @throws CordumException if a backend cannot be opened or the engines cannot be assembled
     * @throws IllegalStateException if a port cannot be bound, or a non-loopback address was asked
     *     for with no API key and auth not switched off
     * @throws UncheckedIOException if the management port cannot be bound
     */
    public CordumServer start() {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      OtelTracer tracer = null;
      if (options.tracing() != null) {
        ServerOptions.Tracing t = options.tracing();
        tracer =
            new OtelTracer(
                t.endpoint(), t.serviceName(), t.headers(), t.scheduleDelay(), t.timeout());
        cordum.tracer(tracer);
      }
      Cordum c;
      try {
        c = cordum.build();
      } catch (RuntimeException e) {
        if (tracer != null) {
          tracer.close();
        }
        registry.close();
        throw e;
      }
      Gateway g = null;
      ManagementServer m = null;
      try {
        c.start();
        g = Gateway.builder().cordum(c).config(gatewayConfig).meterRegistry(registry).build();
        CordumServer[] self = new CordumServer[1];
        try {
          m =
              new ManagementServer(
                  options.managementHost(),
                  options.managementPort(),
                  () -> self[0] != null && self[0].serving,
                  c::health,
                  registry::scrape);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "the management port could not listen on "
                  + options.managementHost()
                  + ":"
                  + options.managementPort()
                  + ": "
                  + e.getMessage(),
              e);
        }
        g.start();
        m.start();
        CordumServer s = new CordumServer(c, g, m, registry, options, tracer);
        self[0] = s;
        s.serving = true;
        banner(s);
        return s;
      } catch (RuntimeException e) {
        if (g != null) {
          g.stop(Duration.ZERO);
        }
        if (m != null) {
          m.close();
        }
        c.close();
        if (tracer != null) {
          tracer.close();
        }
        registry.close();
        throw e;
      }
    }

    private void banner(CordumServer s) {
      log.info(
          "Cordum server started: API {} , management {} (/health /ready /metrics)",
          s.apiUri(),
          s.managementUri());
      log.info(
          "backends: bus {}, stores {}", options.busDescription(), options.storesDescription());
      log.info(
          "traces: {}",
          options.tracing() == null
              ? "off (set OTEL_EXPORTER_OTLP_ENDPOINT" + " to export them)"
              : "OTLP/HTTP to " + options.tracing().endpoint());
      if (options.inMemory()) {
        log.warn(
            "IN-MEMORY MODE: jobs, runs and settings live in this process only and are LOST"
                + " when it exits; set NATS_URL and REDIS_URL to keep them and to run several"
                + " servers as one control plane");
      }
      if (!options.unused().isEmpty()) {
        log.warn(
            "ignored: {} (gRPC is not served; use the HTTP API on {})",
            options.unused(),
            s.apiUri());
      }
      if (sources.file() != null) {
        log.info("config file: {}", sources.file());
      }
    }
  }
}
