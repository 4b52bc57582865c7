package io.cordum.gateway;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import io.cordum.core.Cordum;
import io.cordum.gateway.audit.AuditSink;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.internal.Server;
import io.cordum.gateway.route.Route;
import io.cordum.gateway.route.RouteGroup;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Serves a running {@link Cordum} over HTTP and WebSocket with Cordum's {@code /api/v1} routes, so
 * that Cordum's dashboard, HTTP SDK and {@code cordumctl} work against it.
 *
 * <pre>{@code
 * Cordum cordum = Cordum.builder().build().start();
 * Gateway gateway = Gateway.builder().cordum(cordum).build().start();
 * // ... http://127.0.0.1:8081/api/v1/status
 * gateway.close();
 * }</pre>
 *
 * <p>Settings come from {@link GatewayConfig} (or {@code GatewayConfig.builder()
 * .fromEnvironment(System.getenv())}); authentication from an {@link AuthProvider}, by default
 * Cordum's single-tenant API keys. With no key configured the gateway listens only on a loopback
 * address unless auth was switched off explicitly. Closing the gateway does not close the {@link
 * Cordum} it serves.
 */
public final class Gateway implements AutoCloseable {
  private final Server server;
  private final ReentrantLock lifecycle = new ReentrantLock();

  private Gateway(Server server) {
    this.server = server;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening. Returns this instance.
   *
   * @throws IllegalStateException if the address needs an API key and none is configured, or the
   *     port can not be bound
   */
  public Gateway start() {
    lifecycle.lock();
    try {
      server.start();
      return this;
    } finally {
      lifecycle.unlock();
    }
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** The base address, such as {@code http://127.0.0.1:8081}. */
  public URI uri() {
    return server.uri();
  }

  /** The route table: every route with its permission and description. */
  public List<Route> routes() {
    return server.routes();
  }

  /** The OpenAPI 3.1 document served at {@code /api/v1/openapi.json}. */
  public String openApi() {
    return server.openApi();
  }

  /**
   * Stops accepting requests, closes stream clients (close code 1001) and stops the server, giving
   * requests in hand up to the given time. Idempotent.
   */
  public void stop(java.time.Duration grace) {
    lifecycle.lock();
    try {
      server.stop(grace);
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops with a 5 second grace period. */
  @Override
  public void close() {
    stop(java.time.Duration.ofSeconds(5));
  }

  /** Builds {@link Gateway}s. Only {@link #cordum} is required. */
  public static final class Builder {
    private @Nullable Cordum cordum;
    private GatewayConfig config = GatewayConfig.DEFAULT;
    private @Nullable AuthProvider auth;
    private @Nullable MeterRegistry registry;
    private InstantSource clock = InstantSource.system();
    private @Nullable AuditSink audit;
    private final List<RouteGroup> extra = new ArrayList<>();

    private Builder() {}

    /** The control plane to serve. Required. */
    public Builder cordum(Cordum v) {
      this.cordum = Objects.requireNonNull(v);
      return this;
    }

    /** The settings (default: {@link GatewayConfig#DEFAULT}). */
    public Builder config(GatewayConfig v) {
      this.config = Objects.requireNonNull(v);
      return this;
    }

    /** The auth provider (default: {@code ApiKeyAuthProvider} with the config's keys). */
    public Builder authProvider(AuthProvider v) {
      this.auth = Objects.requireNonNull(v);
      return this;
    }

    /** Where request metrics go (default: none). */
    public Builder meterRegistry(MeterRegistry v) {
      this.registry = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Where audit entries are exported, beside the control plane's audit store ({@code
     * Cordum.audit()}), which keeps them first (default: nowhere else).
     */
    public Builder auditSink(AuditSink v) {
      this.audit = Objects.requireNonNull(v);
      return this;
    }

    /** The time source of the rate limiter and key expiry (default: the system clock). */
    public Builder clock(InstantSource v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    /** Extra routes, served beside the built-in ones and listed in the OpenAPI document. */
    public Builder routes(RouteGroup... groups) {
      extra.addAll(List.of(groups));
      return this;
    }

    /** Assembles the gateway (not started). */
    public Gateway build() {
      Cordum c = Objects.requireNonNull(cordum, "cordum is required");
      GatewayConfig cfg = config;
      AuthProvider a = auth;
      MeterRegistry r = registry;
      InstantSource clk = clock;
      AuditSink sink = audit;
      List<RouteGroup> groups = List.copyOf(extra);
      Injector injector =
          Guice.createInjector(
              new GatewayModule(),
              new AbstractModule() {
                @Override
                protected void configure() {
                  bind(Cordum.class).toInstance(c);
                  OptionalBinder.newOptionalBinder(binder(), GatewayConfig.class)
                      .setBinding()
                      .toInstance(cfg);
                  if (a != null) {
                    OptionalBinder.newOptionalBinder(binder(), AuthProvider.class)
                        .setBinding()
                        .toInstance(a);
                  }
                  if (r != null) {
                    OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class)
                        .setBinding()
                        .toInstance(r);
                  }
                  OptionalBinder.newOptionalBinder(binder(), InstantSource.class)
                      .setBinding()
                      .toInstance(clk);
                  if (sink != null) {
                    OptionalBinder.newOptionalBinder(binder(), AuditSink.class)
                        .setBinding()
                        .toInstance(sink);
                  }
                }
              });
      return fromInjector(injector, groups);
    }
  }

  /**
   * The gateway of an injector built with {@link GatewayModule} (the host binds {@link Cordum} and
   * may bind {@link GatewayConfig}, {@link AuthProvider}, {@link MeterRegistry}, {@link
   * AuditSink}).
   */
  public static Gateway fromInjector(Injector injector) {
    return fromInjector(injector, List.of());
  }

  private static Gateway fromInjector(Injector injector, List<RouteGroup> extra) {
    GatewayModule.Parts p = injector.getInstance(GatewayModule.Parts.class);
    return new Gateway(
        new Server(
            p.cordum(), p.config(), p.auth(), p.registry(), p.clock(), p.auditSink(), extra));
  }
}
