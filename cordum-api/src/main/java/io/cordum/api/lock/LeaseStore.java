package io.cordum.api.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * Owner-checked leases: at most one holder per key at a time, until it releases the lease or the
 * lease's TTL runs out. A holder whose lease lapsed cannot release or renew the next holder's
 * lease: the token must match.
 */
public interface LeaseStore {

  /** Takes the lease if it is free (or has lapsed); empty if someone else holds it. */
  Optional<Lease> tryAcquire(String key, Duration ttl);

  /** Extends a held lease. Returns {@code false} if the lease was lost (lapsed and taken). */
  boolean renew(Lease lease, Duration ttl);

  /** Releases a held lease. Returns {@code false} if it was no longer held by this token. */
  boolean release(Lease lease);
}
