package io.cordum.api.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * Named shared/exclusive locks for hosts and workers (Cordum's {@code /api/v1/locks}). Separate
 * from {@link LeaseStore}, which the scheduler uses internally.
 *
 * <ul>
 *   <li><b>Per-owner leases.</b> Each owner's hold has its own expiry; one owner's acquire or renew
 *       never shortens or extends another's, and a crashed owner's hold lapses on its own.
 *   <li><b>Owner-checked.</b> Only an owner renews or releases its hold; anyone else gets {@link
 *       LockNotHeldException}.
 *   <li><b>Reentrant.</b> An owner may acquire again; each acquire must be matched by a release.
 *   <li><b>Upgrade.</b> The sole shared owner may acquire exclusively; the lock then stays
 *       exclusive until every hold is released (there is no downgrade).
 *   <li><b>Fencing.</b> Every exclusive grant (new, reentrant or upgrade) increases {@link
 *       LockInfo#fencingToken()}.
 * </ul>
 *
 * <p>Resource and owner are trimmed, and must not be blank; the TTL must be positive ({@link
 * io.cordum.api.ValidationException} otherwise). Time comes from the store's injected clock. A
 * backend failure throws {@link io.cordum.api.BackendException}.
 */
public interface LockStore {
  /** The TTL Cordum's lock API uses when a request gives none: 30 seconds. */
  Duration DEFAULT_TTL = Duration.ofSeconds(30);

  /**
   * Acquires the lock for {@code owner} in {@code mode}, or adds one to its hold count; the owner's
   * hold then lasts at least {@code ttl} from now.
   *
   * @return the lock after the grant, or empty if it is held incompatibly by someone else
   */
  Optional<LockInfo> tryAcquire(String resource, String owner, LockMode mode, Duration ttl);

  /**
   * Extends {@code owner}'s hold to {@code ttl} from now (other owners' holds are unchanged).
   *
   * @return the lock after the renewal
   * @throws LockNotHeldException if the owner does not hold the lock
   */
  LockInfo renew(String resource, String owner, Duration ttl);

  /**
   * Releases one of {@code owner}'s holds; its last release removes the owner.
   *
   * @return the lock afterwards, or empty if no owner is left (the lock is free)
   * @throws LockNotHeldException if the owner does not hold the lock
   */
  Optional<LockInfo> release(String resource, String owner);

  /** The lock, or empty if nobody holds it. */
  Optional<LockInfo> get(String resource);
}
