package io.cordum.nats;

import io.cordum.api.BackendException;
import io.cordum.api.bus.Bus;
import io.cordum.api.bus.MessageHandler;
import io.cordum.api.bus.Subscription;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Subjects;
import io.cordum.api.health.Health;
import io.cordum.api.health.HealthCheck;
import io.cordum.nats.internal.DurableSubjects;
import io.cordum.tls.internal.ClientTls;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Bus} over NATS: every message is one binary CAP {@code BusPacket}.
 *
 * <p><b>Core mode</b> (default): at-most-once. A handler's {@code RetryLaterException} gives a
 * local redelivery to the same subscription after the delay, so a deferred message is not lost.
 *
 * <p><b>JetStream mode</b> ({@link NatsConfig#jetStream()}): the durable subjects (submit, result,
 * DLQ, {@code job.>}, {@code worker.*.jobs}) are stored in the streams {@code CORDUM_SYS} and
 * {@code CORDUM_JOBS}, created when missing and reused (not changed) when present. Queue-group
 * subscriptions use a durable push consumer {@code dur_<queue>__<subject>} with explicit acks; a
 * subscription without a queue group uses an ephemeral consumer, so every subscriber sees every
 * message. Outcomes: return = ack; {@code RetryLaterException(d)} = NAK with delay d; any other
 * exception = ack (logged and counted); undecodable bytes = ack (logged and counted). Design
 * decisions:
 *
 * <ul>
 *   <li>a fresh consumer starts with new messages ({@code DeliverPolicy.New}), not the whole stream
 *       history, so a new replica does not replay up to 7 days of old messages;
 *   <li>redelivery is bounded by {@link NatsConfig#maxDeliver()} (default 1000): the last delivery
 *       that still asks for a retry is terminated with a WARN and counted;
 *   <li>{@code CORDUM_SYS} holds only the durable system subjects, not heartbeats, cancels and
 *       progress;
 *   <li>job requests carry {@code Nats-Msg-Id} {@code jobreq:<job_id>}, or {@code
 *       jobreq:<subject>:<label>} when the label {@code cordum.bus_msg_id} is set (the scheduler
 *       sets it per attempt); results carry none, so a retry's result is never swallowed as a
 *       duplicate.
 * </ul>
 *
 * Subjects that are not durable stay on core NATS in both modes. The connection reconnects forever
 * (every 2 s by default) and subscriptions resume.
 */
public final class NatsBus implements Bus, HealthCheck {
  private static final Logger log = LoggerFactory.getLogger(NatsBus.class);

  private final NatsConfig config;
  private final Connection nc;
  private final @Nullable JetStream js;
  private final ScheduledExecutorService redeliveries;
  private final Set<NatsSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong handlerFailures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /** The JetStream context; only durable subscriptions, made in JetStream mode, ask for it. */
  private JetStream jetStream() {
    return Objects.requireNonNull(js, "not in JetStream mode");
  }

  private NatsBus(NatsConfig config, Connection nc, @Nullable JetStream js) {
    this.config = config;
    this.nc = nc;
    this.js = js;
    this.redeliveries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cordum-nats-redelivery");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects. In JetStream mode, ensures the streams.
   *
   * @throws BackendException if the server cannot be reached, or if JetStream was asked for and the
   *     server does not offer it (falling back to core NATS would silently give up durability)
   */
  public static NatsBus connect(NatsConfig config) {
    // jnats reports why a connect attempt failed (a TLS handshake error, say) only to the error
    // listener; the first one goes into the exception if the connect fails.
    AtomicReference<@Nullable Exception> firstFailure = new AtomicReference<>();
    Options.Builder ob =
        new Options.Builder()
            .servers(config.url().split("\\s*,\\s*"))
            .connectionName(config.connectionName())
            .maxReconnects(-1)
            .reconnectWait(config.reconnectWait())
            .connectionTimeout(config.connectTimeout())
            .connectionListener(LISTENER)
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    log.warn("nats error: {}", error);
                  }

                  @Override
                  public void exceptionOccurred(Connection conn, Exception exp) {
                    firstFailure.compareAndSet(null, exp);
                    log.warn("nats exception: {}", exp.toString());
                  }
                });
    ClientTls tls = config.clientTls();
    if (tls != null) {
      // jnats upgrades its socket with this context's socket factory, which applies the server
      // name, TLS 1.2+ and hostname verification (jnats itself sets none of them).
      ob.sslContext(tls.sslContext());
    }
    Connection nc;
    try {
      nc = Nats.connect(ob.build());
    } catch (IOException e) {
      throw new BackendException(
          "cannot connect to NATS at "
              + config.url()
              + ": "
              + e
              + cause(firstFailure.get())
              + tlsHint(tls),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while connecting to NATS", e);
    }
    JetStream js = null;
    if (config.jetStream()) {
      try {
        js = setUpJetStream(nc, config);
      } catch (IOException | JetStreamApiException e) {
        try {
          nc.close();
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        throw new BackendException(
            "JetStream was asked for (NATS_USE_JETSTREAM) but is not"
                + " available at "
                + config.url()
                + ": "
                + e.getMessage()
                + "; start nats-server"
                + " with -js, or turn JetStream off",
            e);
      }
    }
    log.info("connected to NATS at {} ({})", config.url(), js == null ? "core" : "JetStream");
    return new NatsBus(config, nc, js);
  }

  /**
   * Makes the streams, waiting up to {@link NatsConfig#jetStreamReadyTimeout()} while JetStream is
   * enabled but not ready: the nodes of a cluster that has just started answer "temporarily
   * unavailable", or not at all, until they elect a meta leader, and a replica started with them
   * would otherwise fail. A server without JetStream is refused at once.
   */
  private static JetStream setUpJetStream(Connection nc, NatsConfig config)
      throws IOException, JetStreamApiException {
    var info = nc.getServerInfo();
    if (info != null && !info.isJetStreamAvailable()) {
      // Asked, the API would only time out: the server says so in its INFO.
      throw new IOException("the server at " + nc.getConnectedUrl() + " runs without JetStream");
    }
    long deadline = System.nanoTime() + config.jetStreamReadyTimeout().toNanos();
    long pauseMs = 100;
    while (true) {
      try {
        JetStreamManagement jsm = nc.jetStreamManagement();
        jsm.getAccountStatistics();
        ensureStream(jsm, config, DurableSubjects.SYS_STREAM, DurableSubjects.SYS_SUBJECTS);
        ensureStream(jsm, config, DurableSubjects.JOBS_STREAM, DurableSubjects.JOBS_SUBJECTS);
        return nc.jetStream();
      } catch (IOException | JetStreamApiException e) {
        if (!notReadyYet(e) || System.nanoTime() - deadline >= 0) {
          throw e;
        }
        log.info(
            "JetStream at {} is not ready yet ({}); trying again", config.url(), e.getMessage());
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for JetStream", ie);
      }
      pauseMs = Math.min(pauseMs * 2, 1000);
    }
  }

  /** Whether a JetStream failure may pass (no leader yet), not a server without JetStream. */
  private static boolean notReadyYet(Exception e) {
    if (e instanceof JetStreamApiException api) {
      int code = api.getApiErrorCode();
      return code != JS_NOT_ENABLED_FOR_ACCOUNT
          && code != JS_NOT_ENABLED
          && (api.getErrorCode() == 503 || api.getErrorCode() == 408 || code == JS_UNAVAILABLE);
    }
    return true; // a time-out: a cluster without a meta leader does not answer
  }

  /** JetStream API error codes (nats-server's errors.json). */
  private static final int JS_UNAVAILABLE = 10008;

  private static final int JS_NOT_ENABLED_FOR_ACCOUNT = 10039;
  private static final int JS_NOT_ENABLED = 10076;

  private static final ConnectionListener LISTENER =
      (conn, type) -> log.info("nats connection event: {}", type);

  private static String cause(@Nullable Exception e) {
    Throwable t = e;
    while (t instanceof java.util.concurrent.ExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t == null ? "" : "; caused by " + t;
  }

  private static String tlsHint(@Nullable ClientTls tls) {
    if (tls == null || tls.insecure()) {
      return "";
    }
    return tls.serverName() != null
        ? " (TLS: the server certificate must be for NATS_TLS_SERVER_NAME="
            + tls.serverName()
            + " and chain to NATS_TLS_CA or the JVM's trust store)"
        : " (TLS: the server certificate must be for the URL's host and chain to NATS_TLS_CA or"
            + " the JVM's trust store; set NATS_TLS_SERVER_NAME to verify another name)";
  }

  private static void ensureStream(
      JetStreamManagement jsm, NatsConfig config, String name, List<String> subjects)
      throws IOException, JetStreamApiException {
    try {
      StreamInfo info = jsm.getStreamInfo(name);
      if (!info.getConfiguration().getSubjects().containsAll(subjects)) {
        log.warn(
            "stream {} exists with subjects {}; reusing it unchanged (expected {})",
            name,
            info.getConfiguration().getSubjects(),
            subjects);
      }
      return;
    } catch (JetStreamApiException e) {
      if (e.getErrorCode() != 404) {
        throw e;
      }
    }
    StreamConfiguration sc =
        StreamConfiguration.builder()
            .name(name)
            .subjects(subjects)
            .retentionPolicy(RetentionPolicy.Limits)
            .storageType(StorageType.File)
            .maxAge(config.maxAge())
            .replicas(config.replicas())
            .duplicateWindow(config.duplicateWindow())
            .build();
    try {
      jsm.addStream(sc);
      log.info("created stream {} for {}", name, subjects);
    } catch (JetStreamApiException e) {
      jsm.getStreamInfo(name); // created concurrently by another replica: fine if it exists now
    }
  }

  /** The settings this bus was connected with. */
  public NatsConfig config() {
    return config;
  }

  /** Whether JetStream carries the durable subjects (false: core NATS only). */
  public boolean isJetStream() {
    return js != null;
  }

  /** The connection's state; the target is the server in use (without credentials). */
  @Override
  public Health health() {
    Connection.Status st = nc.getStatus();
    String url = nc.getConnectedUrl();
    String target = Health.withoutCredentials(url != null ? url : config.url());
    return st == Connection.Status.CONNECTED
        ? Health.up("nats", st.name(), target)
        : Health.down("nats", st.name(), target, "not connected");
  }

  /** Whether the connection is up right now. */
  public boolean isConnected() {
    return nc.getStatus() == Connection.Status.CONNECTED;
  }

  @Override
  public void publish(String subject, BusPacket packet) {
    publish(subject, packet, null);
  }

  /** {@inheritDoc} In JetStream mode a job request's id becomes {@code jobreq:<subject>:<id>}. */
  @Override
  public void publish(String subject, BusPacket packet, @Nullable String messageId) {
    requireOpen();
    if (!Subjects.isLiteral(subject)) {
      throw new IllegalArgumentException("not a literal subject: \"" + subject + "\"");
    }
    byte[] data = CapCodec.encode(packet);
    Headers headers = null;
    if (messageId != null && !messageId.isBlank()) {
      headers = new Headers().put(MSG_ID_HEADER, messageId.trim());
    }
    try {
      if (js != null && DurableSubjects.isDurable(subject)) {
        String id = DurableSubjects.messageId(subject, packet, messageId);
        PublishOptions po = id == null ? null : PublishOptions.builder().messageId(id).build();
        js.publish(subject, headers, data, po);
      } else if (headers != null) {
        nc.publish(subject, headers, data);
      } else {
        nc.publish(subject, data);
      }
    } catch (IOException | JetStreamApiException | IllegalStateException e) {
      throw new BackendException("publish to " + subject + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The header that carries a publisher's message id ({@code Bus.publish(s, p, id)}) to every
   * subscriber, in core NATS and JetStream alike (JetStream's {@code Nats-Msg-Id} is derived from
   * it, but is only for the server's dedup).
   */
  static final String MSG_ID_HEADER = "Cordum-Msg-Id";

  /** The message id a message carries, or empty. */
  static String messageIdOf(Message msg) {
    Headers h = msg.getHeaders();
    String v = h == null ? null : h.getFirst(MSG_ID_HEADER);
    return v == null ? "" : v;
  }

  @Override
  public Subscription subscribe(
      String subject, @Nullable String queueGroup, MessageHandler handler) {
    requireOpen();
    if (!Subjects.isValidPattern(subject)) {
      throw new IllegalArgumentException("not a valid subject pattern: \"" + subject + "\"");
    }
    if (queueGroup != null
        && (queueGroup.isEmpty() || queueGroup.chars().anyMatch(Character::isWhitespace))) {
      throw new IllegalArgumentException(
          "queue group must be non-empty without whitespace: \"" + queueGroup + "\"");
    }
    NatsSubscription sub = new NatsSubscription(this, subject, queueGroup, handler);
    try {
      if (js != null && DurableSubjects.isDurable(subject)) {
        Dispatcher d = nc.createDispatcher();
        JetStreamSubscription s = jetStreamSubscribe(subject, queueGroup, d, sub);
        sub.attachJetStream(d, s);
      } else {
        coreSubscribe(sub, subject, queueGroup);
      }
    } catch (IOException
        | JetStreamApiException
        | IllegalStateException
        | java.util.concurrent.TimeoutException e) {
      throw new BackendException("subscribe to " + subject + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while subscribing to " + subject, e);
    }
    subscriptions.add(sub);
    return sub;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Always a core NATS subscription: a message published through JetStream is also an ordinary
   * NATS message on its subject, so an observer sees it without a consumer, acks or stream state.
   */
  @Override
  public Subscription observe(String subject, MessageHandler handler) {
    requireOpen();
    if (!Subjects.isValidPattern(subject)) {
      throw new IllegalArgumentException("not a valid subject pattern: \"" + subject + "\"");
    }
    NatsSubscription sub =
        new NatsSubscription(
            this,
            subject,
            null,
            m -> {
              try {
                handler.handle(m);
              } catch (Exception e) {
                log.debug("observer of {} failed on a message: {}", subject, e.toString());
              }
            });
    try {
      coreSubscribe(sub, subject, null);
    } catch (IllegalStateException | java.util.concurrent.TimeoutException e) {
      throw new BackendException("subscribe to " + subject + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while subscribing to " + subject, e);
    }
    subscriptions.add(sub);
    return sub;
  }

  private void coreSubscribe(NatsSubscription sub, String subject, @Nullable String queueGroup)
      throws java.util.concurrent.TimeoutException, InterruptedException {
    Dispatcher d = nc.createDispatcher(sub::onCore);
    if (queueGroup == null) {
      d.subscribe(subject);
    } else {
      d.subscribe(subject, queueGroup);
    }
    sub.attachCore(d);
    // Subscribing is asynchronous: return only once the server routes to us, so that a
    // message published (from any connection) after subscribe() returns is received.
    nc.flush(config.connectTimeout());
  }

  private JetStreamSubscription jetStreamSubscribe(
      String subject, @Nullable String queue, Dispatcher d, NatsSubscription sub)
      throws IOException, JetStreamApiException {
    ConsumerConfiguration.Builder cc =
        ConsumerConfiguration.builder()
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(config.ackWait())
            .maxAckPending(config.maxAckPending())
            .deliverPolicy(DeliverPolicy.New);
    if (config.maxDeliver() > 0) {
      cc.maxDeliver(config.maxDeliver());
    }
    if (queue == null) {
      PushSubscribeOptions opts = PushSubscribeOptions.builder().configuration(cc.build()).build();
      return jetStream().subscribe(subject, d, sub::onJetStream, false, opts);
    }
    String durable = DurableSubjects.durableName(queue, subject);
    try {
      PushSubscribeOptions opts =
          PushSubscribeOptions.builder().durable(durable).configuration(cc.build()).build();
      return subscribeDurable(subject, queue, d, sub, durable, opts);
    } catch (IllegalArgumentException e) {
      // A durable made by another version (e.g. Cordum's Go scheduler) with other settings:
      // bind to it as it is rather than fail.
      log.warn(
          "durable {} exists with other settings ({}); binding to it as is",
          durable,
          e.getMessage());
      PushSubscribeOptions opts = PushSubscribeOptions.builder().durable(durable).build();
      return subscribeDurable(subject, queue, d, sub, durable, opts);
    }
  }

  /** jnats: "consumer name already in use", when another client created it at the same time. */
  private static final int CONSUMER_NAME_IN_USE = 10013;

  private static final int CREATE_RACE_ATTEMPTS = 5;

  /**
   * Subscribes to the group's durable, creating it if missing. Two processes starting at the same
   * moment (two replicas, two workers of a pool) both find it missing and both create it; the
   * server refuses the second creation. That one then binds to the consumer the first created: the
   * next lookup finds it (issue 12, defect 6).
   */
  private JetStreamSubscription subscribeDurable(
      String subject,
      String queue,
      Dispatcher d,
      NatsSubscription sub,
      String durable,
      PushSubscribeOptions opts)
      throws IOException, JetStreamApiException {
    for (int attempt = 1; ; attempt++) {
      try {
        return jetStream().subscribe(subject, queue, d, sub::onJetStream, false, opts);
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != CONSUMER_NAME_IN_USE || attempt >= CREATE_RACE_ATTEMPTS) {
          throw e;
        }
        log.info(
            "durable {} was created by another client at the same time; binding to it", durable);
        pauseBeforeRetry(attempt);
      }
    }
  }

  private static void pauseBeforeRetry(int attempt) {
    try {
      // The other creator's request is in flight on the server: give it a moment to land.
      Thread.sleep(20L * attempt);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new BackendException("interrupted while binding to a durable consumer", ie);
    }
  }

  /** Decodes a message, or counts and logs it and returns {@code null} when it is malformed. */
  @Nullable BusPacket decode(Message msg) {
    try {
      return CapCodec.decode(msg.getData() == null ? new byte[0] : msg.getData());
    } catch (CapDecodeException e) {
      malformed.incrementAndGet();
      log.warn(
          "dropped a malformed message on {} ({} bytes): {}",
          msg.getSubject(),
          msg.getData() == null ? 0 : msg.getData().length,
          e.getMessage());
      return null;
    }
  }

  boolean maxDeliverReached(int attempt) {
    return config.maxDeliver() > 0 && attempt >= config.maxDeliver();
  }

  void dropped(String subject, int attempt) {
    dropped.incrementAndGet();
    log.warn("giving up a message on {} after {} deliveries", subject, attempt);
  }

  void handlerFailed(String subject, Exception e) {
    handlerFailures.incrementAndGet();
    log.warn("handler for {} failed; message acknowledged: {}", subject, e.toString());
  }

  ScheduledExecutorService redeliveries() {
    return redeliveries;
  }

  Connection connection() {
    return nc;
  }

  boolean isClosed() {
    return closed;
  }

  void forget(NatsSubscription sub) {
    subscriptions.remove(sub);
  }

  /** Messages dropped because they did not decode as a CAP packet. */
  public long malformedMessages() {
    return malformed.get();
  }

  /** Handler exceptions (other than retry requests) so far. */
  public long handlerFailures() {
    return handlerFailures.get();
  }

  /** Messages given up after {@link NatsConfig#maxDeliver()} deliveries. */
  public long droppedMessages() {
    return dropped.get();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the bus is closed");
    }
  }

  /** Closes every subscription and the connection. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (NatsSubscription s : List.copyOf(subscriptions)) {
      s.close();
    }
    redeliveries.shutdownNow();
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
