package io.cordum.redis;

import io.cordum.api.ConflictException;
import io.cordum.api.ValidationException;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.redis.internal.KeyTags;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.RedisCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ApiKeyStore} on Redis: one hash per key, <code>{cordum:apikey}:key:&lt;id&gt;</code>
 * (fields {@code id, tenant, role, principal, name, scopes} (newline-separated), {@code
 * secret_hash, created_at}, and when set {@code expires_at, last_used_at, revoked_at, rotated_at},
 * times in micros), and two listings, the sorted sets <code>{cordum:apikey}:index</code> and <code>
 * {cordum:apikey}:tenant:&lt;tenant&gt;</code> (member id, score creation time). Create, revoke,
 * rotate and touch are one script each; every key carries the apikey tag, so a script's keys are in
 * one Cluster slot. Nothing is cached, so a revocation is seen by every replica at its next
 * request. No TTL. See {@code docs/redis-layout.md}.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisApiKeyStore implements ApiKeyStore, AutoCloseable {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final RedisConnections connections;
  private final String tag;
  private final String index;
  private final LuaScript create = LuaScript.resource("apikey_create", "");
  private final LuaScript revoke = LuaScript.resource("apikey_revoke", "");
  private final LuaScript rotate = LuaScript.resource("apikey_rotate", "");
  private final LuaScript touch = LuaScript.resource("apikey_touch", "");
  private final Runnable onClose;

  /** A store on the given connections. */
  public RedisApiKeyStore(RedisConnections connections) {
    this(connections, () -> {});
  }

  RedisApiKeyStore(RedisConnections connections, Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.tag = KeyTags.family(connections.config(), "apikey");
    this.index = tag + "index";
    this.onClose = onClose;
  }

  @Override
  public ApiKey create(ApiKey key) {
    long created = Micros.of(key.createdAt());
    List<String> args =
        new ArrayList<>(
            List.of(
                key.id(),
                Long.toString(created),
                "id",
                key.id(),
                "tenant",
                key.tenant(),
                "role",
                key.role(),
                "principal",
                key.principal(),
                "name",
                key.name(),
                "scopes",
                String.join("\n", key.scopes()),
                "secret_hash",
                key.secretHash(),
                "created_at",
                Long.toString(created)));
    time(args, "expires_at", key.expiresAt());
    time(args, "last_used_at", key.lastUsedAt());
    time(args, "revoked_at", key.revokedAt());
    time(args, "rotated_at", key.rotatedAt());
    Object n =
        create.run(
            connections.client(), List.of(keyOf(key.id()), index, tenantIndex(key.tenant())), args);
    if (((Number) n).intValue() == 0) {
      throw new ConflictException("api key " + key.id() + " already exists");
    }
    return get(key.id())
        .orElseThrow(
            () -> new IllegalStateException("api key " + key.id() + " vanished after create"));
  }

  private static void time(List<String> args, String field, @Nullable Instant t) {
    if (t != null) {
      args.add(field);
      args.add(Long.toString(Micros.of(t)));
    }
  }

  @Override
  public Optional<ApiKey> get(String id) {
    Args.nonBlank(id, "id");
    Map<String, String> h =
        RedisCalls.call("read api key", () -> connections.client().hgetAll(keyOf(id)));
    return h.isEmpty() ? Optional.empty() : Optional.of(decode(h));
  }

  @Override
  public List<ApiKey> list(@Nullable String tenant) {
    String from = tenant == null ? index : tenantIndex(tenant);
    List<String> ids =
        RedisCalls.call("list api keys", () -> connections.client().zrange(from, 0, -1));
    List<ApiKey> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      get(id).ifPresent(out::add);
    }
    // The zset orders equal scores by id already; a re-sort keeps the contract explicit.
    out.sort(java.util.Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id));
    return out;
  }

  @Override
  public Optional<ApiKey> revoke(String id, Instant at) {
    Args.nonBlank(id, "id");
    Object n =
        revoke.run(connections.client(), List.of(keyOf(id)), List.of(Long.toString(Micros.of(at))));
    return ((Number) n).intValue() == 0 ? Optional.empty() : get(id);
  }

  @Override
  public Optional<ApiKey> rotate(String id, String newSecretHash, Instant at) {
    Args.nonBlank(id, "id");
    if (!HASH.matcher(newSecretHash).matches()) {
      throw new ValidationException("secret_hash", "must be 64 lowercase hex digits (SHA-256)");
    }
    Object n =
        rotate.run(
            connections.client(),
            List.of(keyOf(id)),
            List.of(newSecretHash, Long.toString(Micros.of(at))));
    int r = ((Number) n).intValue();
    if (r < 0) {
      throw new ConflictException("api key " + id + " is revoked");
    }
    return r == 0 ? Optional.empty() : get(id);
  }

  @Override
  public void touch(String id, Instant at) {
    Args.nonBlank(id, "id");
    touch.run(connections.client(), List.of(keyOf(id)), List.of(Long.toString(Micros.of(at))));
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule} (see there). */
  @Override
  public void close() {
    onClose.run();
  }

  private static ApiKey decode(Map<String, String> h) {
    String scopes = h.getOrDefault("scopes", "");
    return new ApiKey(
        field(h, "id"),
        field(h, "tenant"),
        field(h, "role"),
        field(h, "principal"),
        h.getOrDefault("name", ""),
        scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split("\n")),
        field(h, "secret_hash"),
        Micros.toInstant(Long.parseLong(field(h, "created_at"))),
        instant(h.get("expires_at")),
        instant(h.get("last_used_at")),
        instant(h.get("revoked_at")),
        instant(h.get("rotated_at")));
  }

  private static String field(Map<String, String> h, String name) {
    String v = h.get(name);
    if (v == null) {
      throw new IllegalStateException("API key hash without the field " + name);
    }
    return v;
  }

  private static @Nullable Instant instant(@Nullable String micros) {
    return micros == null || micros.isEmpty() ? null : Micros.toInstant(Long.parseLong(micros));
  }

  private String keyOf(String id) {
    return tag + "key:" + id;
  }

  private String tenantIndex(String tenant) {
    return tag + "tenant:" + tenant;
  }
}
