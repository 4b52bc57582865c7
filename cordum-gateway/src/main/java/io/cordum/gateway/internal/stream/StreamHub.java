package io.cordum.gateway.internal.stream;

import io.cordum.api.bus.BusMessage;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Payload;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.Tenants;
import io.cordum.core.Cordum;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.internal.Dispatcher;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.internal.RequestIds;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.ErrorCodes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live event stream {@code /api/v1/stream}: every packet on {@code sys.heartbeat}, {@code
 * sys.job.>} and {@code sys.audit.>} (observed, so every replica sees every packet), written as
 * protojson text frames to each client whose tenant it belongs to and whose filters it passes.
 *
 * <p>Events are scoped by tenant (a job's events go to clients that may access its tenant; worker
 * heartbeats and alerts, which have none, to clients that may access the gateway's default tenant),
 * clients may filter ({@code topic}, {@code job_id}, {@code run_id}, {@code kind}), the server
 * pings every client, and each client has a bounded buffer: a client that falls further behind is
 * closed with code 1008 and a reason, so one slow client never holds up the others or the bus.
 *
 * <p>Threads: the bus handler thread that receives a packet serialises it (once per variant) and
 * only queues the frame in the {@link Outbox} of each client that may see it; a small pool of
 * sender threads ({@link #SENDER_THREADS}) writes the frames, in order, with asynchronous sends and
 * at most {@link Outbox#MAX_IN_FLIGHT} unwritten frames per client. So the bus thread's work per
 * event does not depend on how fast clients read, a client whose socket is blocked holds no thread,
 * and memory per client is bounded by its buffer plus the frames in flight (frames are shared
 * strings: an event's text is built once for all clients).
 */
public final class StreamHub implements AutoCloseable {
  /** The stream's path. */
  public static final String PATH = "/api/v1/stream";

  /** The one subprotocol the stream speaks (the key travels as the next entry). */
  public static final String PROTOCOL = "cordum-api-key";

  static final String SESSION_ATTR = "cordum.stream.session";
  static final List<String> TAPS = List.of(Subjects.HEARTBEAT, "sys.job.>", "sys.audit.>");
  static final Set<String> KINDS =
      Set.of("jobRequest", "jobResult", "heartbeat", "alert", "jobProgress", "jobCancel");
  private static final Logger log = LoggerFactory.getLogger(StreamHub.class);
  private static final int TENANT_CACHE = 10_000;

  /**
   * Threads that write frames to clients. Sends are asynchronous (a blocked socket holds no
   * thread), so they are CPU work: about one per core, at least two.
   */
  static final int SENDER_THREADS =
      Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

  private final Cordum cordum;
  private final GatewayConfig config;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Map<String, String> tenants =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> e) {
              return size() > TENANT_CACHE;
            }
          });
  private final AtomicLong slowClosed = new AtomicLong();
  private final ExecutorService senders;
  private final @Nullable Counter dropped;
  private @Nullable ScheduledExecutorService pinger;

  /** Creates the hub. */
  public StreamHub(Cordum cordum, GatewayConfig config, @Nullable MeterRegistry registry) {
    this(cordum, config, registry, SENDER_THREADS);
  }

  /** Creates the hub with {@code senderThreads} sender threads. */
  StreamHub(
      Cordum cordum, GatewayConfig config, @Nullable MeterRegistry registry, int senderThreads) {
    this.cordum = cordum;
    this.config = config;
    AtomicInteger ids = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            senderThreads,
            r -> {
              Thread t = new Thread(r, "cordum-gateway-stream-send-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    if (registry != null) {
      Gauge.builder("cordum.gateway.stream.clients", clients, Set::size)
          .description("WebSocket stream clients connected")
          .register(registry);
      dropped =
          Counter.builder("cordum.gateway.stream.slow.closed")
              .description("stream clients closed because they fell behind")
              .register(registry);
    } else {
      dropped = null;
    }
  }

  /** Registers the WebSocket endpoint and its pre-upgrade checks. */
  public void install(JavalinConfig cfg, Dispatcher dispatcher) {
    long idle =
        Math.max(config.idleTimeout().toMillis(), config.streamPingInterval().toMillis() * 3);
    cfg.jetty.modifyWebSocketServletFactory(
        f -> {
          f.setIdleTimeout(Duration.ofMillis(idle));
          f.setMaxTextMessageSize(64 * 1024);
          f.setMaxBinaryMessageSize(64 * 1024);
        });
    cfg.routes.wsBeforeUpgrade(PATH, ctx -> beforeUpgrade(ctx, dispatcher));
    cfg.routes.exception(Rejected.class, (e, ctx) -> {});
    cfg.routes.ws(
        PATH,
        ws -> {
          ws.onConnect(this::connected);
          ws.onClose(ctx -> closed(ctx));
          ws.onError(ctx -> closed(ctx));
          ws.onMessage(ctx -> {}); // server to client only; client frames are read and dropped
        });
  }

  /** Thrown to stop an upgrade after the error response was written. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected() {
      super("stream upgrade refused", null, false, false);
    }
  }

  private void beforeUpgrade(Context ctx, Dispatcher d) {
    var req = ctx.req();
    var resp = ctx.res();
    String requestId = RequestIds.of(req.getHeader("X-Request-Id"));
    resp.setHeader("X-Request-Id", requestId);
    try {
      d.checkOrigin(req, resp);
      String offered =
          String.join(",", java.util.Collections.list(req.getHeaders("Sec-WebSocket-Protocol")));
      String key = req.getHeader("X-API-Key");
      if (key == null) {
        key = keyFromProtocols(offered);
      }
      Principal p = d.authenticate(req, key);
      d.authorize(p, Permission.STREAM_READ);
      if (clients.size() >= config.streamMaxClients()) {
        throw ApiError.unavailable(
            "too_many_stream_clients",
            "too many stream clients (" + config.streamMaxClients() + ")");
      }
      ctx.attribute(
          SESSION_ATTR,
          new Session(
              p, Filter.of(ctx::queryParam, config.streamPayloadWrapper()), tenantChecker(d, p)));
      // Echo only the protocol name, never the key (Javalin echoes the first entry offered).
      boolean named =
          List.of(offered.split(",")).stream()
              .map(String::trim)
              .anyMatch(PROTOCOL::equalsIgnoreCase);
      resp.setHeader("Sec-WebSocket-Protocol", named ? PROTOCOL : null);
    } catch (ApiError e) {
      resp.setHeader("Sec-WebSocket-Protocol", null);
      Dispatcher.writeError(req, resp, e, requestId);
      d.audit(req, "GET", PATH, e.status(), requestId);
      throw new Rejected();
    }
  }

  private java.util.function.Predicate<String> tenantChecker(Dispatcher d, Principal p) {
    return t -> d.canAccessTenant(p, t);
  }

  /**
   * The API key carried in {@code Sec-WebSocket-Protocol}: the entry after {@code cordum-api-key},
   * or {@code cordum-api-key.<token>}; base64url (no padding), else standard base64, else used as
   * it is.
   */
  static @Nullable String keyFromProtocols(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String s : header.split(",")) {
      if (!s.isBlank()) {
        parts.add(s.trim());
      }
    }
    for (int i = 0; i < parts.size(); i++) {
      String s = parts.get(i);
      if (s.equalsIgnoreCase(PROTOCOL) && i + 1 < parts.size()) {
        return decode(parts.get(i + 1));
      }
      if (s.regionMatches(true, 0, PROTOCOL + ".", 0, PROTOCOL.length() + 1)) {
        return decode(s.substring(PROTOCOL.length() + 1));
      }
    }
    return null;
  }

  private static String decode(String token) {
    for (Base64.Decoder dec : List.of(Base64.getUrlDecoder(), Base64.getDecoder())) {
      try {
        String s = Json.utf8(dec.decode(token));
        if (s != null && !s.isEmpty()) {
          return s;
        }
      } catch (IllegalArgumentException e) {
        // not this encoding
      }
    }
    return token;
  }

  private void connected(WsContext ctx) {
    Session s = ctx.attribute(SESSION_ATTR);
    if (s == null) {
      ctx.closeSession(1011, "no session");
      return;
    }
    Client c = register(ctx, s, new JettyTransport(ctx));
    ctx.attribute("cordum.stream.client", c);
    log.debug("stream client {} connected ({} now)", s.principal.id(), clients.size());
  }

  /** Adds a client; {@code ctx} is null for a client without a WebSocket (tests). */
  Client register(@Nullable WsContext ctx, Session s, Outbox.Transport transport) {
    Client c = new Client(ctx, s, transport, config.streamClientBuffer());
    clients.add(c);
    return c;
  }

  private void closed(WsContext ctx) {
    Client c = ctx.attribute("cordum.stream.client");
    if (c != null) {
      clients.remove(c);
      c.outbox.abandon();
    }
  }

  /** Subscribes to the bus taps and starts the pings. */
  public void start() {
    for (String subject : TAPS) {
      subscriptions.add(cordum.bus().observe(subject, this::onPacket));
    }
    ScheduledExecutorService p =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cordum-gateway-stream-ping");
              t.setDaemon(true);
              return t;
            });
    long ms = config.streamPingInterval().toMillis();
    var unused = p.scheduleAtFixedRate(this::pingAll, ms, ms, TimeUnit.MILLISECONDS);
    pinger = p;
  }

  private void pingAll() {
    for (Client c : clients) {
      c.ping();
    }
  }

  /** How many clients are connected. */
  public int clients() {
    return clients.size();
  }

  /** How many clients were closed for falling behind. */
  public long slowClosed() {
    return slowClosed.get();
  }

  void onPacket(BusMessage m) {
    if (clients.isEmpty()) {
      return;
    }
    BusPacket p = m.packet();
    Payload payload = p.payload();
    String kind = ProtoJson.kind(payload);
    String jobId = jobId(payload);
    String tenant = tenantOf(payload, jobId);
    Event e = new Event(m.subject(), kind, jobId, runOf(payload, jobId), tenant, p);
    for (Client c : clients) {
      if (c.session.accepts(e, config.defaultTenant())) {
        c.offer(e.text(c.session.filter.wrapper()));
      }
    }
  }

  private static String jobId(@Nullable Payload p) {
    if (p instanceof JobRequest r) {
      return r.jobId();
    }
    if (p instanceof JobResult r) {
      return r.jobId();
    }
    if (p instanceof JobProgress r) {
      return r.jobId();
    }
    if (p instanceof JobCancel r) {
      return r.jobId();
    }
    return "";
  }

  private static String runOf(@Nullable Payload p, String jobId) {
    if (p instanceof JobRequest r && r.labels().containsKey("run_id")) {
      return r.labels().get("run_id");
    }
    int colon = jobId.lastIndexOf(':');
    return colon > 0 ? jobId.substring(0, colon) : "";
  }

  /** The tenant of an event: {@code ""} for events that belong to no tenant (heartbeats). */
  private @Nullable String tenantOf(@Nullable Payload p, String jobId) {
    if (p instanceof JobRequest r) {
      String t = Tenants.of(r);
      tenants.put(jobId, t);
      return t;
    }
    if (jobId.isEmpty()) {
      return "";
    }
    String t = tenants.get(jobId);
    if (t != null) {
      return t;
    }
    try {
      Optional<JobRecord> rec = cordum.jobs().get(jobId);
      if (rec.isPresent()) {
        t = rec.get().tenant().isEmpty() ? Tenants.DEFAULT : rec.get().tenant();
        tenants.put(jobId, t);
        return t;
      }
    } catch (RuntimeException ex) {
      log.debug("tenant of job {} unknown: {}", jobId, ex.toString());
    }
    return null; // unknown: only cross-tenant clients see it
  }

  @Override
  public void close() {
    subscriptions.forEach(
        s -> {
          try {
            s.close();
          } catch (RuntimeException e) {
            log.debug("closing a stream tap failed: {}", e.toString());
          }
        });
    subscriptions.clear();
    ScheduledExecutorService p = pinger;
    if (p != null) {
      p.shutdownNow();
    }
    for (Client c : clients) {
      c.close(1001, "server shutting down");
    }
    clients.clear();
    senders.shutdownNow();
  }

  /** One packet on its way to clients, serialised at most once per variant. */
  static final class Event {
    final String subject;
    final String kind;
    final String jobId;
    final String runId;
    final @Nullable String tenant;
    final BusPacket packet;
    private @Nullable String plain;
    private @Nullable String wrapped;

    Event(
        String subject,
        String kind,
        String jobId,
        String runId,
        @Nullable String tenant,
        BusPacket packet) {
      this.subject = subject;
      this.kind = kind;
      this.jobId = jobId;
      this.runId = runId;
      this.tenant = tenant;
      this.packet = packet;
    }

    String text(boolean wrapper) {
      if (wrapper) {
        if (wrapped == null) {
          wrapped = Json.string(ProtoJson.packet(packet, true));
        }
        return wrapped;
      }
      if (plain == null) {
        plain = Json.string(ProtoJson.packet(packet, false));
      }
      return plain;
    }
  }

  /** A client's filters. */
  record Filter(
      @Nullable String topic,
      @Nullable String jobId,
      @Nullable String runId,
      Set<String> kinds,
      boolean wrapper) {

    static Filter of(
        java.util.function.Function<String, @Nullable String> q, boolean defaultWrapper) {
      String topic = blankToNull(q.apply("topic"));
      if (topic != null && !Subjects.isValidPattern(topic)) {
        throw ApiError.badRequest(
            ErrorCodes.INVALID_ARGUMENT,
            "topic must be a subject or a NATS wildcard pattern, was " + topic);
      }
      Set<String> kinds = Set.of();
      String k = blankToNull(q.apply("kind"));
      if (k != null) {
        kinds = new java.util.HashSet<>();
        for (String s : k.split(",")) {
          String t = s.trim();
          if (!KINDS.contains(t)) {
            throw ApiError.badRequest(
                ErrorCodes.INVALID_ARGUMENT,
                "kind must be among " + new java.util.TreeSet<>(KINDS) + ", was " + t);
          }
          kinds.add(t);
        }
      }
      String w = blankToNull(q.apply("payload"));
      boolean wrapper =
          w == null
              ? defaultWrapper
              : switch (w.toLowerCase(Locale.ROOT)) {
                case "1", "true", "yes", "on" -> true;
                case "0", "false", "no", "off" -> false;
                default ->
                    throw ApiError.badRequest(
                        ErrorCodes.INVALID_ARGUMENT, "payload must be true or false");
              };
      return new Filter(
          topic,
          blankToNull(q.apply("job_id")),
          blankToNull(q.apply("run_id")),
          Set.copyOf(kinds),
          wrapper);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }

  /** Who a client is and what it asked for. */
  static final class Session {
    final Principal principal;
    final Filter filter;
    final java.util.function.Predicate<String> canSee;

    Session(Principal principal, Filter filter, java.util.function.Predicate<String> canSee) {
      this.principal = principal;
      this.filter = filter;
      this.canSee = canSee;
    }

    boolean accepts(Event e, String defaultTenant) {
      if (e.tenant == null
          ? !principal.crossTenant()
          : !canSee.test(e.tenant.isEmpty() ? defaultTenant : e.tenant)) {
        return false;
      }
      Filter f = filter;
      return (f.topic() == null || Subjects.matches(f.topic(), e.subject))
          && (f.jobId() == null || f.jobId().equals(e.jobId))
          && (f.runId() == null || f.runId().equals(e.runId))
          && (f.kinds().isEmpty() || f.kinds().contains(e.kind));
    }
  }

  /** One connected client: who it is, and its outbox. */
  final class Client {
    final Session session;
    final Outbox outbox;
    private final @Nullable WsContext ctx;

    Client(@Nullable WsContext ctx, Session session, Outbox.Transport transport, int buffer) {
      this.ctx = ctx;
      this.session = session;
      this.outbox = new Outbox(transport, senders, buffer, this::closed);
    }

    void offer(String text) {
      outbox.offer(text);
    }

    private void closed(Outbox o, int code, String reason) {
      clients.remove(this);
      if (code == Outbox.SLOW_CODE) {
        slowClosed.incrementAndGet();
        if (dropped != null) {
          dropped.increment();
        }
        log.debug("stream client {} closed as too slow", session.principal.id());
      }
    }

    void ping() {
      WsContext c = ctx;
      if (c != null && !outbox.isClosed() && c.session.isOpen()) {
        try {
          c.session.sendPing(
              ByteBuffer.wrap("cordum".getBytes(StandardCharsets.US_ASCII)),
              org.eclipse.jetty.websocket.api.Callback.NOOP);
        } catch (RuntimeException e) {
          close(Outbox.SEND_FAILED_CODE, "ping failed");
        }
      }
    }

    void close(int code, String reason) {
      outbox.close(code, reason);
    }
  }

  /** Frames to a Jetty WebSocket session. */
  private static final class JettyTransport implements Outbox.Transport {
    private final WsContext ctx;

    JettyTransport(WsContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void send(String text, java.util.function.Consumer<@Nullable Throwable> done) {
      ctx.session.sendText(
          text,
          org.eclipse.jetty.websocket.api.Callback.from(() -> done.accept(null), done::accept));
    }

    @Override
    public void close(int code, String reason) {
      try {
        ctx.closeSession(code, reason);
      } catch (RuntimeException e) {
        log.debug("closing a stream client failed: {}", e.toString());
      }
    }
  }
}
