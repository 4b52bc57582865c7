package io.cordum.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cordum.api.Page;
import io.cordum.api.ValidationException;
import io.cordum.api.artifact.Artifact;
import io.cordum.api.artifact.ArtifactConfig;
import io.cordum.api.artifact.ArtifactMetadata;
import io.cordum.api.artifact.ArtifactPointers;
import io.cordum.api.artifact.ArtifactQuery;
import io.cordum.api.artifact.ArtifactStore;
import io.cordum.api.artifact.ArtifactSummary;
import io.cordum.api.artifact.ArtifactTooLargeException;
import io.cordum.api.artifact.ArtifactUpload;
import io.cordum.api.internal.store.ListCursor;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.job.Tenants;
import io.cordum.redis.internal.ArtifactJson;
import io.cordum.redis.internal.Lex;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZRangeParams;

/**
 * An {@link ArtifactStore} on Redis. Each artifact is one hash {@code <prefix>art:<id>} (fields
 * {@code data}, {@code meta} JSON, {@code expires_at} micros by the injected clock) with a Redis
 * TTL of its retention plus {@link RedisConfig#ttlMargin()}; a put is one script on that key. Each
 * tenant has a listing index {@code <prefix>art:tenant:<tenant>}, a lexicographic sorted set of
 * {@code "<created 19 digits>\0<id>"}, so pages are exact. Every key is a single-key unit, so
 * artifacts spread over a Redis Cluster; the index is therefore written in a separate step before
 * the artifact, and listings skip (and remove) entries whose artifact is gone or expired.
 *
 * <p>Pointers are {@code redis://art:<id>}; the store derives its key from the id only, so a
 * pointer can never reach another key. The store does not own its {@link RedisConnections}.
 */
public final class RedisArtifactStore implements ArtifactStore, AutoCloseable {
  private static final byte[] DATA = "data".getBytes(UTF_8);
  private static final byte[] META = "meta".getBytes(UTF_8);
  private static final byte[] EXPIRES = "expires_at".getBytes(UTF_8);
  private static final int MIN_BATCH = 32;

  private final RedisConnections connections;
  private final InstantSource clock;
  private final ArtifactConfig config;
  private final String prefix;
  private final Duration margin;
  private final LuaScript putScript = LuaScript.resource("artifact_put", "");
  private final LuaScript deleteScript = LuaScript.resource("artifact_delete", "");
  private final Runnable onClose;

