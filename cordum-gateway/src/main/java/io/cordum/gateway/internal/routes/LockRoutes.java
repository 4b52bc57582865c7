package io.cordum.gateway.internal.routes;

import io.cordum.api.lock.LockInfo;
import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockNotHeldException;
import io.cordum.api.lock.LockStore;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Named shared/exclusive locks. */
final class LockRoutes {
  private final Cordum cordum;

  LockRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  static Map<String, Object> lock(LockInfo l) {
    Map<String, Object> owners = new LinkedHashMap<>();
    l.owners().forEach((owner, hold) -> owners.put(owner, hold.count()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("resource", l.resource());
    m.put("mode", l.mode() == LockMode.SHARED ? "shared" : "exclusive");
    m.put("owners", owners);
    m.put("updated_at", Json.time(l.updatedAt()));
    m.put("expires_at", Json.time(l.expiresAt()));
    m.put("fencing_token", l.fencingToken());
    return m;
  }

  Object get(Call c) {
    String resource = c.query("resource", "");
    if (resource.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "resource required");
    }
    return lock(
        cordum
            .locks()
            .get(resource)
            .orElseThrow(() -> ApiError.notFound("lock_not_found", "lock not found")));
  }

  private static String[] resourceOwner(JsonBody b) {
    String resource = b.string("resource").trim();
    String owner = b.string("owner").trim();
    if (resource.isEmpty() || owner.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "resource and owner required");
    }
    return new String[] {resource, owner};
  }

  private static Duration ttl(JsonBody b) {
    long ms = b.int64("ttl_ms");
    if (ms < 0) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "ttl_ms must not be negative");
    }
    return ms == 0 ? LockStore.DEFAULT_TTL : Duration.ofMillis(ms);
  }

  Object acquire(Call c) {
    JsonBody b = c.json(false);
    String[] ro = resourceOwner(b);
    LockMode mode =
        "shared".equalsIgnoreCase(b.string("mode").trim()) ? LockMode.SHARED : LockMode.EXCLUSIVE;
    Optional<LockInfo> l = cordum.locks().tryAcquire(ro[0], ro[1], mode, ttl(b));
    return lock(l.orElseThrow(() -> ApiError.conflict("lock_unavailable", "lock unavailable")));
  }

  Object release(Call c) {
    JsonBody b = c.json(false);
    String[] ro = resourceOwner(b);
    Optional<LockInfo> after;
    try {
      after = cordum.locks().release(ro[0], ro[1]);
    } catch (LockNotHeldException e) {
      throw ApiError.conflict("lock_not_held", "lock not held");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lock", after.map(LockRoutes::lock).orElse(null));
    m.put("released", true);
    return m;
  }

  Object renew(Call c) {
    JsonBody b = c.json(false);
    String[] ro = resourceOwner(b);
    try {
      return lock(cordum.locks().renew(ro[0], ro[1], ttl(b)));
    } catch (LockNotHeldException e) {
      throw ApiError.notFound("lock_not_held", "lock not held");
    }
  }
}
