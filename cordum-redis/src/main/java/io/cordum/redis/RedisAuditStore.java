package io.cordum.redis;

import io.cordum.api.audit.AuditEntry;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.internal.store.Args;
import io.cordum.redis.internal.KeyTags;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link AuditStore} on Redis: two capped lists of JSON entries, newest first, <code>
 * {cordum:audit}:all</code> and <code>{cordum:audit}:tenant:&lt;tenant&gt;</code>, both written by
 * one script (one slot, thanks to the tag) and trimmed to the capacity. A query reads at most the
 * capacity of entries of one list and filters them here. No TTL. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisAuditStore implements AuditStore, AutoCloseable {
  /** The default capacity of each list. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Entries are read in pages, so a narrow filter does not load every entry at once.
  private static final int PAGE = 500;

  private final RedisConnections connections;
  private final String tag;
  private final int capacity;
  private final LuaScript append = LuaScript.resource("audit_append", "");
  private final Runnable onClose;

  /** A store of {@link #DEFAULT_CAPACITY} entries per list on the given connections. */
  public RedisAuditStore(RedisConnections connections) {
    this(connections, DEFAULT_CAPACITY, () -> {});
  }

  /** A store that keeps the newest {@code capacity} entries overall and per tenant. */
  public RedisAuditStore(RedisConnections connections, int capacity) {
    this(connections, capacity, () -> {});
  }

  RedisAuditStore(RedisConnections connections, int capacity, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.capacity = Args.positive(capacity, "capacity");
    this.tag = KeyTags.family(connections.config(), "audit");
    this.onClose = onClose;
  }

  @Override
  public void append(AuditEntry e) {
    String all = tag + "all";
    String tenant = e.tenant().isEmpty() ? all : tag + "tenant:" + e.tenant();
    append.run(
        connections.client(), List.of(all, tenant), List.of(encode(e), Integer.toString(capacity)));
  }

  @Override
  public List<AuditEntry> query(@Nullable String tenant, Predicate<AuditEntry> filter, int limit) {
    Args.positive(limit, "limit");
    String key = tenant == null ? tag + "all" : tag + "tenant:" + tenant;
    List<AuditEntry> out = new ArrayList<>();
    for (long start = 0; start < capacity && out.size() < limit; start += PAGE) {
      long from = start;
      List<String> page =
          RedisCalls.call(
              "read audit entries", () -> connections.client().lrange(key, from, from + PAGE - 1));
      for (String s : page) {
        AuditEntry e = decode(s);
        if (filter.test(e)) {
          out.add(e);
          if (out.size() == limit) {
            break;
          }
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    return out;
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private static String encode(AuditEntry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", e.time().toString());
    o.put("request_id", e.requestId());
    o.put("method", e.method());
    o.put("route", e.route());
    o.put("path", e.path());
    o.put("status", e.status());
    o.put("outcome", e.outcome());
    o.put("reason", e.reason());
    o.put("tenant", e.tenant());
    o.put("principal", e.principal());
    o.put("role", e.role());
    o.put("key_id", e.keyId());
    o.put("remote_addr", e.remoteAddress());
    o.put("user_agent", e.userAgent());
    return JSON.writeValueAsString(o);
  }

  private static AuditEntry decode(String s) {
    JsonNode o = JSON.readTree(s);
    return new AuditEntry(
        Instant.parse(o.path("time").asString()),
        text(o, "request_id"),
        text(o, "method"),
        text(o, "route"),
        text(o, "path"),
        o.path("status").asInt(),
        text(o, "outcome"),
        text(o, "reason"),
        text(o, "tenant"),
        text(o, "principal"),
        text(o, "role"),
        text(o, "key_id"),
        text(o, "remote_addr"),
        text(o, "user_agent"));
  }

  private static String text(JsonNode o, String field) {
    return o.path(field).asString("");
  }
}
