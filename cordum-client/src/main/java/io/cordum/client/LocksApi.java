package io.cordum.client;

import io.cordum.client.model.LockInfo;
import io.cordum.client.model.LockMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Named shared/exclusive locks with leases ({@code /api/v1/locks}). */
public final class LocksApi {
  private final Transport t;

  LocksApi(Transport t) {
    this.t = t;
  }

  /**
   * A lock.
   *
   * @throws NotFoundException when nobody holds it
   */
  public LockInfo get(String resource) {
    return t.req("GET", "/api/v1/locks").query("resource", resource).fetch(LockInfo.class);
  }

  /**
   * Takes a lock for an owner (reentrant: the same owner may take it again).
   *
   * @param ttl the lease (null: the gateway's default)
   * @throws ConflictException when another owner holds it in a conflicting mode
   */
  public LockInfo acquire(String resource, String owner, LockMode mode, @Nullable Duration ttl) {
    return t.req("POST", "/api/v1/locks/acquire")
        .json(body(resource, owner, mode, ttl))
        .fetch(LockInfo.class);
  }

  /**
   * Releases one hold of an owner.
   *
   * @return the lock after, or empty when nobody holds it any more
   * @throws ConflictException when the owner does not hold it
   */
  public Optional<LockInfo> release(String resource, String owner) {
    JsonNode r =
        t.req("POST", "/api/v1/locks/release")
            .json(body(resource, owner, null, null))
            .fetch(JsonNode.class);
    JsonNode lock = r.path("lock");
    return lock.isObject()
        ? Optional.of(t.json.treeToValue(lock, LockInfo.class))
        : Optional.empty();
  }

  /**
   * Extends an owner's lease.
   *
   * @throws NotFoundException when the owner does not hold it
   */
  public LockInfo renew(String resource, String owner, @Nullable Duration ttl) {
    return t.req("POST", "/api/v1/locks/renew")
        .json(body(resource, owner, null, ttl))
        .idempotent(true)
        .fetch(LockInfo.class);
  }

  private static Map<String, Object> body(
      String resource, String owner, @Nullable LockMode mode, @Nullable Duration ttl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", resource);
    m.put("owner", owner);
    if (mode != null) {
      m.put("mode", mode.wireName());
    }
    if (ttl != null) {
      m.put("ttl_ms", ttl.toMillis());
    }
    return m;
  }
}
