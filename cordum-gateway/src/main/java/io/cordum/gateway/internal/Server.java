package io.cordum.gateway.internal;

import io.cordum.core.Cordum;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.audit.AuditSink;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.cordum.gateway.internal.console.ConsoleRoutes;
import io.cordum.gateway.internal.routes.ApiRoutes;
import io.cordum.gateway.internal.routes.AuditRoutes;
import io.cordum.gateway.internal.routes.AuthRoutes;
import io.cordum.gateway.internal.routes.KeyRoutes;
import io.cordum.gateway.internal.routes.StatsRoutes;
import io.cordum.gateway.internal.stream.StreamHub;
import io.cordum.gateway.route.Route;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import io.javalin.Javalin;
import io.javalin.http.servlet.SubmitOrder;
import io.javalin.http.servlet.Task;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import kotlin.Unit;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the gateway: the route table, the middleware chain, the stream, and Javalin (Jetty 12)
 * with one connector. Javalin's own router is bypassed: every HTTP request goes to the {@link
 * Dispatcher}, so routing semantics are exactly the table's; WebSocket upgrades of {@code
 * /api/v1/stream} go to the {@link StreamHub}.
 */
public final class Server {
  private static final Logger log = LoggerFactory.getLogger(Server.class);

  private final GatewayConfig config;
  private final AuthProvider auth;
  private final List<Route> routes;
  private final Dispatcher dispatcher;
  private final StreamHub stream;
  private final StatsRoutes stats;
  private final String openApi;
  private @Nullable Javalin app;
  private boolean stopped;

