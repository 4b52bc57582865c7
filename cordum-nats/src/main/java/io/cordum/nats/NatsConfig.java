package io.cordum.nats;

import io.cordum.api.ValidationException;
import io.cordum.api.tls.ClientTls;
import io.cordum.api.tls.PemTls;
import io.cordum.nats.internal.GoDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link NatsBus}, with Cordum's defaults and env variables.
 *
 * @param url the server URL(s), comma-separated ({@code NATS_URL}, default
 *     {@code nats://localhost:4222})
 * @param jetStream use JetStream for the durable subjects ({@code NATS_USE_JETSTREAM}, default
 *     off)
 * @param maxAge how long the streams keep messages ({@code NATS_JS_MAX_AGE}, default 168h)
 * @param replicas stream replicas ({@code NATS_JS_REPLICAS}, default 1)
 * @param ackWait how long JetStream waits for an ack before redelivering
 *     ({@code NATS_JS_ACK_WAIT}, default 1m; the original's 10m left a message held by a crashed
 *     replica undelivered for ten minutes, while Cordum's handlers ack within seconds)
 * @param maxAckPending un-acked messages per consumer (default 2048)
 * @param maxDeliver deliveries of one message before it is given up, with a WARN log and a count
 *     ({@code NATS_JS_MAX_DELIVER}, default 1000; -1 for unlimited, the original's behaviour);
 *     applies to core-mode local redeliveries too
 * @param duplicateWindow JetStream's {@code Nats-Msg-Id} dedup window (default 2m)
 * @param connectionName the client name (default {@code cordum-bus})
 * @param reconnectWait pause between reconnect attempts (default 2 s; attempts are unlimited)
 * @param connectTimeout timeout of each connect attempt (default 5 s)
 * @param tlsCa PEM CA bundle to trust ({@code NATS_TLS_CA}), or {@code null}
 * @param tlsCert PEM client certificate ({@code NATS_TLS_CERT}), or {@code null}
 * @param tlsKey PEM client key ({@code NATS_TLS_KEY}), or {@code null}; set with the cert
 * @param tlsServerName the name sent as SNI and verified against the server certificate,
 *     instead of the URL's host ({@code NATS_TLS_SERVER_NAME}), or {@code null}
 * @param tlsInsecure skip server certificate and hostname verification
 *     ({@code NATS_TLS_INSECURE})
 */
public record NatsConfig(
    String url,
    boolean jetStream,
    Duration maxAge,
    int replicas,
    Duration ackWait,
    int maxAckPending,
    int maxDeliver,
    Duration duplicateWindow,
    String connectionName,
    Duration reconnectWait,
    Duration connectTimeout,
    @Nullable Path tlsCa,
    @Nullable Path tlsCert,
    @Nullable Path tlsKey,
    @Nullable String tlsServerName,
    boolean tlsInsecure) {

  /** The prefix of the TLS variables, {@code NATS_TLS}. */
  public static final String TLS_PREFIX = "NATS_TLS";

  private static final Set<String> TRUE = Set.of("1", "true", "yes", "y", "on");

  /** Validates the settings. */
  public NatsConfig {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new ValidationException("url", "must not be blank");
    }
    if (replicas < 1) {
      throw new ValidationException("replicas", "must be >= 1, was " + replicas);
    }
    if (maxAckPending < 1) {
      throw new ValidationException("maxAckPending", "must be >= 1, was " + maxAckPending);
    }
    if (maxDeliver == 0 || maxDeliver < -1) {
      throw new ValidationException("maxDeliver", "must be >= 1, or -1 for unlimited, was "
          + maxDeliver);
    }
    PemTls.requirePair(TLS_PREFIX, tlsCert, tlsKey);
    if (tlsServerName != null) {
      tlsServerName = tlsServerName.isBlank() ? null : tlsServerName.trim();
    }
  }

  /**
   * Whether any TLS setting is present (then the connection uses TLS, as in Cordum, even for a
   * {@code nats://} URL).
   */
  public boolean tls() {
    return tlsCa != null || tlsCert != null || tlsServerName != null || tlsInsecure;
  }

  /**
   * The client TLS built from the settings (reads the PEM files), or {@code null} when
   * {@link #tls()} is false.
   *
   * @throws ValidationException naming the {@code NATS_TLS_*} variable of a bad file or value
   */
  public @Nullable ClientTls clientTls() {
    return tls() ? ClientTls.create(TLS_PREFIX, tlsCa, tlsCert, tlsKey, tlsServerName,
        tlsInsecure) : null;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults for a URL. */
  public static NatsConfig of(String url) {
    return builder().url(url).build();
  }

  /**
   * Settings from Cordum's env variables ({@code NATS_URL}, {@code NATS_USE_JETSTREAM},
   * {@code NATS_JS_MAX_AGE}, {@code NATS_JS_REPLICAS}, {@code NATS_JS_ACK_WAIT},
   * {@code NATS_JS_MAX_DELIVER}, {@code NATS_TLS_CA}, {@code NATS_TLS_CERT},
   * {@code NATS_TLS_KEY}, {@code NATS_TLS_SERVER_NAME}, {@code NATS_TLS_INSECURE}); booleans accept 1/true/yes/y/on.
   */
  public static NatsConfig fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    String v = env.get("NATS_URL");
    if (v != null && !v.isBlank()) {
      b.url(v.trim());
    }
    b.jetStream(truthy(env.get("NATS_USE_JETSTREAM")));
    if (present(env, "NATS_JS_MAX_AGE")) {
      b.maxAge(GoDuration.parse("NATS_JS_MAX_AGE", env.get("NATS_JS_MAX_AGE")));
    }
    if (present(env, "NATS_JS_ACK_WAIT")) {
      b.ackWait(GoDuration.parse("NATS_JS_ACK_WAIT", env.get("NATS_JS_ACK_WAIT")));
    }
    if (present(env, "NATS_JS_REPLICAS")) {
      b.replicas(integer("NATS_JS_REPLICAS", env.get("NATS_JS_REPLICAS")));
    }
    if (present(env, "NATS_JS_MAX_DELIVER")) {
      b.maxDeliver(integer("NATS_JS_MAX_DELIVER", env.get("NATS_JS_MAX_DELIVER")));
    }
    if (present(env, "NATS_TLS_CA")) {
      b.tlsCa(Path.of(env.get("NATS_TLS_CA").trim()));
    }
    if (present(env, "NATS_TLS_CERT")) {
      b.tlsCert(Path.of(env.get("NATS_TLS_CERT").trim()));
    }
    if (present(env, "NATS_TLS_KEY")) {
      b.tlsKey(Path.of(env.get("NATS_TLS_KEY").trim()));
    }
    if (present(env, "NATS_TLS_SERVER_NAME")) {
      b.tlsServerName(env.get("NATS_TLS_SERVER_NAME").trim());
    }
    b.tlsInsecure(truthy(env.get("NATS_TLS_INSECURE")));
    return b.build();
  }

  /** Whether an env value is one of Cordum's truthy spellings. */
  public static boolean truthy(@Nullable String v) {
    return v != null && TRUE.contains(v.trim().toLowerCase(Locale.ROOT));
  }

  private static boolean present(Map<String, String> env, String k) {
    String v = env.get(k);
    return v != null && !v.isBlank();
  }

  private static int integer(String field, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException(field, "must be an integer, was \"" + v + "\"");
    }
  }

  /** Builds {@link NatsConfig}s. */
  public static final class Builder {
    private String url = "nats://localhost:4222";
    private boolean jetStream;
    private Duration maxAge = Duration.ofHours(168);
    private int replicas = 1;
    private Duration ackWait = Duration.ofMinutes(1);
    private int maxAckPending = 2048;
    private int maxDeliver = 1000;
    private Duration duplicateWindow = Duration.ofMinutes(2);
    private String connectionName = "cordum-bus";
    private Duration reconnectWait = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private @Nullable Path tlsCa;
    private @Nullable Path tlsCert;
    private @Nullable Path tlsKey;
    private @Nullable String tlsServerName;
    private boolean tlsInsecure;

    private Builder() {}

    /** The server URL(s). */
    public Builder url(String v) {
      this.url = v;
      return this;
    }

    /** Use JetStream for the durable subjects. */
    public Builder jetStream(boolean v) {
      this.jetStream = v;
      return this;
    }

    /** Stream max age. */
    public Builder maxAge(Duration v) {
      this.maxAge = v;
      return this;
    }

    /** Stream replicas. */
    public Builder replicas(int v) {
      this.replicas = v;
      return this;
    }

    /** Ack wait. */
    public Builder ackWait(Duration v) {
      this.ackWait = v;
      return this;
    }

    /** Max un-acked messages per consumer. */
    public Builder maxAckPending(int v) {
      this.maxAckPending = v;
      return this;
    }

    /** Max deliveries of one message; -1 for unlimited. */
    public Builder maxDeliver(int v) {
      this.maxDeliver = v;
      return this;
    }

    /** The dedup window. */
    public Builder duplicateWindow(Duration v) {
      this.duplicateWindow = v;
      return this;
    }

    /** The connection name. */
    public Builder connectionName(String v) {
      this.connectionName = v;
      return this;
    }

    /** Pause between reconnect attempts. */
    public Builder reconnectWait(Duration v) {
      this.reconnectWait = v;
      return this;
    }

    /** Connect timeout. */
    public Builder connectTimeout(Duration v) {
      this.connectTimeout = v;
      return this;
    }

    /** CA bundle (PEM). */
    public Builder tlsCa(@Nullable Path v) {
      this.tlsCa = v;
      return this;
    }

    /** Client certificate (PEM). */
    public Builder tlsCert(@Nullable Path v) {
      this.tlsCert = v;
      return this;
    }

    /** Client key (PEM). */
    public Builder tlsKey(@Nullable Path v) {
      this.tlsKey = v;
      return this;
    }

    /** The name to verify the server certificate against instead of the URL's host (SNI). */
    public Builder tlsServerName(@Nullable String v) {
      this.tlsServerName = v;
      return this;
    }

    /** Skip server certificate and hostname verification. */
    public Builder tlsInsecure(boolean v) {
      this.tlsInsecure = v;
      return this;
    }

    /** Builds the settings. */
    public NatsConfig build() {
      return new NatsConfig(url, jetStream, maxAge, replicas, ackWait, maxAckPending, maxDeliver,
          duplicateWindow, connectionName, reconnectWait, connectTimeout, tlsCa, tlsCert, tlsKey,
          tlsServerName, tlsInsecure);
    }
  }
}
