package io.cordum.server.internal;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.ApiKeyAuthProvider;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The server's own settings (beside the engines' and the gateway's), read through the shared {@link
 * Settings.Reader} so that every problem is reported at once, naming the setting and its source.
 *
 * @param gateway the gateway's settings ({@code GATEWAY_HTTP_ADDR}, keys, limits, ...)
 * @param managementHost the management port's address ({@code GATEWAY_METRICS_ADDR})
 * @param managementPort the management port ({@code GATEWAY_METRICS_ADDR}; 0 picks a free one)
 * @param shutdownTimeout how long a stop lets the work in hand finish ({@code
 *     CORDUM_SHUTDOWN_TIMEOUT})
 * @param logFormat {@code text} or {@code json} ({@code CORDUM_LOG_FORMAT})
 * @param logLevel the root log level ({@code CORDUM_LOG_LEVEL})
 * @param bus the bus: {@code memory} or the NATS URL without credentials
 * @param stores the stores: {@code memory} or {@code redis}
 * @param gatewayNames the names the gateway read
 * @param tracing where spans go, or {@code null} when tracing is off
 * @param unused settings of Cordum's server that were given but mean nothing here (gRPC)
 */
public record ServerOptions(
    GatewayConfig gateway,
    String managementHost,
    int managementPort,
    Duration shutdownTimeout,
    String logFormat,
    String logLevel,
    String bus,
    String stores,
    Set<String> gatewayNames,
    @Nullable Tracing tracing,
    List<String> unused) {

  /** Cordum's gRPC listener settings: gRPC is not served (the HTTP API covers it). */
  static final Set<String> GRPC = Set.of("GATEWAY_GRPC_ADDR", "GRPC_TLS_CERT", "GRPC_TLS_KEY");

  /**
   * The OTLP exporter's settings (the OpenTelemetry SDK's variable names).
   *
   * @param endpoint the full traces URL
   * @param serviceName {@code OTEL_SERVICE_NAME} (default {@code cordum-server})
   * @param headers {@code OTEL_EXPORTER_OTLP_HEADERS}
   * @param scheduleDelay {@code OTEL_BSP_SCHEDULE_DELAY} (milliseconds, default 5000)
   * @param timeout {@code OTEL_EXPORTER_OTLP_TIMEOUT} (milliseconds, default 10000)
   */
  public record Tracing(
      String endpoint,
      String serviceName,
      Map<String, String> headers,
      Duration scheduleDelay,
      Duration timeout) {}

  /** Names the server reads itself. */
  public static final Set<String> OWN =
      Set.of(
          "GATEWAY_METRICS_ADDR",
          "CORDUM_SHUTDOWN_TIMEOUT",
          "CORDUM_LOG_FORMAT",
          "CORDUM_LOG_LEVEL",
          SettingsSources.CONFIG);

  /**
   * Known names of Cordum's server that this one accepts but does not use, so a deployment's
   * existing environment starts it: gRPC is out of scope (the HTTP API covers it), and the
   * single-key variables after the first one set are read only when the earlier ones are unset.
   */
  static final Set<String> ACCEPTED =
      Set.of(
          "GATEWAY_GRPC_ADDR",
          "GRPC_TLS_CERT",
          "GRPC_TLS_KEY",
          "CORDUM_SUPER_SECRET_API_TOKEN",
          "CORDUM_API_KEY",
          "API_KEY");

  private static final Set<String> LEVELS =
      Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Reads the settings; problems are recorded in {@code r}, with defaults in their place. */
  public static ServerOptions read(Settings.Reader r) {
    String mHost = "127.0.0.1";
    int mPort = 9092;
    String addr = r.string("GATEWAY_METRICS_ADDR").orElse(null);
    if (addr != null) {
      int colon = addr.lastIndexOf(':');
      Integer port = null;
      if (colon >= 0) {
        try {
          port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
          port = null;
        }
      }
      if (port == null || port < 0 || port > 65535) {
        r.reject(
            "GATEWAY_METRICS_ADDR",
            "must be host:port or :port (port 0 to 65535), was \"" + addr + "\"");
      } else {
        String h = addr.substring(0, colon).replace("[", "").replace("]", "");
        mHost = h.isEmpty() ? "0.0.0.0" : h;
        mPort = port;
      }
    }
    Duration shutdown = r.duration("CORDUM_SHUTDOWN_TIMEOUT").orElse(Duration.ofSeconds(20));
    String format =
        r.parse(
                "CORDUM_LOG_FORMAT",
                "must be text or json",
                t -> {
                  String v = t.toLowerCase(Locale.ROOT);
                  if (!v.equals("text") && !v.equals("json")) {
                    throw new IllegalArgumentException();
                  }
                  return v;
                })
            .orElse("text");
    String level =
        r.parse(
                "CORDUM_LOG_LEVEL",
                "must be one of TRACE, DEBUG, INFO, WARN, ERROR," + " OFF",
                t -> {
                  String v = t.toUpperCase(Locale.ROOT);
                  if (!LEVELS.contains(v)) {
                    throw new IllegalArgumentException();
                  }
                  return v;
                })
            .orElse("INFO");
    r.string(SettingsSources.CONFIG);
    ACCEPTED.forEach(r::string);
    List<String> unused = GRPC.stream().filter(r::isSet).sorted().toList();

    Map<String, String> flat = new LinkedHashMap<>();
    Settings s = r.settings();
    for (String n : s.names()) {
      s.get(n).ifPresent(v -> flat.put(n, v.text()));
    }
    RecordingMap view = new RecordingMap(flat);
    GatewayConfig gateway = GatewayConfig.DEFAULT;
    try {
      gateway = GatewayConfig.builder().fromEnvironment(view).build();
      if (gateway.authProvider().equals(GatewayConfig.AUTH_API_KEYS)) {
        // The server builds the default provider from these keys: refuse what it cannot honour.
        ApiKeyAuthProvider.refusedEntries(gateway.apiKeys(), gateway.defaultTenant())
            .forEach(rule -> r.reject("CORDUM_API_KEYS", rule));
      }
    } catch (ValidationException e) {
      e.violations().forEach(v -> r.reject(v.field(), v.rule()));
    }
    view.read().forEach(r::string);

    Tracing tracing = tracing(r);

    String bus = s.get("NATS_URL").map(v -> withoutCredentials(v.text())).orElse("memory");
    String stores = s.isSet("REDIS_URL") ? "redis" : "memory";
    return new ServerOptions(
        gateway, mHost, mPort, shutdown, format, level, bus, stores, view.read(), tracing, unused);
  }

  /**
   * OpenTelemetry's own variables: on when {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the base URL;
   * {@code /v1/traces} is added) or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (the full URL) is
   * set, unless {@code OTEL_SDK_DISABLED=true} or {@code OTEL_TRACES_EXPORTER=none}.
   */
  private static @Nullable Tracing tracing(Settings.Reader r) {
    Set<String> http = Set.of("http", "https");
    var base = r.uri("OTEL_EXPORTER_OTLP_ENDPOINT", http);
    var full = r.uri("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", http);
    boolean disabled = r.bool("OTEL_SDK_DISABLED", false);
    String exporter = r.string("OTEL_TRACES_EXPORTER").orElse("otlp").toLowerCase(Locale.ROOT);
    if (!exporter.equals("otlp") && !exporter.equals("none")) {
      r.reject("OTEL_TRACES_EXPORTER", "must be otlp or none, was \"" + exporter + "\"");
    }
    for (String name :
        List.of("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")) {
      r.string(name)
          .filter(p -> !p.equals("http/protobuf"))
          .ifPresent(
              p ->
                  r.reject(
                      name,
                      "must be http/protobuf (the only OTLP protocol the server speaks), was \""
                          + p
                          + "\""));
    }
    String service = r.string("OTEL_SERVICE_NAME").orElse("cordum-server");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : List.of("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")) {
      r.parse(
              name,
              "must be a list of key=value pairs separated by commas",
              t -> {
                Map<String, String> out = new LinkedHashMap<>();
                for (String pair : t.split(",")) {
                  int eq = pair.indexOf('=');
                  if (eq <= 0) {
                    throw new IllegalArgumentException();
                  }
                  out.put(
                      URLDecoder.decode(pair.substring(0, eq).trim(), StandardCharsets.UTF_8),
                      URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
                }
                return out;
              })
          .ifPresent(headers::putAll);
    }
    Duration delay =
        r.longInteger("OTEL_BSP_SCHEDULE_DELAY", 1, 3_600_000)
            .map(Duration::ofMillis)
            .orElse(Duration.ofSeconds(5));
    Duration timeout =
        r.longInteger("OTEL_EXPORTER_OTLP_TIMEOUT", 1, 3_600_000)
            .map(Duration::ofMillis)
            .orElse(Duration.ofSeconds(10));
    String endpoint =
        full.map(java.net.URI::toString)
            .orElseGet(
                () ->
                    base.map(
                            u -> {
                              String b = u.toString();
                              return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                                  + "/v1/traces";
                            })
                        .orElse(null));
    if (endpoint == null || disabled || exporter.equals("none")) {
      return null;
    }
    return new Tracing(endpoint, service, Map.copyOf(headers), delay, timeout);
  }

  /**
   * Records every name given by a flag or the config file that no part of the server read: a typo
   * there would otherwise be ignored silently.
   */
  public void checkUnknown(Settings.Reader r, SettingsSources sources) {
    Set<String> known = new HashSet<>(r.readNames());
    known.addAll(gatewayNames);
    for (String n : sources.unknown(known)) {
      r.reject(n, "is not a Cordum setting (see docs/server.md for the settings)");
    }
  }

  /** Whether anything lives only in this process. */
  public boolean inMemory() {
    return bus.equals("memory") || stores.equals("memory");
  }

  /** The bus, for the banner. */
  public String busDescription() {
    return bus.equals("memory") ? "in-memory" : "NATS " + bus;
  }

  /** The stores, for the banner. */
  public String storesDescription() {
    return stores.equals("memory") ? "in-memory" : "Redis";
  }

  private static String withoutCredentials(String url) {
    return io.cordum.api.health.Health.withoutCredentials(url);
  }
}
