package io.cordum.redis;

import io.cordum.redis.internal.RedisCalls;
import io.cordum.redis.internal.RedisUrl;
import io.cordum.tls.internal.ClientTls;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One pooled Redis client made from a {@link RedisConfig} (Jedis {@link RedisClient}, or {@link
 * RedisClusterClient} when {@link RedisConfig#clusterNodes()} are set), shared by every Redis store
 * of a process. Whoever creates it owns it and closes it, after the stores that use it; the stores
 * never close it themselves (except those made by {@link RedisStoresModule}, which owns its own).
 *
 * <p>Making it opens no connection (it only reads the TLS files, if any): a server that is down is
 * reported by the first operation (a {@link io.cordum.api.BackendException}), or up front by {@link
 * #ping()}.
 */
public final class RedisConnections implements AutoCloseable {
  private final RedisConfig config;
  private final UnifiedJedis client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisConnections(RedisConfig config, UnifiedJedis client) {
    this.config = config;
    this.client = client;
  }

  /**
   * A client for the configured server, with its timeouts, pool size and TLS.
   *
   * @throws io.cordum.api.ValidationException naming the {@code REDIS_TLS_*} variable of a TLS file
   *     that cannot be used
   */
  public static RedisConnections create(RedisConfig config) {
    Objects.requireNonNull(config, "config");
    RedisUrl url = RedisUrl.parse(config.url());
    DefaultJedisClientConfig.Builder client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(millis(config.connectTimeout()))
            .socketTimeoutMillis(millis(config.socketTimeout()))
            .database(url.database())
            .clientName("cordum");
    ClientTls tls = config.clientTls();
    if (tls != null) {
      tls(client, tls);
    }
    if (url.user() != null) {
      client.user(url.user());
    }
    if (url.password() != null) {
      client.password(url.password());
    }
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.maxConnections());
    pool.setMaxIdle(config.maxConnections());
    pool.setMinIdle(0);
    // A caller waits for a free connection no longer than for a reply, then gets a
    // BackendException instead of hanging.
    pool.setMaxWait(config.connectTimeout().plus(config.socketTimeout()));
    pool.setJmxEnabled(false);
    UnifiedJedis c;
    if (config.clusterNodes().isEmpty()) {
      c =
          RedisClient.builder()
              .hostAndPort(url.host(), url.port())
              .clientConfig(client.build())
              .poolConfig(pool)
              .build();
    } else {
      Set<HostAndPort> nodes = new LinkedHashSet<>();
      config.clusterNodes().forEach(n -> nodes.add(HostAndPort.from(n)));
      c =
          RedisClusterClient.builder()
              .nodes(nodes)
              .clientConfig(client.build())
              .poolConfig(pool)
              .build();
    }
    return new RedisConnections(config, c);
  }

  /** The config the client was made from. */
  public RedisConfig config() {
    return config;
  }

  /** The Jedis client, for hosts that want to run their own commands on the same pool. */
  public UnifiedJedis client() {
    return client;
  }

  /**
   * Checks that the server answers.
   *
   * @throws io.cordum.api.BackendException if it does not
   */
  public void ping() {
    RedisCalls.call("ping", client::ping);
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Closes the pool. Idempotent; stores using it fail with BackendException afterwards. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
    }
  }

  /**
   * TLS through {@link ClientTls}: its socket factory gives each socket the server name as the
   * peer's name (SNI and the name the certificate is verified against), and its parameters (TLS
   * 1.2+, endpoint identification unless insecure) are what Jedis sets on the socket afterwards. No
   * Jedis {@code hostnameVerifier}: that would check the URL's host, not the server name, and the
   * JDK already verified the name during the handshake.
   */
  private static void tls(DefaultJedisClientConfig.Builder client, ClientTls tls) {
    client.ssl(true).sslSocketFactory(tls.socketFactory()).sslParameters(tls.sslParameters());
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }
}
