package io.cordum.redis;

import io.cordum.api.ConflictException;
import io.cordum.api.config.ConfigEntry;
import io.cordum.api.config.ConfigKey;
import io.cordum.api.config.ConfigStore;
import io.cordum.api.internal.store.Micros;
import io.cordum.redis.internal.KeyTags;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import io.cordum.redis.internal.StringMaps;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConfigStore} on Redis: one hash per document, <code>
 * {cordum:cfg}:&lt;scope&gt;:&lt;id&gt;</code> (fields {@code data, meta, revision, updated_at}),
 * no TTL. Every write is one Lua script that compares the revision and writes; a delete leaves a
 * tombstone (fields {@code revision, deleted, updated_at}) so revisions never repeat. All config
 * keys share one hash tag, so {@link #getAll} reads the five documents of an effective config in
 * one script, also on a Redis Cluster. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisConfigStore implements ConfigStore, AutoCloseable {
  private static final String[] FIELDS = {"data", "revision", "updated_at", "meta", "deleted"};

  private final RedisConnections connections;
  private final InstantSource clock;
  private final String tag;
  private final LuaScript put = LuaScript.resource("config_put", "");
  private final LuaScript delete = LuaScript.resource("config_delete", "");
  private final LuaScript getAll = LuaScript.resource("config_get_all", "");
  private final Runnable onClose;

  /** A store on the given connections. */
  public RedisConfigStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisConfigStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tag = KeyTags.family(connections.config(), "cfg");
    this.onClose = onClose;
  }

  @Override
  public Optional<ConfigEntry> get(ConfigKey key) {
    List<String> v =
        RedisCalls.call("read config", () -> connections.client().hmget(redisKey(key), FIELDS));
    return Optional.ofNullable(decode(key, v));
  }

  @Override
  public Map<ConfigKey, ConfigEntry> getAll(List<ConfigKey> keys) {
    Map<ConfigKey, ConfigEntry> out = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    List<String> redisKeys = keys.stream().map(this::redisKey).toList();
    List<?> reply = (List<?>) getAll.run(connections.client(), redisKeys, List.of());
    for (int i = 0; i < keys.size(); i++) {
      List<String> fields = new ArrayList<>();
      for (Object f : (List<?>) reply.get(i)) {
        fields.add(
            f instanceof byte[] b
                ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                : (String) f);
      }
      ConfigEntry e = decode(keys.get(i), fields);
      if (e != null) {
        out.put(keys.get(i), e);
      }
    }
    return out;
  }

  @Override
  public ConfigEntry put(
      ConfigKey key, String data, Map<String, String> meta, long expectedRevision) {
    Objects.requireNonNull(data, "data");
    Instant now = Micros.now(clock);
    List<?> reply =
        (List<?>)
            put.run(
                connections.client(),
                List.of(redisKey(key)),
                List.of(
                    Long.toString(expectedRevision),
                    data,
                    StringMaps.encode(meta),
                    Long.toString(Micros.of(now))));
    checkConflict(key, reply, expectedRevision);
    long rev = Long.parseLong((String) reply.get(1));
    return new ConfigEntry(key, data, rev, now, meta);
  }

  @Override
  public boolean delete(ConfigKey key, long expectedRevision) {
    List<?> reply =
        (List<?>)
            delete.run(
                connections.client(),
                List.of(redisKey(key)),
                List.of(
                    Long.toString(expectedRevision), Long.toString(Micros.of(Micros.now(clock)))));
    checkConflict(key, reply, expectedRevision);
    return "OK".equals(reply.get(0));
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  /** The Redis key of a document. */
  String redisKey(ConfigKey key) {
    return tag + key.scope().wireName() + ":" + key.scopeId();
  }

  private static void checkConflict(ConfigKey key, List<?> reply, long expected) {
    if ("CONFLICT".equals(reply.get(0))) {
      throw new ConflictException(
          "config "
              + key
              + " is at revision "
              + reply.get(1)
              + ", not the expected "
              + expected
              + "; read it again and retry");
    }
  }

  private static @Nullable ConfigEntry decode(ConfigKey key, List<String> v) {
    String data = v.get(0);
    if (data == null || v.get(4) != null) {
      return null; // missing, or a tombstone
    }
    return new ConfigEntry(
        key,
        data,
        Long.parseLong(v.get(1)),
        Micros.toInstant(Long.parseLong(v.get(2))),
        StringMaps.decode(v.get(3)));
  }
}