  /** A store with the default retention times and size limit. */
  public RedisArtifactStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, ArtifactConfig.DEFAULT);
  }

  /** A store with the given settings. */
  public RedisArtifactStore(
      RedisConnections connections, InstantSource clock, ArtifactConfig config) {
    this(connections, clock, config, () -> {});
  }

  RedisArtifactStore(
      RedisConnections connections, InstantSource clock, ArtifactConfig config, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.prefix = connections.config().keyPrefix() + "art:";
    this.margin = connections.config().ttlMargin();
    this.onClose = onClose;
  }

  @Override
  public String put(ArtifactUpload upload) {
    if (upload.size() == 0) {
      throw new ValidationException("content", "must not be empty");
    }
    if (upload.size() > config.maxBytes()) {
      throw new ArtifactTooLargeException(upload.size(), config.maxBytes());
    }
    Instant now = Micros.now(clock);
    String id = UUID.randomUUID().toString();
    String tenant = tenant(upload.tenant());
    Duration ttl = config.ttl(upload.retention());
    ArtifactMetadata meta =
        new ArtifactMetadata(
            upload.contentType(),
            upload.size(),
            upload.retention(),
            upload.labels(),
            tenant,
            now,
            now.plus(ttl));
    String index = indexKey(tenant);
    String member = Lex.pad(Micros.of(now)) + "\0" + id;
    long indexTtl = Micros.pxMillis(config.longestTtl().plus(margin));
    // The index first: a failure in between leaves an entry without an artifact, which listings
    // skip and remove, rather than an artifact no listing shows.
    RedisCalls.call(
        "index artifact",
        () -> {
          try (AbstractPipeline p = connections.client().pipelined()) {
            p.zadd(index, 0, member);
            p.pexpire(index, indexTtl);
            p.sync();
          }
          return null;
        });
    putScript.runBinary(
        connections.client(),
        List.of(key(id)),
        List.of(
            upload.content(),
            ArtifactJson.encode(meta).getBytes(UTF_8),
            Long.toString(Micros.of(meta.expiresAt())).getBytes(UTF_8),
            Long.toString(Micros.pxMillis(ttl.plus(margin))).getBytes(UTF_8)));
    return ArtifactPointers.of(id);
  }

  @Override
  public Optional<Artifact> get(String pointer) {
    String id = ArtifactPointers.idOf(pointer);
    long now = now();
    List<byte[]> f =
        RedisCalls.call(
            "read artifact", () -> connections.client().hmget(key(id), DATA, META, EXPIRES));
    if (f.get(0) == null || f.get(1) == null || !live(f.get(2), now)) {
      return Optional.empty();
    }
    return Optional.of(
        new Artifact(
            ArtifactPointers.of(id), ArtifactJson.decode(new String(f.get(1), UTF_8)), f.get(0)));
  }

  @Override
  public boolean delete(String pointer) {
    String id = ArtifactPointers.idOf(pointer);
    long now = now();
    List<?> v = (List<?>) deleteScript.runBinary(connections.client(), List.of(key(id)), List.of());
    byte[] meta = v.isEmpty() ? null : (byte[]) v.get(0);
    if (meta == null) {
      return false;
    }
    ArtifactMetadata m = ArtifactJson.decode(new String(meta, UTF_8));
    String member = Lex.pad(Micros.of(m.createdAt())) + "\0" + id;
    RedisCalls.call(
        "unindex artifact", () -> connections.client().zrem(indexKey(m.tenant()), member));
    return live(v.size() > 1 ? (byte[]) v.get(1) : null, now);
  }

  @Override
  public Page<ArtifactSummary> list(ArtifactQuery query) {
    long now = now();
    String hi = "+";
    if (query.cursor() != null) {
      ListCursor c = ListCursor.decode(query.cursor());
      hi = "(" + Lex.pad(c.micros()) + "\0" + c.id();
    }
    String index = indexKey(tenant(query.tenant()));
    int batch = Math.max(MIN_BATCH, query.limit() + 1);
    List<ArtifactSummary> items = new ArrayList<>(query.limit());
    List<String> stale = new ArrayList<>();
    String lastMember = null;
    String cursor = null;
    scan:
    while (true) {
      ZRangeParams range = ZRangeParams.zrangeByLexParams(hi, "-").limit(0, batch).rev();
      List<String> members =
          RedisCalls.call("list artifacts", () -> connections.client().zrange(index, range));
      if (members.isEmpty()) {
        break;
      }
      List<@Nullable String> metas = metas(members);
      for (int i = 0; i < members.size(); i++) {
        String m = members.get(i);
        String meta = metas.get(i);
        ArtifactMetadata md = meta == null ? null : ArtifactJson.decode(meta);
        if (md == null || Micros.of(md.expiresAt()) <= now) {
          stale.add(m);
          continue;
        }
        if (items.size() == query.limit()) {
          cursor = cursorOf(lastMember);
          break scan;
        }
        items.add(new ArtifactSummary(ArtifactPointers.of(idOf(m)), md));
        lastMember = m;
      }
      if (members.size() < batch) {
        break;
      }
      hi = "(" + members.get(members.size() - 1);
    }
    if (!stale.isEmpty()) {
      RedisCalls.call(
          "clean artifact index",
          () -> connections.client().zrem(index, stale.toArray(String[]::new)));
    }
    return new Page<>(items, cursor);
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  /** The metadata JSON of each member's artifact (null if gone), in one round trip. */
  private List<@Nullable String> metas(List<String> members) {
    return RedisCalls.call(
        "read artifacts",
        () -> {
          List<Response<String>> replies = new ArrayList<>(members.size());
          try (AbstractPipeline p = connections.client().pipelined()) {
            for (String m : members) {
              replies.add(p.hget(prefix + idOf(m), "meta"));
            }
            p.sync();
          }
          List<@Nullable String> out = new ArrayList<>(members.size());
          replies.forEach(r -> out.add(r.get()));
          return out;
        });
  }

  private static String idOf(String member) {
    return member.substring(20);
  }

  private static @Nullable String cursorOf(@Nullable String member) {
    return member == null
        ? null
        : new ListCursor(Long.parseLong(member.substring(0, 19)), idOf(member)).encode();
  }

  private static boolean live(byte @Nullable [] expiresAt, long now) {
    if (expiresAt == null) {
      return false;
    }
    try {
      return Long.parseLong(new String(expiresAt, UTF_8)) > now;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private byte[] key(String id) {
    return (prefix + id).getBytes(UTF_8);
  }

  private String indexKey(String tenant) {
    return prefix + "tenant:" + tenant;
  }

  private static String tenant(String tenant) {
    return tenant.isBlank() ? Tenants.DEFAULT : tenant.trim();
  }

  private long now() {
    return Micros.of(Micros.now(clock));
  }
}
