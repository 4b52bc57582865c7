package io.cordum.gateway;

import io.cordum.api.ValidationException;
import io.cordum.api.config.GoDurations;
import io.cordum.api.job.Tenants;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.auth.JwtVerifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the HTTP gateway. Build with {@link #builder()}; {@link Builder#fromEnvironment}
 * reads Cordum's variables (listed on each setting).
 *
 * @param host the address to listen on ({@code GATEWAY_HTTP_ADDR} host part; default {@code
 *     127.0.0.1}; {@code 0.0.0.0} for every interface)
 * @param port the port ({@code GATEWAY_HTTP_ADDR} port part; default 8081; 0 picks a free port)
 * @param apiKeys the keys of the default auth provider ({@code CORDUM_API_KEYS} and the single-key
 *     variables)
 * @param authDisabled switches auth off explicitly ({@code CORDUM_AUTH_DISABLED=true}): needed to
 *     listen on a non-loopback address with no key configured
 * @param defaultTenant the tenant of the default auth provider ({@code TENANT_ID}, default {@code
 *     default})
 * @param allowedOrigins browser origins allowed ({@code CORDUM_ALLOWED_ORIGINS}, comma list or
 *     {@code *}); {@code null} allows loopback origins and the request's own host, as Cordum
 * @param rateLimitPerSecond requests per second per key, 0 for no limit ({@code
 *     API_RATE_LIMIT_RPS}, default 50)
 * @param rateLimitBurst the burst per key ({@code API_RATE_LIMIT_BURST}, default 100)
 * @param maxBodyBytes the body limit of every route that declares none ({@code
 *     GATEWAY_MAX_BODY_BYTES}, default 2 MiB)
 * @param maxArtifactBodyBytes the body limit of artifact uploads ({@code
 *     GATEWAY_MAX_ARTIFACT_BODY_BYTES}, default 24 MiB: a 16 MiB artifact in base64)
 * @param maxHeaderBytes the largest request head ({@code GATEWAY_MAX_HEADER_BYTES}, default 16 KiB)
 * @param idleTimeout how long a connection may stay silent ({@code GATEWAY_IDLE_TIMEOUT}, a Go
 *     duration, default 60s)
 * @param requestTimeout how long receiving one request body may take ({@code
 *     GATEWAY_REQUEST_TIMEOUT}, default 15s; after it: 408)
 * @param maxListLimit the largest {@code limit} any listing accepts; larger values are capped
 *     ({@code GATEWAY_MAX_LIST_LIMIT}, default 1000)
 * @param streamPayloadWrapper whether stream events also carry the {@code payload} wrapper Cordum's
 *     dashboard reads ({@code CORDUM_STREAM_PAYLOAD_WRAPPER}, default true)
 * @param streamClientBuffer events buffered per stream client; a client that falls further behind
 *     is closed ({@code CORDUM_STREAM_CLIENT_BUFFER}, default 256)
 * @param streamPingInterval how often stream clients are pinged ({@code
 *     CORDUM_STREAM_PING_INTERVAL}, default 15s)
 * @param streamMaxClients the most stream clients at once ({@code CORDUM_STREAM_MAX_CLIENTS},
 *     default 1000)
 * @param buildVersion the version reported by {@code /api/v1/status}
 * @param buildCommit the commit reported by {@code /api/v1/status}
 * @param buildDate the build date reported by {@code /api/v1/status}
 * @param consoleEnabled whether the web console is served at {@code /console} ({@code
 *     CORDUM_CONSOLE_ENABLED}, default true)
 * @param authProvider which auth provider the gateway builds when none is given ({@code
 *     CORDUM_AUTH_PROVIDER}): {@link #AUTH_API_KEYS} (default: Cordum's single-tenant keys) or
 *     {@link #AUTH_KEY_STORE} (multi-tenant keys with roles, managed through {@code
 *     /api/v1/auth/keys}, stored in {@code Cordum.apiKeys()})
 * @param tenantRateLimitPerSecond requests per second per tenant, over all its keys, 0 for no limit
 *     ({@code CORDUM_TENANT_RATE_LIMIT_RPS}, default 0)
 * @param tenantRateLimitBurst the burst per tenant ({@code CORDUM_TENANT_RATE_LIMIT_BURST}, default
 *     200)
 * @param jwt bearer JWTs the key-store provider also accepts ({@code CORDUM_JWT_*}, see {@link
 *     JwtVerifier#fromEnvironment}), or {@code null} for none
 */
public record GatewayConfig(
    String host,
    int port,
    ApiKeys apiKeys,
    boolean authDisabled,
    String defaultTenant,
    @Nullable List<String> allowedOrigins,
    double rateLimitPerSecond,
    int rateLimitBurst,
    long maxBodyBytes,
    long maxArtifactBodyBytes,
    int maxHeaderBytes,
    Duration idleTimeout,
    Duration requestTimeout,
    int maxListLimit,
    boolean streamPayloadWrapper,
    int streamClientBuffer,
    Duration streamPingInterval,
    int streamMaxClients,
    String buildVersion,
    String buildCommit,
    String buildDate,
    boolean consoleEnabled,
    String authProvider,
    double tenantRateLimitPerSecond,
    int tenantRateLimitBurst,
    @Nullable JwtVerifier jwt) {

  /** {@link #authProvider()}: Cordum's single-tenant API keys ({@code ApiKeyAuthProvider}). */
  public static final String AUTH_API_KEYS = "api-keys";

  /** {@link #authProvider()}: multi-tenant keys with roles ({@code KeyStoreAuthProvider}). */
  public static final String AUTH_KEY_STORE = "key-store";

  /** 2 MiB, as Cordum's submit limit. */
  public static final long DEFAULT_MAX_BODY_BYTES = 2L * 1024 * 1024;

  /** The defaults: loopback on 8081, no keys, Cordum's limits. */
  public static final GatewayConfig DEFAULT = builder().build();

  /** Checks every setting; a bad one is a {@link ValidationException} naming it. */
  public GatewayConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiKeys, "apiKeys");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(streamPingInterval, "streamPingInterval");
    Objects.requireNonNull(buildVersion, "buildVersion");
    Objects.requireNonNull(buildCommit, "buildCommit");
    Objects.requireNonNull(buildDate, "buildDate");
    authProvider =
        Objects.requireNonNull(authProvider, "authProvider")
            .trim()
            .toLowerCase(java.util.Locale.ROOT);
    if (!authProvider.equals(AUTH_API_KEYS) && !authProvider.equals(AUTH_KEY_STORE)) {
      throw new ValidationException(
          "auth_provider",
          "must be " + AUTH_API_KEYS + " or " + AUTH_KEY_STORE + ", was " + authProvider);
    }
    if (jwt != null && !authProvider.equals(AUTH_KEY_STORE)) {
      throw new ValidationException(
          "jwt",
          "bearer JWTs need the "
              + AUTH_KEY_STORE
              + " auth provider (CORDUM_AUTH_PROVIDER="
              + AUTH_KEY_STORE
              + ")");
    }
    if (tenantRateLimitPerSecond < 0 || Double.isNaN(tenantRateLimitPerSecond)) {
      throw new ValidationException("tenant_rate_limit_rps", "must be 0 (off) or positive");
    }
    if (tenantRateLimitPerSecond > 0 && tenantRateLimitBurst < 1) {
      throw new ValidationException("tenant_rate_limit_burst", "must be at least 1");
    }
    defaultTenant = Objects.requireNonNull(defaultTenant, "defaultTenant").trim();
    allowedOrigins = allowedOrigins == null ? null : List.copyOf(allowedOrigins);
    if (port < 0 || port > 65535) {
      throw new ValidationException("port", "must be between 0 and 65535, was " + port);
    }
    if (defaultTenant.isEmpty()) {
      throw new ValidationException("default_tenant", "must not be blank");
    }
    if (rateLimitPerSecond < 0 || Double.isNaN(rateLimitPerSecond)) {
      throw new ValidationException("rate_limit_rps", "must be 0 (off) or positive");
    }
    if (rateLimitPerSecond > 0 && rateLimitBurst < 1) {
      throw new ValidationException("rate_limit_burst", "must be at least 1");
    }
    atLeast(maxBodyBytes, 1, "max_body_bytes");
    atLeast(maxArtifactBodyBytes, 1, "max_artifact_body_bytes");
    atLeast(maxHeaderBytes, 1024, "max_header_bytes");
    atLeast(maxListLimit, 1, "max_list_limit");
    atLeast(streamClientBuffer, 1, "stream_client_buffer");
    atLeast(streamMaxClients, 1, "stream_max_clients");
    positive(idleTimeout, "idle_timeout");
    positive(requestTimeout, "request_timeout");
    positive(streamPingInterval, "stream_ping_interval");
  }

  private static void atLeast(long v, long min, String name) {
    if (v < min) {
      throw new ValidationException(name, "must be at least " + min + ", was " + v);
    }
  }

  private static void positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(name, "must be positive, was " + d);
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.apiKeys = apiKeys;
    b.authDisabled = authDisabled;
    b.defaultTenant = defaultTenant;
    b.allowedOrigins = allowedOrigins;
    b.rateLimitPerSecond = rateLimitPerSecond;
    b.rateLimitBurst = rateLimitBurst;
    b.maxBodyBytes = maxBodyBytes;
    b.maxArtifactBodyBytes = maxArtifactBodyBytes;
    b.maxHeaderBytes = maxHeaderBytes;
    b.idleTimeout = idleTimeout;
    b.requestTimeout = requestTimeout;
    b.maxListLimit = maxListLimit;
    b.streamPayloadWrapper = streamPayloadWrapper;
    b.streamClientBuffer = streamClientBuffer;
    b.streamPingInterval = streamPingInterval;
    b.streamMaxClients = streamMaxClients;
    b.buildVersion = buildVersion;
    b.buildCommit = buildCommit;
    b.buildDate = buildDate;
    b.consoleEnabled = consoleEnabled;
    b.authProvider = authProvider;
    b.tenantRateLimitPerSecond = tenantRateLimitPerSecond;
    b.tenantRateLimitBurst = tenantRateLimitBurst;
    b.jwt = jwt;
    return b;
  }

  /** Builds {@link GatewayConfig}s. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8081;
    private ApiKeys apiKeys = ApiKeys.none();
    private boolean authDisabled;
    private String defaultTenant = Tenants.DEFAULT;
    private @Nullable List<String> allowedOrigins;
    private double rateLimitPerSecond = 50;
    private int rateLimitBurst = 100;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private long maxArtifactBodyBytes = 24L * 1024 * 1024;
    private int maxHeaderBytes = 16 * 1024;
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private int maxListLimit = 1000;
    private boolean streamPayloadWrapper = true;
    private int streamClientBuffer = 256;
    private Duration streamPingInterval = Duration.ofSeconds(15);
    private int streamMaxClients = 1000;
    private String buildVersion = "dev";
    private String buildCommit = "";
    private String buildDate = "";
    private boolean consoleEnabled = true;
    private String authProvider = AUTH_API_KEYS;
    private double tenantRateLimitPerSecond;
    private int tenantRateLimitBurst = 200;
    private @Nullable JwtVerifier jwt;

    private Builder() {}

    /** Bearer JWTs the key-store provider also accepts (default: none). */
    public Builder jwt(@Nullable JwtVerifier v) {
      this.jwt = v;
      return this;
    }

    /**
     * Which auth provider to build: {@link #AUTH_API_KEYS} (default) or {@link #AUTH_KEY_STORE}.
     */
    public Builder authProvider(String v) {
      this.authProvider = v;
      return this;
    }

    /** Requests per second per tenant over all its keys (0: no limit, the default). */
    public Builder tenantRateLimitPerSecond(double v) {
      this.tenantRateLimitPerSecond = v;
      return this;
    }

    /** The burst per tenant. */
    public Builder tenantRateLimitBurst(int v) {
      this.tenantRateLimitBurst = v;
      return this;
    }

    /** The address to listen on. */
    public Builder host(String v) {
      this.host = v;
      return this;
    }

    /** The port (0: a free port). */
    public Builder port(int v) {
      this.port = v;
      return this;
    }

    /** The API keys of the default auth provider. */
    public Builder apiKeys(ApiKeys v) {
      this.apiKeys = v;
      return this;
    }

    /** Switches auth off explicitly (only meaningful with no keys). */
    public Builder authDisabled(boolean v) {
      this.authDisabled = v;
      return this;
    }

    /** The default tenant. */
    public Builder defaultTenant(String v) {
      this.defaultTenant = v;
      return this;
    }

    /** The allowed browser origins ({@code *} for all), or {@code null} for Cordum's default. */
    public Builder allowedOrigins(@Nullable List<String> v) {
      this.allowedOrigins = v;
      return this;
    }

    /** Requests per second per key (0: no limit). */
    public Builder rateLimitPerSecond(double v) {
      this.rateLimitPerSecond = v;
      return this;
    }

    /** The burst per key. */
    public Builder rateLimitBurst(int v) {
      this.rateLimitBurst = v;
      return this;
    }

    /** The default body limit. */
    public Builder maxBodyBytes(long v) {
      this.maxBodyBytes = v;
      return this;
    }

    /** The body limit of artifact uploads. */
    public Builder maxArtifactBodyBytes(long v) {
      this.maxArtifactBodyBytes = v;
      return this;
    }

    /** The largest request head. */
    public Builder maxHeaderBytes(int v) {
      this.maxHeaderBytes = v;
      return this;
    }

    /** How long a connection may stay silent. */
    public Builder idleTimeout(Duration v) {
      this.idleTimeout = v;
      return this;
    }

    /** How long receiving a request body may take. */
    public Builder requestTimeout(Duration v) {
      this.requestTimeout = v;
      return this;
    }

    /** The largest page size of any listing. */
    public Builder maxListLimit(int v) {
      this.maxListLimit = v;
      return this;
    }

    /** Whether stream events carry the additive {@code payload} wrapper. */
    public Builder streamPayloadWrapper(boolean v) {
      this.streamPayloadWrapper = v;
      return this;
    }

    /** Events buffered per stream client. */
    public Builder streamClientBuffer(int v) {
      this.streamClientBuffer = v;
      return this;
    }

    /** The stream ping interval. */
    public Builder streamPingInterval(Duration v) {
      this.streamPingInterval = v;
      return this;
    }

    /** The most stream clients at once. */
    public Builder streamMaxClients(int v) {
      this.streamMaxClients = v;
      return this;
    }

    /** Whether the web console is served at {@code /console} (default true). */
    public Builder consoleEnabled(boolean v) {
      this.consoleEnabled = v;
      return this;
    }

    /** The build facts reported by the status route. */
    public Builder build(String version, String commit, String date) {
      this.buildVersion = version;
      this.buildCommit = commit;
      this.buildDate = date;
      return this;
    }

    /**
     * Applies Cordum's variables that are set: {@code GATEWAY_HTTP_ADDR} ({@code host:port} or
     * {@code :port} for every interface), the API key variables, {@code CORDUM_AUTH_DISABLED},
     * {@code TENANT_ID}, the first of {@code CORDUM_ALLOWED_ORIGINS}, {@code
     * CORDUM_CORS_ALLOW_ORIGINS} and {@code CORS_ALLOW_ORIGINS}, {@code API_RATE_LIMIT_RPS}, {@code
     * API_RATE_LIMIT_BURST}, the {@code GATEWAY_*} and {@code CORDUM_STREAM_*} settings above,
     * {@code CORDUM_CONSOLE_ENABLED}, {@code CORDUM_AUTH_PROVIDER}, {@code
     * CORDUM_TENANT_RATE_LIMIT_RPS}/{@code _BURST} and the {@code CORDUM_JWT_*} variables.
     *
     * @throws ValidationException naming the variable when a value is malformed
     */
    public Builder fromEnvironment(Map<String, String> env) {
      String addr = get(env, "GATEWAY_HTTP_ADDR");
      if (addr != null) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
          throw new ValidationException("GATEWAY_HTTP_ADDR", "must be host:port or :port");
        }
        String h = addr.substring(0, colon).replace("[", "").replace("]", "");
        host = h.isEmpty() ? "0.0.0.0" : h;
        port = (int) parseLong("GATEWAY_HTTP_ADDR", addr.substring(colon + 1));
      }
      ApiKeys keys;
      try {
        keys = ApiKeys.fromEnvironment(env);
      } catch (IllegalArgumentException e) {
        throw new ValidationException("CORDUM_API_KEYS", String.valueOf(e.getMessage()));
      }
      if (!keys.isEmpty()) {
        apiKeys = keys;
      }
      String off = get(env, "CORDUM_AUTH_DISABLED");
      if (off != null) {
        authDisabled = parseBool("CORDUM_AUTH_DISABLED", off);
      }
      String t = get(env, "TENANT_ID");
      if (t != null) {
        defaultTenant = t;
      }
      for (String name :
          List.of("CORDUM_ALLOWED_ORIGINS", "CORDUM_CORS_ALLOW_ORIGINS", "CORS_ALLOW_ORIGINS")) {
        String v = get(env, name);
        if (v != null) {
          allowedOrigins =
              Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
          break;
        }
      }
      String rps = get(env, "API_RATE_LIMIT_RPS");
      if (rps != null) {
        try {
          rateLimitPerSecond = Double.parseDouble(rps);
        } catch (NumberFormatException e) {
          throw new ValidationException("API_RATE_LIMIT_RPS", "must be a number, was " + rps);
        }
      }
      rateLimitBurst = (int) longOr(env, "API_RATE_LIMIT_BURST", rateLimitBurst);
      maxBodyBytes = longOr(env, "GATEWAY_MAX_BODY_BYTES", maxBodyBytes);
      maxArtifactBodyBytes = longOr(env, "GATEWAY_MAX_ARTIFACT_BODY_BYTES", maxArtifactBodyBytes);
      maxHeaderBytes = (int) longOr(env, "GATEWAY_MAX_HEADER_BYTES", maxHeaderBytes);
      maxListLimit = (int) longOr(env, "GATEWAY_MAX_LIST_LIMIT", maxListLimit);
      idleTimeout = durationOr(env, "GATEWAY_IDLE_TIMEOUT", idleTimeout);
      requestTimeout = durationOr(env, "GATEWAY_REQUEST_TIMEOUT", requestTimeout);
      String wrap = get(env, "CORDUM_STREAM_PAYLOAD_WRAPPER");
      if (wrap != null) {
        streamPayloadWrapper = parseBool("CORDUM_STREAM_PAYLOAD_WRAPPER", wrap);
      }
      streamClientBuffer = (int) longOr(env, "CORDUM_STREAM_CLIENT_BUFFER", streamClientBuffer);
      streamPingInterval = durationOr(env, "CORDUM_STREAM_PING_INTERVAL", streamPingInterval);
      streamMaxClients = (int) longOr(env, "CORDUM_STREAM_MAX_CLIENTS", streamMaxClients);
      String provider = get(env, "CORDUM_AUTH_PROVIDER");
      if (provider != null) {
        authProvider = provider;
      }
      String trps = get(env, "CORDUM_TENANT_RATE_LIMIT_RPS");
      if (trps != null) {
        try {
          tenantRateLimitPerSecond = Double.parseDouble(trps);
        } catch (NumberFormatException e) {
          throw new ValidationException(
              "CORDUM_TENANT_RATE_LIMIT_RPS", "must be a number, was " + trps);
        }
      }
      tenantRateLimitBurst =
          (int) longOr(env, "CORDUM_TENANT_RATE_LIMIT_BURST", tenantRateLimitBurst);
      JwtVerifier.fromEnvironment(env).ifPresent(v -> jwt = v);
      String console = get(env, "CORDUM_CONSOLE_ENABLED");
      if (console != null) {
        consoleEnabled = parseBool("CORDUM_CONSOLE_ENABLED", console);
      }
      return this;
    }

    private static @Nullable String get(Map<String, String> env, String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? null : v.trim();
    }

    private static long longOr(Map<String, String> env, String name, long fallback) {
      String v = get(env, name);
      return v == null ? fallback : parseLong(name, v);
    }

    private static long parseLong(String name, String v) {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new ValidationException(name, "must be an integer, was " + v);
      }
    }

    private static Duration durationOr(Map<String, String> env, String name, Duration fallback) {
      String v = get(env, name);
      if (v == null) {
        return fallback;
      }
      return GoDurations.parsePositive(v)
          .orElseThrow(
              () ->
                  new ValidationException(
                      name, "must be a positive duration such as 30s or 2m, was " + v));
    }

    private static boolean parseBool(String name, String v) {
      return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "1", "true", "yes", "y", "on" -> true;
        case "0", "false", "no", "n", "off" -> false;
        default -> throw new ValidationException(name, "must be true or false, was " + v);
      };
    }

    /** Builds the settings. */
    public GatewayConfig build() {
      return new GatewayConfig(
          host,
          port,
          apiKeys,
          authDisabled,
          defaultTenant,
          allowedOrigins,
          rateLimitPerSecond,
          rateLimitBurst,
          maxBodyBytes,
          maxArtifactBodyBytes,
          maxHeaderBytes,
          idleTimeout,
          requestTimeout,
          maxListLimit,
          streamPayloadWrapper,
          streamClientBuffer,
          streamPingInterval,
          streamMaxClients,
          buildVersion,
          buildCommit,
          buildDate,
          consoleEnabled,
          authProvider,
          tenantRateLimitPerSecond,
          tenantRateLimitBurst,
          jwt);
    }
  }
}
