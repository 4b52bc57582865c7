package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cordum.api.pointer.PointerStore;
import io.cordum.api.pointer.Pointers;
import io.cordum.redis.internal.Args;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.Micros;
import io.cordum.redis.internal.RedisCalls;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PointerStore} on Redis. A job's input is the hash {@code <prefix>ctx:<job_id>}, its
 * output {@code <prefix>res:<job_id>} (pointers stay Cordum's {@code redis://ctx:<job_id>}):
 * field {@code data} holds the bytes, {@code expires_at} when they expire by the injected clock
 * (entries read as absent from then on), and the key has a real TTL of the same length, so Redis
 * drops it on time. Only those two namespaces are reachable. Each blob key is independent (no
 * hash tag), so blobs spread over a Redis Cluster.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisPointerStore implements PointerStore, AutoCloseable {
  private static final byte[] DATA = "data".getBytes(UTF_8);
  private static final byte[] EXPIRES_AT = "expires_at".getBytes(UTF_8);

  private final RedisConnections connections;
  private final InstantSource clock;
  private final String prefix;
  private final Duration ttl;
  private final byte[] ttlMillis;
  private final LuaScript put = LuaScript.resource("pointer_put", "");
  private final LuaScript delete = LuaScript.resource("pointer_delete", "");
  private final Runnable onClose;

  /** A store on the given connections; entries live for {@link RedisConfig#dataTtl()}. */
  public RedisPointerStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisPointerStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = connections.config().keyPrefix();
    this.ttl = connections.config().dataTtl();
    this.ttlMillis = Long.toString(Micros.pxMillis(ttl)).getBytes(UTF_8);
    this.onClose = onClose;
  }

  @Override
  public String putContext(String jobId, byte[] data) {
    put(Pointers.contextKey(Args.jobId(jobId)), data);
    return Pointers.contextPointer(jobId);
  }

  @Override
  public String putResult(String jobId, byte[] data) {
    put(Pointers.resultKey(Args.jobId(jobId)), data);
    return Pointers.resultPointer(jobId);
  }

  @Override
  public Optional<byte[]> get(String pointer) {
    byte[] key = key(Pointers.blobKeyOf(pointer));
    long now = now();
    List<byte[]> v = RedisCalls.call("read blob",
        () -> connections.client().hmget(key, DATA, EXPIRES_AT));
    if (v.get(0) == null || v.get(1) == null
        || Long.parseLong(new String(v.get(1), UTF_8)) <= now) {
      return Optional.empty();
    }
    return Optional.of(v.get(0));
  }

  /** Checks both pointers before reading, so a bad target is rejected even with no source. */
  @Override
  public boolean copy(String fromPointer, String toPointer) {
    Pointers.blobKeyOf(fromPointer);
    Pointers.blobKeyOf(toPointer);
    return PointerStore.super.copy(fromPointer, toPointer);
  }

  @Override
  public boolean delete(String pointer) {
    byte[] key = key(Pointers.blobKeyOf(pointer));
    Object deleted = delete.runBinary(connections.client(), List.of(key),
        List.of(Long.toString(now()).getBytes(UTF_8)));
    return ((Number) deleted).intValue() == 1;
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private void put(String blobKey, byte[] data) {
    long expires = Micros.plus(now(), ttl);
    put.runBinary(connections.client(), List.of(key(blobKey)),
        List.of(data.clone(), Long.toString(expires).getBytes(UTF_8), ttlMillis));
  }

  private byte[] key(String blobKey) {
    return (prefix + blobKey).getBytes(UTF_8);
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
