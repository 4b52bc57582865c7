package io.cordum.redis;

import io.cordum.api.ConflictException;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleSet;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.api.policy.PolicyBundleStore;
import io.cordum.redis.internal.LuaScript;
import io.cordum.redis.internal.PolicyBundleJson;
import io.cordum.redis.internal.RedisCalls;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PolicyBundleStore} on Redis. Three keys under the job store's hash tag (so the commit
 * script is single-slot on Redis Cluster): <code>{cordum}:policy:bundles</code>, a hash with {@code
 * version}, {@code updated_at} (micros) and {@code data} (the bundles as one JSON object); <code>
 * {cordum}:policy:snapshots</code> and <code>{cordum}:policy:audit</code>, lists of JSON entries,
 * newest first, trimmed to their bounds. A commit is one Lua script that checks the version and
 * writes all three. No TTL: policy is kept until changed.
 *
 * <p>The store does not own its {@link RedisConnections}; closing it does nothing unless it was
 * made by {@link RedisStoresModule}.
 */
public final class RedisPolicyBundleStore implements PolicyBundleStore, AutoCloseable {
  /** Snapshots kept by default. */
  public static final int DEFAULT_SNAPSHOTS = 50;

  /** Audit entries kept by default. */
  public static final int DEFAULT_AUDIT = 1000;

  private final RedisConnections connections;
  private final InstantSource clock;
  private final String bundlesKey;
  private final String snapshotsKey;
  private final String auditKey;
  private final int snapshotLimit;
  private final int auditLimit;
  private final LuaScript commit = LuaScript.resource("policy_commit", "");
  private final LuaScript addSnapshot = LuaScript.resource("policy_snapshot", "");
  private final Runnable onClose;

  /** A store with the default bounds. */
  public RedisPolicyBundleStore(RedisConnections connections, InstantSource clock) {
    this(connections, clock, DEFAULT_SNAPSHOTS, DEFAULT_AUDIT, () -> {});
  }

  /** A store with the given bounds. */
  public RedisPolicyBundleStore(
      RedisConnections connections, InstantSource clock, int snapshotLimit, int auditLimit) {
    this(connections, clock, snapshotLimit, auditLimit, () -> {});
  }

  RedisPolicyBundleStore(
      RedisConnections connections,
      InstantSource clock,
      int snapshotLimit,
      int auditLimit,
      Runnable onClose) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (snapshotLimit < 1 || auditLimit < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    String tag = connections.config().jobKeyTag();
    this.bundlesKey = tag + "policy:bundles";
    this.snapshotsKey = tag + "policy:snapshots";
    this.auditKey = tag + "policy:audit";
    this.snapshotLimit = snapshotLimit;
    this.auditLimit = auditLimit;
    this.onClose = onClose;
  }

  @Override
  public PolicyBundleSet read() {
    List<String> v =
        RedisCalls.call(
            "policy bundles read",
            () -> connections.client().hmget(bundlesKey, "version", "updated_at", "data"));
    if (v.get(0) == null) {
      return PolicyBundleSet.EMPTY;
    }
    return new PolicyBundleSet(
        Long.parseLong(v.get(0)),
        PolicyBundleJson.decodeBundles(v.get(2)),
        v.get(1) == null ? null : Micros.toInstant(Long.parseLong(v.get(1))));
  }

  @Override
  public PolicyBundleSet commit(
      long expectedVersion,
      Map<String, PolicyBundle> bundles,
      List<PolicyBundleSnapshot> snapshots,
      @Nullable PolicyBundleAuditEntry audit) {
    long now = Micros.of(Micros.now(clock));
    List<String> args =
        new ArrayList<>(
            List.of(
                Long.toString(expectedVersion),
                PolicyBundleJson.encodeBundles(bundles),
                Long.toString(now),
                Integer.toString(snapshotLimit),
                Integer.toString(auditLimit),
                audit == null ? "" : PolicyBundleJson.encodeAudit(audit)));
    snapshots.forEach(s -> args.add(PolicyBundleJson.encodeSnapshot(s)));
    List<?> r =
        (List<?>)
            commit.run(connections.client(), List.of(bundlesKey, snapshotsKey, auditKey), args);
    long version = ((Number) r.get(1)).longValue();
    if (((Number) r.get(0)).intValue() != 1) {
      throw new ConflictException(
          "policy bundles are at version "
              + version
              + ", not "
              + expectedVersion
              + "; re-read and retry");
    }
    return new PolicyBundleSet(version, bundles, Micros.toInstant(now));
  }

  @Override
  public void addSnapshot(PolicyBundleSnapshot snapshot, @Nullable PolicyBundleAuditEntry audit) {
    addSnapshot.run(
        connections.client(),
        List.of(snapshotsKey, auditKey),
        List.of(
            PolicyBundleJson.encodeSnapshot(snapshot),
            Integer.toString(snapshotLimit),
            audit == null ? "" : PolicyBundleJson.encodeAudit(audit),
            Integer.toString(auditLimit)));
  }

  @Override
  public List<PolicyBundleSnapshot> snapshots() {
    return RedisCalls.call(
            "policy snapshots read", () -> connections.client().lrange(snapshotsKey, 0, -1))
        .stream()
        .map(PolicyBundleJson::decodeSnapshot)
        .toList();
  }

  @Override
  public Optional<PolicyBundleSnapshot> snapshot(String id) {
    return snapshots().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  @Override
  public List<PolicyBundleAuditEntry> audit(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return RedisCalls.call(
            "policy audit read", () -> connections.client().lrange(auditKey, 0, limit - 1L))
        .stream()
        .map(PolicyBundleJson::decodeAudit)
        .toList();
  }

  /** Does nothing unless the store was made by {@link RedisStoresModule}. */
  @Override
  public void close() {
    onClose.run();
  }
}
