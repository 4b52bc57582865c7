package io.cordum.redis;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.lock.Lease;
import io.cordum.api.lock.LeaseStore;
import io.cordum.redis.internal.LuaScript;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link LeaseStore} on Redis: one string key per lease, {@code <prefix>lease:<key>}, holding
 * {@code "<expires_at micros>|<token>"} with a real TTL ({@code PX}) of the lease time. Acquire is
 * a set-if-free script, renew a compare-and-extend and release a compare-and-delete on the token,
 * so only the holder can renew or release. A lease lapses at the earlier of its expiry by the
 * injected clock and its Redis TTL. Tokens are random type 4 UUIDs ({@link UUID#randomUUID()}, from
 * a secure generator: tokens must be unique across replicas, not only in one JVM). Each lease key
 * is independent (no hash tag), so leases spread over a Redis Cluster.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisLeaseStore implements LeaseStore, AutoCloseable {
  private final RedisConnections connections;
  private final InstantSource clock;
  private final String prefix;
  private final LuaScript acquire = LuaScript.resource("lease_acquire", "");
  private final LuaScript renew = LuaScript.resource("lease_renew", "");
  private final LuaScript release = LuaScript.resource("lease_release", "");
  private final Runnable onClose;

  /** A store on the given connections. */
  public RedisLeaseStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisLeaseStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = connections.config().keyPrefix() + "lease:";
    this.onClose = onClose;
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    Args.nonBlank(key, "key");
    Args.positive(ttl, "ttl");
    long now = now();
    long expires = Micros.plus(now, ttl);
    String token = UUID.randomUUID().toString();
    Object won =
        acquire.run(
            connections.client(),
            List.of(prefix + key),
            List.of(Long.toString(now), Long.toString(expires), px(ttl), token));
    return ((Number) won).intValue() == 1
        ? Optional.of(new Lease(key, token, Micros.toInstant(expires)))
        : Optional.empty();
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    Args.positive(ttl, "ttl");
    long now = now();
    Object renewed =
        renew.run(
            connections.client(),
            List.of(prefix + lease.key()),
            List.of(
                Long.toString(now), Long.toString(Micros.plus(now, ttl)), px(ttl), lease.token()));
    return ((Number) renewed).intValue() == 1;
  }

  @Override
  public boolean release(Lease lease) {
    Object released =
        release.run(
            connections.client(),
            List.of(prefix + lease.key()),
            List.of(Long.toString(now()), lease.token()));
    return ((Number) released).intValue() == 1;
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private static String px(Duration ttl) {
    return Long.toString(Micros.pxMillis(ttl));
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
