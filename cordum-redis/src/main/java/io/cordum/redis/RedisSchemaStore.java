package io.cordum.redis;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.schema.SchemaEntry;
import io.cordum.api.schema.SchemaStore;
import io.cordum.redis.internal.KeyTags;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link SchemaStore} on Redis: one hash per schema, <code>{cordum:schema}:body:&lt;id&gt;</code>
 * (fields {@code id, body, revision, registered_at}), and the listing, the sorted set <code>
 * {cordum:schema}:index</code> (member id, score registration time in micros). Register and delete
 * are one script each, which changes the hash and the listing together (both keys carry the schema
 * tag, so they are in one slot). No TTL, and no cap on the listing: every stored schema stays
 * listed. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisSchemaStore implements SchemaStore, AutoCloseable {
  private final RedisConnections connections;
  private final InstantSource clock;
  private final String tag;
  private final String index;
  private final LuaScript put = LuaScript.resource("schema_put", "");
  private final LuaScript delete = LuaScript.resource("schema_delete", "");
  private final Runnable onClose;

  /** A store on the given connections. */
  public RedisSchemaStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, () -> {});
  }

  RedisSchemaStore(RedisConnections connections, InstantSource clock, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tag = KeyTags.family(connections.config(), "schema");
    this.index = tag + "index";
    this.onClose = onClose;
  }

  @Override
  public SchemaEntry put(String id, String body) {
    Args.nonBlank(id, "id");
    Args.nonBlank(body, "schema");
    Instant now = Micros.now(clock);
    Object rev =
        put.run(
            connections.client(),
            List.of(bodyKey(id), index),
            List.of(id, body, Long.toString(Micros.of(now))));
    return new SchemaEntry(id, body, ((Number) rev).longValue(), now);
  }

  @Override
  public Optional<SchemaEntry> get(String id) {
    List<String> v =
        RedisCalls.call(
            "read schema",
            () -> connections.client().hmget(bodyKey(id), "body", "revision", "registered_at"));
    if (v.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SchemaEntry(
            id, v.get(0), Long.parseLong(v.get(1)), Micros.toInstant(Long.parseLong(v.get(2)))));
  }

  @Override
  public boolean delete(String id) {
    Object n = delete.run(connections.client(), List.of(bodyKey(id), index), List.of(id));
    return ((Number) n).intValue() > 0;
  }

  @Override
  public List<String> list(int limit) {
    Args.positive(limit, "limit");
    return RedisCalls.call(
        "list schemas", () -> connections.client().zrevrange(index, 0, limit - 1L));
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private String bodyKey(String id) {
    return tag + "body:" + id;
  }
}
