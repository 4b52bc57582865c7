package io.cordum.nats;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.nats.internal.GoDuration;
import io.cordum.tls.TlsSettings;
import io.cordum.tls.internal.ClientTls;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link NatsBus}, with Cordum's defaults and env variables.
 *
 * @param url the server URL(s), comma-separated ({@code NATS_URL}, default {@code
 *     nats://localhost:4222})
 * @param jetStream use JetStream for the durable subjects ({@code NATS_USE_JETSTREAM}, default off)
 * @param maxAge how long the streams keep messages ({@code NATS_JS_MAX_AGE}, default 168h)
 * @param replicas stream replicas ({@code NATS_JS_REPLICAS}, default 1)
 * @param ackWait how long JetStream waits for an ack before redelivering ({@code NATS_JS_ACK_WAIT},
 *     default 20s: Cordum's handlers ack within seconds, and a message held by a crashed replica
 *     comes back after this wait). Keep it below the scheduler's result grace (30 s), so that a
 *     result a crashed replica held comes back before the job is judged lost and run again
 * @param maxAckPending un-acked messages per consumer (default 2048)
 * @param maxDeliver deliveries of one message before it is given up, with a WARN log and a count
 *     ({@code NATS_JS_MAX_DELIVER}, default 1000, so a message no handler can take ends instead of
 *     cycling for ever; -1 for unlimited); applies to core-mode local redeliveries too
 * @param duplicateWindow JetStream's {@code Nats-Msg-Id} dedup window (default 2m)
 * @param connectionName the client name (default {@code cordum-bus})
 * @param reconnectWait pause between reconnect attempts (default 2 s; attempts are unlimited)
 * @param connectTimeout timeout of each connect attempt (default 5 s)
 * @param jetStreamReadyTimeout how long {@link NatsBus#connect} waits for JetStream to answer when
 *     it is enabled but not ready yet, as in a cluster whose nodes have just started and have no
 *     meta leader (default 30 s); a server without JetStream is refused at once
 * @param tls client TLS ({@code NATS_TLS_CA}, {@code NATS_TLS_CERT}, {@code NATS_TLS_KEY}, {@code
 *     NATS_TLS_SERVER_NAME}, {@code NATS_TLS_INSECURE}; default none); any setting turns TLS on, as
 *     in Cordum, even for a {@code nats://} URL
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
    Duration jetStreamReadyTimeout,
    TlsSettings tls) {

  /** The prefix of the TLS variables, {@code NATS_TLS}. */
  public static final String TLS_PREFIX = "NATS_TLS";

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
      throw new ValidationException(
          "maxDeliver", "must be >= 1, or -1 for unlimited, was " + maxDeliver);
    }
    Objects.requireNonNull(jetStreamReadyTimeout, "jetStreamReadyTimeout");
    if (jetStreamReadyTimeout.isNegative()) {
      throw new ValidationException(
          "jetStreamReadyTimeout", "must not be negative, was " + jetStreamReadyTimeout);
    }
    Objects.requireNonNull(tls, "tls");
  }

  /**
   * Whether any TLS setting is present (then the connection uses TLS, as in Cordum, even for a
   * {@code nats://} URL).
   */
  public boolean usesTls() {
    return tls.enabled();
  }

  /**
   * The client TLS built from the settings (reads the PEM files), or {@code null} when {@link
   * #usesTls()} is false.
   *
   * @throws ValidationException naming the {@code NATS_TLS_*} variable of a bad file or value
   */
  @Nullable ClientTls clientTls() {
    return usesTls() ? ClientTls.create(TLS_PREFIX, tls) : null;
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
   * Settings from Cordum's env variables ({@code NATS_URL}, {@code NATS_USE_JETSTREAM}, {@code
   * NATS_JS_MAX_AGE}, {@code NATS_JS_REPLICAS}, {@code NATS_JS_ACK_WAIT}, {@code
   * NATS_JS_MAX_DELIVER}, {@code NATS_TLS_CA}, {@code NATS_TLS_CERT}, {@code NATS_TLS_KEY}, {@code
   * NATS_TLS_SERVER_NAME}, {@code NATS_TLS_INSECURE}). Booleans accept {@code 1, true, yes, y, on}
   * and {@code 0, false, no, n, off}; anything else (such as {@code maybe}) is an error, as is any
   * other invalid value, so a typo never silently turns a setting off.
   *
   * @throws ValidationException listing every invalid variable by name
   */
  public static NatsConfig fromEnvironment(Map<String, String> env) {
    Settings.Reader r = Settings.of("the environment", env).reader();
    Optional<NatsConfig> config = read(r);
    r.validate();
    return config.orElseThrow();
  }

  /**
   * Reads the variables of {@link #fromEnvironment(Map)} from any settings (environment, file,
   * flags). Every problem is recorded in {@code settings}, naming its variable.
   *
   * @return the config, or empty when a setting was invalid
   */
  public static Optional<NatsConfig> read(Settings.Reader settings) {
    int problems = settings.violations().size();
    Builder b = builder();
    settings
        .parse(
            "NATS_URL",
            "must be one or more nats://, tls://, ws:// or wss:// URLs," + " separated by commas",
            NatsConfig::checkUrls)
        .ifPresent(b::url);
    settings.bool("NATS_USE_JETSTREAM").ifPresent(b::jetStream);
    settings
        .parse("NATS_JS_MAX_AGE", "", t -> GoDuration.parse("NATS_JS_MAX_AGE", t))
        .ifPresent(b::maxAge);
    settings
        .parse("NATS_JS_ACK_WAIT", "", t -> GoDuration.parse("NATS_JS_ACK_WAIT", t))
        .ifPresent(b::ackWait);
    settings.integer("NATS_JS_REPLICAS", 1, 5).ifPresent(b::replicas);
    settings
        .parse(
            "NATS_JS_MAX_DELIVER",
            "must be a whole number of at least 1, or -1 for" + " unlimited",
            t -> {
              int n = Integer.parseInt(t);
              if (n == 0 || n < -1) {
                throw new IllegalArgumentException();
              }
              return n;
            })
        .ifPresent(b::maxDeliver);
    b.tls(TlsSettings.read(settings, TLS_PREFIX));
    if (settings.violations().size() > problems) {
      return Optional.empty();
    }
    try {
      return Optional.of(b.build());
    } catch (ValidationException e) {
      e.violations()
          .forEach(
              v ->
                  settings.reject(
                      v.field().startsWith("NATS_")
                          ? v.field()
                          : "NATS_" + v.field().toUpperCase(Locale.ROOT),
                      v.rule()));
      return Optional.empty();
    }
  }

  private static String checkUrls(String text) {
    for (String part : text.split(",")) {
      String u = part.trim().toLowerCase(Locale.ROOT);
      int sep = u.indexOf("://");
      if (sep < 1
          || !Set.of("nats", "tls", "ws", "wss").contains(u.substring(0, sep))
          || u.length() == sep + 3) {
        throw new IllegalArgumentException(part);
      }
    }
    return text;
  }

  /** Builds {@link NatsConfig}s. */
  public static final class Builder {
    private String url = "nats://localhost:4222";
    private boolean jetStream;
    private Duration maxAge = Duration.ofHours(168);
    private int replicas = 1;
    private Duration ackWait = Duration.ofSeconds(20);
    private int maxAckPending = 2048;
    private int maxDeliver = 1000;
    private Duration duplicateWindow = Duration.ofMinutes(2);
    private String connectionName = "cordum-bus";
    private Duration reconnectWait = Duration.ofSeconds(2);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration jetStreamReadyTimeout = Duration.ofSeconds(30);
    private TlsSettings tls = TlsSettings.NONE;

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

    /**
     * How long a connect waits for an enabled JetStream that is not ready yet (default 30 s; zero:
     * one try).
     */
    public Builder jetStreamReadyTimeout(Duration v) {
      this.jetStreamReadyTimeout = v;
      return this;
    }

    /** Client TLS (default: none). */
    public Builder tls(TlsSettings v) {
      this.tls = v;
      return this;
    }

    /** Builds the settings. */
    public NatsConfig build() {
      return new NatsConfig(
          url,
          jetStream,
          maxAge,
          replicas,
          ackWait,
          maxAckPending,
          maxDeliver,
          duplicateWindow,
          connectionName,
          reconnectWait,
          connectTimeout,
          jetStreamReadyTimeout,
          tls);
    }
  }
}
