package io.cordum.redis;

import io.cordum.api.Page;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.ListCursor;
import io.cordum.api.internal.store.Micros;
import io.cordum.redis.internal.DeadLetterJson;
import io.cordum.redis.internal.Lex;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.params.ZRangeParams;

/**
 * A {@link DeadLetterStore} on Redis: the entries in one hash {@code {<prefix>:dlq}:entries} (job
 * id → {@code "<created 19 digits>|<entry JSON>"}) and a listing index {@code
 * {<prefix>:dlq}:index}, a lexicographic sorted set of {@code "<created>\0<job id>"}, so pages are
 * exact even when entries share a microsecond. Both keys carry one hash tag, so add (replace,
 * index, trim by age and count) and claim (take one entry atomically) are single-slot scripts on a
 * Redis Cluster. The age limit is by the injected clock; the keys' Redis TTL (refreshed by every
 * add) is the maximum age plus {@link RedisConfig#ttlMargin()}. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}.
 */
public final class RedisDeadLetterStore implements DeadLetterStore, AutoCloseable {
  private static final int MIN_BATCH = 32;

  private final RedisConnections connections;
  private final InstantSource clock;
  private final DeadLetterRetention retention;
  private final List<String> keys;
  private final String ttlMs;
  private final LuaScript add;
  private final LuaScript claim;
  private final Runnable onClose;

  /** A store with the default retention. */
  public RedisDeadLetterStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, DeadLetterRetention.DEFAULT);
  }

  /** A store with the given retention. */
  public RedisDeadLetterStore(
      RedisConnections connections, InstantSource clock, DeadLetterRetention retention) {
    this(connections, clock, retention, () -> {});
  }

  RedisDeadLetterStore(
      RedisConnections connections,
      InstantSource clock,
      DeadLetterRetention retention,
      Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    String tag = tag(connections.config());
    this.keys = List.of(tag + "entries", tag + "index");
    this.ttlMs =
        Long.toString(Micros.pxMillis(retention.maxAge().plus(connections.config().ttlMargin())));
    String common = LuaScript.read("dlq_common.lua");
    this.add = LuaScript.resource("dlq_add", common);
    this.claim = LuaScript.resource("dlq_claim", common);
    this.onClose = onClose;
  }

  /** The hash tag of the DLQ's keys, such as <code>{cordum:dlq}:</code>. */
  static String tag(RedisConfig config) {
    String p = config.keyPrefix();
    return "{" + (p.endsWith(":") ? p.substring(0, p.length() - 1) : p) + ":dlq}:";
  }

  @Override
  public void add(DeadLetterEntry entry) {
    String id = Args.jobId(entry.jobId().trim());
    DeadLetterEntry e =
        entry.toBuilder().jobId(id).createdAt(Micros.floor(entry.createdAt())).build();
    String value = Lex.pad(Micros.of(e.createdAt())) + "|" + DeadLetterJson.encode(e);
    add.run(
        connections.client(),
        keys,
        List.of(id, value, ageBound(), Integer.toString(retention.maxEntries()), ttlMs));
  }

  @Override
  public Optional<DeadLetterEntry> get(String jobId) {
    String id = Args.jobId(jobId.trim());
    String v = RedisCalls.call("read dlq entry", () -> connections.client().hget(keys.get(0), id));
    return Optional.ofNullable(v).filter(this::young).map(RedisDeadLetterStore::decode);
  }

  @Override
  public Page<DeadLetterEntry> list(DeadLetterQuery query) {
    String hi = "+";
    if (query.cursor() != null) {
      ListCursor c = ListCursor.decode(query.cursor());
      hi = "(" + Lex.pad(c.micros()) + "\0" + c.id();
    }
    String lo = "[" + Lex.pad(cutoff() + 1); // younger than the maximum age
    int batch = Math.max(MIN_BATCH, query.limit() + 1);
    List<DeadLetterEntry> items = new ArrayList<>(query.limit());
    DeadLetterEntry last = null;
    while (true) {
      ZRangeParams range = ZRangeParams.zrangeByLexParams(hi, lo).limit(0, batch).rev();
      List<String> members =
          RedisCalls.call("list dlq", () -> connections.client().zrange(keys.get(1), range));
      if (members.isEmpty()) {
        break;
      }
      String[] ids = members.stream().map(m -> m.substring(20)).toArray(String[]::new);
      List<String> values =
          RedisCalls.call("read dlq entries", () -> connections.client().hmget(keys.get(0), ids));
      for (String v : values) {
        if (v == null) {
          continue; // claimed since the range was read
        }
        DeadLetterEntry e = decode(v);
        if (!query.matches(e)) {
          continue;
        }
        if (items.size() == query.limit()) {
          return new Page<>(items, cursor(last));
        }
        items.add(e);
        last = e;
      }
      if (members.size() < batch) {
        break;
      }
      hi = "(" + members.get(members.size() - 1);
    }
    return new Page<>(items, null);
  }

  @Override
  public boolean delete(String jobId) {
    return claim(jobId).isPresent();
  }

  @Override
  public Optional<DeadLetterEntry> claim(String jobId) {
    String id = Args.jobId(jobId.trim());
    Object v = claim.run(connections.client(), keys, List.of(id, ageBound()));
    return v instanceof String s ? Optional.of(decode(s)) : Optional.empty();
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private static @Nullable String cursor(@Nullable DeadLetterEntry last) {
    return last == null ? null : new ListCursor(Micros.of(last.createdAt()), last.jobId()).encode();
  }

  private static DeadLetterEntry decode(String stored) {
    return DeadLetterJson.decode(stored.substring(20));
  }

  private boolean young(String stored) {
    return Long.parseLong(stored.substring(0, 19)) > cutoff();
  }

  /** Entries created at or before this (micros) are too old. */
  private long cutoff() {
    return Micros.of(Micros.now(clock).minus(retention.maxAge()));
  }

  /** Every member of an entry created at or before the cutoff sorts below this. */
  private String ageBound() {
    return Lex.pad(cutoff()) + "\1";
  }
}
