package io.cordum.redis;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.lock.LockHold;
import io.cordum.api.lock.LockInfo;
import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockNotHeldException;
import io.cordum.api.lock.LockStore;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockStore} on Redis: one hash per resource, {@code <prefix>lock:<resource>}, holding the
 * mode, the fencing token, the update time and one field {@code o:<owner>} = {@code
 * "<count>|<expires_at micros>"} per owner, so each owner's hold lapses on its own (by the injected
 * clock). Acquire, renew and release are one Lua script each on that single key, so each is atomic
 * and every lock may live in its own Redis Cluster slot; {@link #get} is one {@code HGETALL}. A
 * free lock's hash is kept for {@link #FENCE_RETENTION} (its Redis TTL), so its fencing token keeps
 * increasing; tokens are also never below the time in microseconds. See {@code
 * docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisLockStore implements LockStore, AutoCloseable {
  /** How long a free lock's hash (and fencing token) is kept: seven days. */
  public static final Duration FENCE_RETENTION = Duration.ofDays(7);

  private final RedisConnections connections;
  private final InstantSource clock;
  private final String prefix;
  private final String retainMs = Long.toString(FENCE_RETENTION.toMillis());
  private final LuaScript acquire;
  private final LuaScript renew;
  private final LuaScript release;
  private final Runnable onClose;

  /** A store on the given connections. */
  public RedisLockStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisLockStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.prefix = connections.config().keyPrefix() + "lock:";
    String common = LuaScript.read("lock_common.lua");
    this.acquire = LuaScript.resource("lock_acquire", common);
    this.renew = LuaScript.resource("lock_renew", common);
    this.release = LuaScript.resource("lock_release", common);
    this.onClose = onClose;
  }

  @Override
  public Optional<LockInfo> tryAcquire(String resource, String owner, LockMode mode, Duration ttl) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    Objects.requireNonNull(mode, "mode");
    Args.positive(ttl, "ttl");
    long now = now();
    Object reply =
        acquire.run(
            connections.client(),
            List.of(prefix + res),
            List.of(
                Long.toString(now),
                Long.toString(Micros.plus(now, ttl)),
                mode.wireName(),
                who,
                retainMs));
    return reply instanceof List<?> l ? Optional.of(decode(res, fields(l), now)) : Optional.empty();
  }

  @Override
  public LockInfo renew(String resource, String owner, Duration ttl) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    Args.positive(ttl, "ttl");
    long now = now();
    Object reply =
        renew.run(
            connections.client(),
            List.of(prefix + res),
            List.of(Long.toString(now), Long.toString(Micros.plus(now, ttl)), who, retainMs));
    if (!(reply instanceof List<?> l)) {
      throw new LockNotHeldException(res, who);
    }
    return decode(res, fields(l), now);
  }

  @Override
  public Optional<LockInfo> release(String resource, String owner) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    long now = now();
    Object reply =
        release.run(
            connections.client(),
            List.of(prefix + res),
            List.of(Long.toString(now), who, retainMs));
    if (!(reply instanceof List<?> l)) {
      throw new LockNotHeldException(res, who);
    }
    LockInfo lock = decode(res, fields(l), now);
    return lock.owners().isEmpty() ? Optional.empty() : Optional.of(lock);
  }

  @Override
  public Optional<LockInfo> get(String resource) {
    String res = Args.nonBlank(resource.trim(), "resource");
    long now = now();
    Map<String, String> hash =
        RedisCalls.call("read lock", () -> connections.client().hgetAll(prefix + res));
    LockInfo lock = decode(res, hash, now);
    return lock.owners().isEmpty() ? Optional.empty() : Optional.of(lock);
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  /** The lock in a hash, with only the holds still live at {@code now}. */
  private static LockInfo decode(String resource, Map<String, String> hash, long now) {
    Map<String, LockHold> owners = new TreeMap<>();
    long updated = parse(hash.get("updated_at"));
    long latest = updated;
    for (Map.Entry<String, String> e : hash.entrySet()) {
      if (!e.getKey().startsWith("o:")) {
        continue;
      }
      String v = e.getValue();
      int sep = v.indexOf('|');
      if (sep < 0) {
        continue;
      }
      long count = parse(v.substring(0, sep));
      long expires = parse(v.substring(sep + 1));
      if (expires > now && count > 0) {
        owners.put(e.getKey().substring(2), new LockHold((int) count, Micros.toInstant(expires)));
        latest = Math.max(latest, expires);
      }
    }
    LockMode mode = "shared".equals(hash.get("mode")) ? LockMode.SHARED : LockMode.EXCLUSIVE;
    Instant at = Micros.toInstant(updated);
    return new LockInfo(
        resource, mode, owners, parse(hash.get("fence")), at, Micros.toInstant(latest));
  }

  private static Map<String, String> fields(List<?> flat) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      out.put(str(flat.get(i)), str(flat.get(i + 1)));
    }
    return out;
  }

  private static String str(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }

  private static long parse(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
