package io.cordum.api.lock;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A held lock as a {@link LockStore} sees it. Only live holds are listed: a hold whose expiry has
 * passed is gone.
 *
 * @param resource what is locked
 * @param mode how it is held
 * @param owners each owner's hold, by owner id (sorted)
 * @param fencingToken the token of the latest exclusive grant on this resource; it increases with
 *     every exclusive grant (but not by one at a time), so a protected resource can reject writes
 *     that carry a lower token than one it has already seen. {@code 0} if the resource was never
 *     held exclusively (within the store's retention)
 * @param updatedAt when the lock was last changed
 * @param expiresAt the latest expiry of any owner's hold
 */
public record LockInfo(
    String resource,
    LockMode mode,
    Map<String, LockHold> owners,
    long fencingToken,
    Instant updatedAt,
    Instant expiresAt) {

  /** Copies the owners. */
  public LockInfo {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(mode, "mode");
    owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether {@code owner} holds the lock. */
  public boolean heldBy(String owner) {
    return owners.containsKey(owner);
  }

  /** How many times {@code owner} holds the lock, 0 if not at all. */
  public int holdCount(String owner) {
    LockHold h = owners.get(owner);
    return h == null ? 0 : h.count();
  }
}
