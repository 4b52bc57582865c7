package io.cordum.redis;

import io.cordum.api.ValidationException;
import io.cordum.api.config.Settings;
import io.cordum.redis.internal.RedisUrl;
import io.cordum.tls.TlsSettings;
import io.cordum.tls.internal.ClientTls;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the Redis backends. Immutable; build one with {@link #builder()} or read it from the
 * environment with {@link #fromEnvironment(Map)} (Cordum's variable names).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>env</th><th>default</th></tr>
 *   <tr><td>{@link #url()}</td><td>{@code REDIS_URL}</td><td>{@value #DEFAULT_URL}</td></tr>
 *   <tr><td>{@link #keyPrefix()}</td><td></td><td>{@value #DEFAULT_KEY_PREFIX}</td></tr>
 *   <tr><td>{@link #pointerKeyPrefix()}</td><td></td><td>"" (none)</td></tr>
 *   <tr><td>{@link #jobRetention()}</td><td>{@code JOB_META_TTL}, {@code JOB_META_TTL_SECONDS}
 *       </td><td>7 days</td></tr>
 *   <tr><td>{@link #dataTtl()}</td><td>{@code REDIS_DATA_TTL}, {@code REDIS_DATA_TTL_SECONDS}
 *       </td><td>24 hours</td></tr>
 *   <tr><td>{@link #ttlMargin()}</td><td></td><td>1 hour</td></tr>
 *   <tr><td>{@link #historyLimit()}, {@link #decisionsLimit()}</td><td></td><td>100, 100</td></tr>
 *   <tr><td>{@link #connectTimeout()}, {@link #socketTimeout()}</td><td></td><td>2 s, 2 s</td></tr>
 *   <tr><td>{@link #maxConnections()}</td><td></td><td>16</td></tr>
 *   <tr><td>{@link #jobWriteBatch()}</td><td>{@code REDIS_JOB_WRITE_BATCH}</td><td>1 (off)</td></tr>
 *   <tr><td>{@link #clusterNodes()}</td><td>{@code REDIS_CLUSTER_ADDRESSES}</td><td>none</td></tr>
 *   <tr><td>{@link #tls()}</td><td>{@code REDIS_TLS_CA}, {@code REDIS_TLS_CERT},
 *       {@code REDIS_TLS_KEY}, {@code REDIS_TLS_SERVER_NAME}, {@code REDIS_TLS_INSECURE}</td>
 *       <td>none</td></tr>
 * </table>
 *
 * <p>TLS is used for a {@code rediss://} URL and, as in Cordum, for a {@code redis://} URL too when
 * any {@code REDIS_TLS_*} setting is present: TLS 1.2 or newer, the server certificate verified
 * against the JVM's trust store or the CA bundle of {@link #tls()}, and against its server name or
 * else the URL's host (see {@link TlsSettings}).
 *
 * @param url {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS
 * @param keyPrefix what the job store's and the lease store's keys start with: lease keys are
 *     {@code <keyPrefix>lease:<key>}, and the job store's keys carry it as a hash tag instead (see
 *     {@link #jobKeyTag()}). It does <em>not</em> apply to the pointer store's blobs
 * @param pointerKeyPrefix what the pointer store's keys start with, empty by default. A pointer
 *     names its Redis key exactly ({@code redis://ctx:<job_id>} is the key {@code ctx:<job_id>}),
 *     and Cordum's Go components and the CAP SDKs read and write that key with plain {@code
 *     GET}/{@code SET}, so keep it empty to share blobs with them; set it only when every party
 *     applies the same prefix (for example a go-redis key-prefix hook), or to keep a Java-only
 *     deployment's blobs apart. The blob of {@code redis://ctx:<id>} is then {@code
 *     <pointerKeyPrefix>ctx:<id>} and its expiry sidecar {@code
 *     <pointerKeyPrefix>cordum-exp:ctx:<id>} (see {@link RedisPointerStore}). It must not put those
 *     keys inside the lease store's or the job store's namespace
 * @param jobRetention how long a job (record, request, history, decisions, idempotency key) lives
 *     after its last write, by the injected clock
 * @param dataTtl how long a context or result blob lives after it is written
 * @param ttlMargin how much longer than the retention the real Redis TTL of job keys is, so that
 *     expired jobs are unindexed (by the injected clock) before Redis drops their keys
 * @param historyLimit how many state changes are kept per job
 * @param decisionsLimit how many safety decisions are kept per job
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long to wait for a reply
 * @param maxConnections the size of the connection pool (per node in cluster mode)
 * @param jobWriteBatch the most job-store writes sent to Redis in one call (group commit). A store
 *     sends its writes at once while fewer than {@link #jobWritesInFlight()} of its write calls are
 *     in flight; writes made while that many are in flight wait, then go together as one {@code
 *     FCALL} and round trip, each with its own outcome. 1, the default, turns group commit off
 *     (every write its own call, as many at a time as the pool allows). Try 32 when many threads
 *     write at once (more than a quarter of the pool). Redis runs a batch as one call, so it holds
 *     other clients' commands for the whole batch (roughly 50-100 µs per write)
 * @param clusterNodes seed nodes ({@code host:port}) of a Redis Cluster; empty for a single server
 *     (or a Sentinel-managed primary reached through {@link #url()}). In cluster mode the URL still
 *     gives the user, password, TLS and timeouts, and the database must be 0
 * @param tls client TLS ({@code REDIS_TLS_*}; default none); any setting turns TLS on
 */
public record RedisConfig(
    String url,
    String keyPrefix,
    String pointerKeyPrefix,
    Duration jobRetention,
    Duration dataTtl,
    Duration ttlMargin,
    int historyLimit,
    int decisionsLimit,
    Duration connectTimeout,
    Duration socketTimeout,
    int maxConnections,
    int jobWriteBatch,
    List<String> clusterNodes,
    TlsSettings tls) {

  /** The default URL, a local server. */
  public static final String DEFAULT_URL = "redis://localhost:6379";

  /** The default key prefix of the job and lease stores. */
  public static final String DEFAULT_KEY_PREFIX = "cordum:";

  /** The default key prefix of the pointer store: none, so keys are exactly what pointers name. */
  public static final String DEFAULT_POINTER_KEY_PREFIX = "";

  /** Seven days, as Cordum's {@code JOB_META_TTL}. */
  public static final Duration DEFAULT_JOB_RETENTION = Duration.ofDays(7);

  /** Twenty-four hours, as Cordum's {@code REDIS_DATA_TTL}. */
  public static final Duration DEFAULT_DATA_TTL = Duration.ofHours(24);

  /** One hour. */
  public static final Duration DEFAULT_TTL_MARGIN = Duration.ofHours(1);

  /** One hundred state changes per job. */
  public static final int DEFAULT_HISTORY_LIMIT = 100;

  /** One hundred safety decisions per job. */
  public static final int DEFAULT_DECISIONS_LIMIT = 100;

  /** Two seconds, as Cordum's connection check. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Two seconds. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(2);

  /** Sixteen pooled connections. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;

  /**
   * One job-store write per call: group commit off. In the end-to-end benchmark (a scheduler whose
   * handlers write one job after another) waiting for a batch cost more than the round trips it
   * saved; it pays when many threads write at once (see {@code docs/benchmarks.md}).
   */
  public static final int DEFAULT_JOB_WRITE_BATCH = 1;

  /** The largest {@link #jobWriteBatch()} accepted. */
  public static final int MAX_JOB_WRITE_BATCH = 1024;

  /**
   * The defaults: a local server, prefix {@code cordum:} for jobs and leases, none for blobs, 7
   * days for jobs, 24 h for blobs (declared after the values it is made of).
   */
  public static final RedisConfig DEFAULT = builder().build();

  /** The variable naming the server, {@code REDIS_URL}. */
  public static final String ENV_URL = "REDIS_URL";

  /** Job retention as a Go duration ({@code 72h}); wins over {@link #ENV_JOB_TTL_SECONDS}. */
  public static final String ENV_JOB_TTL = "JOB_META_TTL";

  /** Job retention in seconds. */
  public static final String ENV_JOB_TTL_SECONDS = "JOB_META_TTL_SECONDS";

  /** Blob TTL as a Go duration; wins over {@link #ENV_DATA_TTL_SECONDS}. */
  public static final String ENV_DATA_TTL = "REDIS_DATA_TTL";

  /** Blob TTL in seconds. */
  public static final String ENV_DATA_TTL_SECONDS = "REDIS_DATA_TTL_SECONDS";

  /** Cluster seed nodes, separated by commas or whitespace (Cordum: more than one = cluster). */
  public static final String ENV_CLUSTER_ADDRESSES = "REDIS_CLUSTER_ADDRESSES";

  /** The most job-store writes per call, {@link #jobWriteBatch()} (1 to 1024). */
  public static final String ENV_JOB_WRITE_BATCH = "REDIS_JOB_WRITE_BATCH";

  /** The prefix of the TLS variables and of their error messages, {@code REDIS_TLS}. */
  public static final String TLS_PREFIX = "REDIS_TLS";

  /**
   * How many job-store write calls a store keeps in flight at once before writes wait and go in
   * batches: a quarter of {@link #maxConnections()} (at least 1), so that the job store's writes
   * leave most of the pool to reads and the other stores.
   */
  public int jobWritesInFlight() {
    return Math.max(1, maxConnections / 4);
  }

  /** Validates every setting; each failure names the setting. */
  public RedisConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    RedisUrl.parse(url);
    String base =
        keyPrefix.endsWith(":") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
    if (base.isBlank() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
      throw new ValidationException(
          "key_prefix",
          "must be non-blank and hold no '{' or '}' (it becomes a hash tag), was \""
              + keyPrefix
              + "\"");
    }
    Objects.requireNonNull(pointerKeyPrefix, "pointerKeyPrefix");
    checkPointerNamespaces(pointerKeyPrefix, keyPrefix, "{" + base + "}:");
    positive(jobRetention, "job_retention");
    positive(dataTtl, "data_ttl");
    Objects.requireNonNull(ttlMargin, "ttlMargin");
    if (ttlMargin.isNegative()) {
      throw new ValidationException("ttl_margin", "must not be negative, was " + ttlMargin);
    }
    positive(historyLimit, "history_limit");
    positive(decisionsLimit, "decisions_limit");
    positive(connectTimeout, "connect_timeout");
    positive(socketTimeout, "socket_timeout");
    positive(maxConnections, "max_connections");
    positive(jobWriteBatch, "job_write_batch");
    if (jobWriteBatch > MAX_JOB_WRITE_BATCH) {
      throw new ValidationException(
          "job_write_batch", "must be at most " + MAX_JOB_WRITE_BATCH + ", was " + jobWriteBatch);
    }
    clusterNodes = List.copyOf(Objects.requireNonNull(clusterNodes, "clusterNodes"));
    for (String node : clusterNodes) {
      int colon = node.lastIndexOf(':');
      if (colon < 1 || !node.substring(colon + 1).matches("\\d{1,5}")) {
        throw new ValidationException("cluster_nodes", "must be host:port, was \"" + node + "\"");
      }
    }
    if (!clusterNodes.isEmpty() && RedisUrl.parse(url).database() != 0) {
      throw new ValidationException("redis_url", "must use database 0 in cluster mode");
    }
    Objects.requireNonNull(tls, "tls");
  }

  /**
   * Whether connections use TLS: for a {@code rediss://} URL, or when any TLS setting is present
   * (even with {@code redis://}, as in Cordum).
   */
  public boolean usesTls() {
    return RedisUrl.parse(url).tls() || tls.enabled();
  }

  /**
   * The client TLS of these settings (reads the PEM files), or {@code null} without TLS.
   *
   * @throws ValidationException naming the {@code REDIS_TLS_*} variable of a bad file or value
   */
  @Nullable ClientTls clientTls() {
    return usesTls() ? ClientTls.create(TLS_PREFIX, tls) : null;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder()
        .url(url)
        .keyPrefix(keyPrefix)
        .pointerKeyPrefix(pointerKeyPrefix)
        .jobRetention(jobRetention)
        .dataTtl(dataTtl)
        .ttlMargin(ttlMargin)
        .historyLimit(historyLimit)
        .decisionsLimit(decisionsLimit)
        .connectTimeout(connectTimeout)
        .socketTimeout(socketTimeout)
        .maxConnections(maxConnections)
        .jobWriteBatch(jobWriteBatch)
        .clusterNodes(clusterNodes)
        .tls(tls);
  }

  /** The config of the process environment ({@link System#getenv()}). */
  public static RedisConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The defaults overridden by Cordum's variables: {@code REDIS_URL}; {@code
   * REDIS_CLUSTER_ADDRESSES} (more than one {@code host:port}: cluster mode); {@code
   * JOB_META_TTL_SECONDS} (positive integer), then {@code JOB_META_TTL} (positive Go duration such
   * as {@code 72h}), which wins when both are set; likewise {@code REDIS_DATA_TTL_SECONDS} and
   * {@code REDIS_DATA_TTL}. {@code REDIS_TLS_CA}, {@code REDIS_TLS_CERT}, {@code REDIS_TLS_KEY}
   * (readable PEM files), {@code REDIS_TLS_SERVER_NAME} and {@code REDIS_TLS_INSECURE} (a boolean)
   * turn TLS on; blank values count as unset. Every value is validated, so a typo never silently
   * leaves a default in force.
   *
   * @throws ValidationException listing every invalid variable by name
   */
  public static RedisConfig fromEnvironment(Map<String, String> env) {
    Settings.Reader r = Settings.of("the environment", env).reader();
    Optional<RedisConfig> config = read(r);
    r.validate();
    return config.orElseThrow();
  }

  /**
   * Reads the variables of {@link #fromEnvironment(Map)} from any settings (environment, file,
   * flags). Every problem is recorded in {@code settings}, naming its variable.
   *
   * @return the config, or empty when a setting was invalid
   */
  public static Optional<RedisConfig> read(Settings.Reader settings) {
    int problems = settings.violations().size();
    Builder b = builder();
    settings
        .parse(
            ENV_URL,
            "must be a redis:// or rediss:// URL",
            u -> {
              RedisUrl.parse(u);
              return u;
            })
        .ifPresent(b::url);
    settings
        .string(ENV_CLUSTER_ADDRESSES)
        .ifPresent(
            nodes -> {
              List<String> seeds =
                  Arrays.stream(nodes.split("[,\\s]+")).filter(n -> !n.isBlank()).toList();
              if (seeds.size() > 1) { // as in Cordum, one address stays a single-server client
                b.clusterNodes(seeds);
              }
            });
    settings.seconds(ENV_JOB_TTL_SECONDS).ifPresent(b::jobRetention);
    settings.duration(ENV_JOB_TTL).ifPresent(b::jobRetention);
    settings.seconds(ENV_DATA_TTL_SECONDS).ifPresent(b::dataTtl);
    settings.duration(ENV_DATA_TTL).ifPresent(b::dataTtl);
    settings.integer(ENV_JOB_WRITE_BATCH, 1, MAX_JOB_WRITE_BATCH).ifPresent(b::jobWriteBatch);
    b.tls(TlsSettings.read(settings, TLS_PREFIX));
    if (settings.violations().size() > problems) {
      return Optional.empty();
    }
    try {
      return Optional.of(b.build());
    } catch (ValidationException e) {
      e.violations().forEach(v -> settings.reject(envName(v.field()), v.rule()));
      return Optional.empty();
    }
  }

  /** The variable behind a field name of this record's validation errors. */
  private static String envName(String field) {
    return switch (field) {
      case "redis_url", "url" -> ENV_URL;
      case "cluster_nodes" -> ENV_CLUSTER_ADDRESSES;
      case "job_retention" -> ENV_JOB_TTL;
      case "data_ttl" -> ENV_DATA_TTL;
      case "job_write_batch" -> ENV_JOB_WRITE_BATCH;
      case "tls_cert" -> TLS_PREFIX + "_CERT";
      case "tls_key" -> TLS_PREFIX + "_KEY";
      default -> field;
    };
  }

  /**
   * The hash tag every job-store key starts with: the key prefix without its trailing colon, in
   * braces, then a colon ({@code cordum:} gives <code>{cordum}:</code>, so the job record is <code>
   * {cordum}:job:meta:&lt;id&gt;</code>). One tag puts the whole job store in one Redis Cluster
   * slot, which makes every job script single-slot.
   */
  public String jobKeyTag() {
    String base =
        keyPrefix.endsWith(":") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix;
    return "{" + base + "}:";
  }

  /** The URL with any password masked; TLS files by name, never their content. */
  @Override
  public String toString() {
    return "RedisConfig[url="
        + RedisUrl.redact(url)
        + ", keyPrefix="
        + keyPrefix
        + ", pointerKeyPrefix="
        + pointerKeyPrefix
        + ", jobRetention="
        + jobRetention
        + ", dataTtl="
        + dataTtl
        + ", ttlMargin="
        + ttlMargin
        + ", historyLimit="
        + historyLimit
        + ", decisionsLimit="
        + decisionsLimit
        + ", connectTimeout="
        + connectTimeout
        + ", socketTimeout="
        + socketTimeout
        + ", maxConnections="
        + maxConnections
        + ", jobWriteBatch="
        + jobWriteBatch
        + ", clusterNodes="
        + clusterNodes
        + ", usesTls="
        + usesTls()
        + (tls.enabled() ? ", tls=" + tls : "")
        + "]";
  }

  /**
   * Rejects a pointer key prefix whose keys could be lease or job keys: every blob key is {@code
   * <p>ctx:...} or {@code <p>res:...} and every sidecar {@code <p>cordum-exp:...}, every lease key
   * {@code <keyPrefix>lease:...} and every job key {@code <tag>...}. Two such families of keys are
   * disjoint exactly when neither of their fixed heads is a prefix of the other.
   */
  private static void checkPointerNamespaces(
      String pointerKeyPrefix, String keyPrefix, String jobTag) {
    List<String> pointerHeads =
        List.of(
            pointerKeyPrefix + "ctx:",
            pointerKeyPrefix + "res:",
            pointerKeyPrefix + RedisPointerStore.EXPIRY_NAMESPACE);
    for (String head : pointerHeads) {
      String dlqTag = "{" + jobTag.substring(1, jobTag.length() - 2) + ":dlq}:";
      for (String other :
          List.of(keyPrefix + "lease:", keyPrefix + "lock:", keyPrefix + "art:", jobTag, dlqTag)) {
        if (head.startsWith(other) || other.startsWith(head)) {
          throw new ValidationException(
              "pointer_key_prefix",
              "\""
                  + pointerKeyPrefix
                  + "\" would put pointer keys ("
                  + head
                  + "...) among the keys "
                  + other
                  + "... of the key prefix \""
                  + keyPrefix
                  + "\"");
        }
      }
    }
  }

  private static void positive(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(field, "must be positive, was " + d);
    }
  }

  private static void positive(int v, String field) {
    if (v < 1) {
      throw new ValidationException(field, "must be at least 1, was " + v);
    }
  }

  /** Builds {@link RedisConfig} values; every setting starts at its default. */
  public static final class Builder {
    private String url = DEFAULT_URL;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private String pointerKeyPrefix = DEFAULT_POINTER_KEY_PREFIX;
    private Duration jobRetention = DEFAULT_JOB_RETENTION;
    private Duration dataTtl = DEFAULT_DATA_TTL;
    private Duration ttlMargin = DEFAULT_TTL_MARGIN;
    private int historyLimit = DEFAULT_HISTORY_LIMIT;
    private int decisionsLimit = DEFAULT_DECISIONS_LIMIT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int jobWriteBatch = DEFAULT_JOB_WRITE_BATCH;
    private List<String> clusterNodes = List.of();
    private TlsSettings tls = TlsSettings.NONE;

    private Builder() {}

    /** The server URL. */
    public Builder url(String v) {
      this.url = v;
      return this;
    }

    /** What the job store's and the lease store's keys start with. */
    public Builder keyPrefix(String v) {
      this.keyPrefix = v;
      return this;
    }

    /** What the pointer store's keys start with (empty by default, as Cordum's Go side). */
    public Builder pointerKeyPrefix(String v) {
      this.pointerKeyPrefix = v;
      return this;
    }

    /** How long a job lives after its last write. */
    public Builder jobRetention(Duration v) {
      this.jobRetention = v;
      return this;
    }

    /** How long a context or result blob lives. */
    public Builder dataTtl(Duration v) {
      this.dataTtl = v;
      return this;
    }

    /** How much longer than the retention job keys live in Redis. */
    public Builder ttlMargin(Duration v) {
      this.ttlMargin = v;
      return this;
    }

    /** How many state changes are kept per job. */
    public Builder historyLimit(int v) {
      this.historyLimit = v;
      return this;
    }

    /** How many safety decisions are kept per job. */
    public Builder decisionsLimit(int v) {
      this.decisionsLimit = v;
      return this;
    }

    /** How long to wait for a connection. */
    public Builder connectTimeout(Duration v) {
      this.connectTimeout = v;
      return this;
    }

    /** How long to wait for a reply. */
    public Builder socketTimeout(Duration v) {
      this.socketTimeout = v;
      return this;
    }

    /** The size of the connection pool. */
    public Builder maxConnections(int v) {
      this.maxConnections = v;
      return this;
    }

    /** The most job-store writes sent in one call (1 to 1024; 1, the default: no group commit). */
    public Builder jobWriteBatch(int v) {
      this.jobWriteBatch = v;
      return this;
    }

    /** Seed nodes of a Redis Cluster ({@code host:port}); empty for a single server. */
    public Builder clusterNodes(List<String> v) {
      this.clusterNodes = v;
      return this;
    }

    /** Client TLS (default: none); any setting turns TLS on, even for {@code redis://}. */
    public Builder tls(TlsSettings v) {
      this.tls = v;
      return this;
    }

    /** Builds the config. */
    public RedisConfig build() {
      return new RedisConfig(
          url,
          keyPrefix,
          pointerKeyPrefix,
          jobRetention,
          dataTtl,
          ttlMargin,
          historyLimit,
          decisionsLimit,
          connectTimeout,
          socketTimeout,
          maxConnections,
          jobWriteBatch,
          clusterNodes,
          tls);
    }
  }
}
