package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.pointer.PointerStore;
import io.cordum.api.pointer.Pointers;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link PointerStore} on Redis, in Cordum's own layout so that Go and Python workers (the CAP
 * SDKs) and Cordum's Go components share blobs with it. A pointer names its key exactly: the input
 * of a job is the plain Redis string {@code ctx:<job_id>} (pointer {@code redis://ctx:<job_id>}),
 * its output {@code res:<job_id>}, each written with {@code SET key bytes PX <dataTtl>} and read
 * with {@code GET}. A value written by anyone else with a plain {@code SET} (a worker's result) is
 * read the same way. Only those two namespaces are reachable. {@link
 * RedisConfig#pointerKeyPrefix()} (empty by default) goes in front of every key.
 *
 * <p><b>Expiry by the injected clock.</b> The store must treat its blobs as gone once its own
 * {@link InstantSource} says their time is up, whatever the server's clock says. So next to each
 * blob it writes a sidecar {@code <pointerKeyPrefix>cordum-exp:<blob key>}, with the same TTL,
 * holding {@code "<expires_at micros>|<length>|<CRC32C>"}: the expiry by the injected clock and a
 * fingerprint of the bytes it belongs to. A read treats a blob as absent if its sidecar describes
 * these very bytes and says they have expired. A blob without a sidecar (one a worker wrote), or
 * whose sidecar describes other bytes (a worker overwrote it, or a write of this store was torn),
 * lives as long as Redis keeps it, that is by its Redis TTL. The sidecar namespace cannot collide
 * with a blob key: after the common prefix, blob keys go on with {@code ctx:} or {@code res:} and
 * sidecars with {@code cordum-exp:}. (A suffix such as {@code ctx:<id>:cordum-exp} would not do: it
 * is the blob key of the job id {@code <id>:cordum-exp}, since job ids may hold colons.)
 *
 * <p><b>Atomicity.</b> On a single server (or a Sentinel-managed primary) a write is one Lua script
 * that sets the blob and the sidecar together, a read one {@code MGET}, and a delete one script;
 * each is atomic. On a Redis Cluster the blob key cannot carry a hash tag (its name is fixed by the
 * pointer and by the workers that use it), so blob and sidecar are usually in different slots and
 * no script or transaction may span them. There the store sends single-key commands through the
 * cluster client, which follows redirects and retries: a write sets the blob and then the sidecar,
 * a read gets the blob and then the sidecar, a delete takes the blob and then the sidecar (each
 * with a one-key script). The fingerprint makes the interleavings harmless: a torn pair (a write
 * failed between its two commands, or raced another write or a worker's) only means that the
 * sidecar does not match and the blob lives by its Redis TTL, which for a write of this store is as
 * long as the sidecar would have given it (up to the difference between the injected clock and the
 * server's). The one case it cannot tell apart is a rewrite of the same bytes that fails before its
 * sidecar: the old sidecar applies until it is retried.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisPointerStore implements PointerStore, AutoCloseable {
  /** The namespace of the expiry sidecars, after {@link RedisConfig#pointerKeyPrefix()}. */
  public static final String EXPIRY_NAMESPACE = "cordum-exp:";

  private final RedisConnections connections;
  private final InstantSource clock;
  private final String prefix;
  private final boolean cluster;
  private final Duration ttl;
  private final byte[] ttlMillis;
  private final SetParams px;
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
    RedisConfig config = connections.config();
    this.prefix = config.pointerKeyPrefix();
    this.cluster = !config.clusterNodes().isEmpty();
    this.ttl = config.dataTtl();
    long millis = Micros.pxMillis(ttl);
    this.ttlMillis = Long.toString(millis).getBytes(UTF_8);
    this.px = SetParams.setParams().px(millis);
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
    for (String blobKey : Pointers.readKeys(pointer)) {
      Optional<byte[]> found = read(blobKey);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<byte[]> read(String blobKey) {
    byte[] key = blobKey(blobKey);
    byte[] sidecarKey = sidecarKey(blobKey);
    long now = now();
    byte[] blob;
    byte[] sidecar;
    if (cluster) {
      // MGET of one key rather than GET: a key of another type reads as absent, as below.
      blob = RedisCalls.call("read blob", () -> connections.client().mget(key)).get(0);
      if (blob == null) {
        return Optional.empty();
      }
      sidecar =
          RedisCalls.call("read blob expiry", () -> connections.client().mget(sidecarKey)).get(0);
    } else {
      List<byte[]> both =
          RedisCalls.call("read blob", () -> connections.client().mget(key, sidecarKey));
      blob = both.get(0);
      sidecar = both.get(1);
    }
    return live(blob, sidecar, now) ? Optional.of(blob) : Optional.empty();
  }

  /** Checks both pointers before reading, so a bad target is rejected even with no source. */
  @Override
  public boolean copy(String fromPointer, String toPointer) {
    Pointers.blobKeyOf(fromPointer);
    Pointers.blobKeyOf(toPointer);
    return PointerStore.super.copy(fromPointer, toPointer);
  }

  /** Deletes the blob and its sidecar; true if the blob was live (as {@link #get} would say). */
  @Override
  public boolean delete(String pointer) {
    String blobKey = Pointers.blobKeyOf(pointer);
    byte[] key = blobKey(blobKey);
    byte[] sidecarKey = sidecarKey(blobKey);
    long now = now();
    byte[] blob;
    byte[] sidecar;
    if (cluster) {
      // The blob first: if the second command fails, what is left is an orphan sidecar, which
      // matches no other bytes and expires with its TTL, rather than a blob without its expiry.
      blob = take(List.of(key)).get(0);
      sidecar = take(List.of(sidecarKey)).get(0);
    } else {
      List<byte @Nullable []> both = take(List.of(key, sidecarKey));
      blob = both.get(0);
      sidecar = both.get(1);
    }
    return live(blob, sidecar, now);
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private void put(String blobKey, byte[] data) {
    byte[] bytes = data.clone();
    byte[] key = blobKey(blobKey);
    byte[] sidecarKey = sidecarKey(blobKey);
    byte[] sidecar = sidecar(Micros.plus(now(), ttl), bytes);
    if (cluster) {
      // The blob first: a failure in between leaves the new bytes with no sidecar or with the
      // sidecar of other bytes, so they live by their Redis TTL; an old sidecar applies to them
      // only if they are the very bytes it describes (then with the old expiry).
      RedisCalls.call("write blob", () -> connections.client().set(key, bytes, px));
      RedisCalls.call("write blob expiry", () -> connections.client().set(sidecarKey, sidecar, px));
    } else {
      put.runBinary(
          connections.client(), List.of(key, sidecarKey), List.of(bytes, sidecar, ttlMillis));
    }
  }

  /** Deletes the keys (of one slot) and returns their string values, null if none. */
  private List<byte @Nullable []> take(List<byte[]> keys) {
    List<?> reply = (List<?>) delete.runBinary(connections.client(), keys, List.of());
    List<byte @Nullable []> out = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      out.add(i < reply.size() ? (byte[]) reply.get(i) : null);
    }
    return out;
  }

  /** Whether a blob is there and not expired by a sidecar that describes it. */
  private static boolean live(byte @Nullable [] blob, byte @Nullable [] sidecar, long now) {
    if (blob == null) {
      return false;
    }
    if (sidecar == null) {
      return true; // written without one (a worker): Redis's TTL is its only expiry
    }
    String[] parts = new String(sidecar, UTF_8).split("\\|", -1);
    if (parts.length != 3) {
      return true; // not ours to interpret
    }
    try {
      long expiresAt = Long.parseLong(parts[0]);
      long length = Long.parseLong(parts[1]);
      long crc = Long.parseLong(parts[2]);
      if (length != blob.length || crc != crc32c(blob)) {
        return true; // the sidecar of other bytes: the blob was overwritten without it
      }
      return expiresAt > now;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** The sidecar value, {@code "<expires_at micros>|<length>|<CRC32C>"}. */
  static byte[] sidecar(long expiresAtMicros, byte[] data) {
    return (expiresAtMicros + "|" + data.length + "|" + crc32c(data)).getBytes(UTF_8);
  }

  private static long crc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return crc.getValue();
  }

  private byte[] blobKey(String blobKey) {
    return (prefix + blobKey).getBytes(UTF_8);
  }

  private byte[] sidecarKey(String blobKey) {
    return (prefix + EXPIRY_NAMESPACE + blobKey).getBytes(UTF_8);
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