  /** Assembles everything; nothing listens until {@link #start()}. */
  public Server(
      Cordum cordum,
      GatewayConfig config,
      AuthProvider auth,
      @Nullable MeterRegistry registry,
      InstantSource clock,
      @Nullable AuditSink export,
      List<RouteGroup> extra) {
    this.config = config;
    this.auth = auth;
    AuditSink audit =
        e -> {
          try {
            cordum.audit().append(e);
          } finally {
            if (export != null) {
              export.export(e);
            }
          }
        };
    this.stream = new StreamHub(cordum, config, registry);
    Routes table = new Routes();
    java.util.concurrent.atomic.AtomicReference<byte[]> doc =
        new java.util.concurrent.atomic.AtomicReference<>(new byte[0]);
    new ApiRoutes(cordum, config, stream, doc::get).register(table);
    java.util.concurrent.atomic.AtomicReference<List<Route>> all =
        new java.util.concurrent.atomic.AtomicReference<>(List.of());
    new AuthRoutes(auth, all::get).register(table);
    new AuditRoutes(cordum.audit()).register(table);
    if (auth instanceof KeyStoreAuthProvider keys) {
      new KeyRoutes(keys).register(table);
    }
    this.stats = new StatsRoutes(cordum, clock);
    stats.register(table);
    if (config.consoleEnabled()) {
      new ConsoleRoutes().register(table);
    }
    extra.forEach(g -> g.register(table));
    this.routes = table.build();
    all.set(routes);
    this.openApi = OpenApi.document(routes, config);
    doc.set(openApi.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.dispatcher =
        new Dispatcher(
            new Router(routes),
            auth,
            new Cors(config.allowedOrigins()),
            new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), clock),
            new RateLimiter(
                config.tenantRateLimitPerSecond(), config.tenantRateLimitBurst(), clock),
            new GatewayMetrics(registry),
            config,
            audit,
            clock);
  }

  /** Binds and starts serving. */
  public void start() {
    if (app != null) {
      return;
    }
    if (stopped) {
      throw new IllegalStateException("a stopped gateway can not be started again");
    }
    checkExposure();
    bootstrapKey();
    Javalin j =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.startup.startupWatcherEnabled = false;
              cfg.router.ignoreTrailingSlashes = false;
              cfg.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorHandler()));
              cfg.jetty.modifyServletContextHandler(
                  h -> h.setErrorHandler(new PlainErrorHandler()));
              cfg.jetty.addConnector(
                  (server, http) -> {
                    http.setRequestHeaderSize(config.maxHeaderBytes());
                    // Malformed percent-encodings reach the router, which answers 400 "invalid
                    // path" after
                    // reading the body. Jetty refusing them itself closed the connection with the
                    // body
                    // unread, and the reset could destroy its 400 before the client read it.
                    http.setUriCompliance(
                        http.getUriCompliance()
                            .with(
                                "cordum",
                                UriCompliance.Violation.BAD_PERCENT_ENCODING,
                                UriCompliance.Violation.BAD_UTF8_ENCODING,
                                UriCompliance.Violation.TRUNCATED_UTF8_ENCODING));
                    http.setSendServerVersion(false);
                    http.setSendDateHeader(false);
                    ServerConnector c =
                        new ServerConnector(server, new HttpConnectionFactory(http));
                    c.setHost(config.host());
                    c.setPort(config.port());
                    c.setIdleTimeout(config.idleTimeout().toMillis());
                    return c;
                  });
              cfg.requestLifeCycle(
                  (submit, servlet, ctx, uri) ->
                      submit.invoke(
                          SubmitOrder.LAST,
                          new Task(
                              false,
                              () -> {
                                dispatcher.handle(ctx.req(), ctx.res());
                                return Unit.INSTANCE;
                              })));
              // Javalin opens a servlet session for every WebSocket upgrade; the API is stateless,
              // so
              // no session cookie goes out and an idle session is dropped after a minute.
              cfg.jetty.modifyServletContextHandler(
                  h -> {
                    h.getSessionHandler().setUsingCookies(false);
                    h.getSessionHandler().setMaxInactiveInterval(60);
                  });
              stream.install(cfg, dispatcher);
            });
    try {
      j.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the gateway could not listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    app = j;
    stream.start();
    stats.start();
    log.info("Cordum gateway listening on {} ({})", uri(), auth.describe());
    if (auth.isOpen()) {
      log.warn(
          "Cordum gateway: auth is OFF, every request is allowed{}",
          config.authDisabled()
              ? " (CORDUM_AUTH_DISABLED)"
              : "; set CORDUM_API_KEYS or CORDUM_API_KEY to require a key");
    }
  }

  /**
   * With the key store and no key at all, makes the first admin key and prints its token once, on
   * standard error rather than through the log (log files are kept and shipped; the token must be
   * seen once and then live only with its owner).
   */
  private void bootstrapKey() {
    if (auth instanceof KeyStoreAuthProvider keys) {
      keys.bootstrap()
          .ifPresent(
              t ->
                  System.err.println(
                      "\nCordum: no API key existed, so a cross-tenant admin key was made (id "
                          + KeyStoreAuthProvider.BOOTSTRAP_ID
                          + "). It is shown this once and stored only as "
                          + "a hash:\n\n    "
                          + t.value()
                          + "\n\nCreate your own keys with it "
                          + "(cordumctl auth keys create), then revoke it.\n"));
    }
  }

  private void checkExposure() {
    if (!auth.isOpen() || config.authDisabled()) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(config.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalStateException(
          "refusing to listen on "
              + config.host()
              + ":"
              + config.port()
              + " without an API key: configure CORDUM_API_KEYS or CORDUM_API_KEY, "
              + "listen on 127.0.0.1, or set CORDUM_AUTH_DISABLED=true to serve without auth");
    }
  }

  /** The bound port. */
  public int port() {
    Javalin j = app;
    if (j == null) {
      throw new IllegalStateException("the gateway is not started");
    }
    return j.port();
  }

  /** The base address. */
  public URI uri() {
    String h = config.host();
    if (h.equals("0.0.0.0") || h.equals("::") || h.isEmpty()) {
      h = "127.0.0.1";
    } else if (h.contains(":")) {
      h = "[" + h + "]";
    }
    return URI.create("http://" + h + ":" + port());
  }

  /** The route table. */
  public List<Route> routes() {
    return routes;
  }

  /** The OpenAPI document. */
  public String openApi() {
    return openApi;
  }

  /** Stops serving. */
  public void stop(Duration grace) {
    stopped = true;
    Javalin j = app;
    app = null;
    stream.close();
    stats.close();
    if (j != null) {
      j.jettyServer().server().setStopTimeout(grace.toMillis());
      j.stop();
      log.info("Cordum gateway stopped");
    }
  }
}
