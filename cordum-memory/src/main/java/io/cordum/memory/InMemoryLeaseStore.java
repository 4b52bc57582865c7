package io.cordum.memory;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.lock.Lease;
import io.cordum.api.lock.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link LeaseStore} held in this JVM. Each lease gets a random token (a type 4 UUID drawn from
 * {@link ThreadLocalRandom}: within one JVM tokens need to be unique, not secret, and SecureRandom
 * would serialise every acquire on one lock); only that token renews or releases it. A lease lapses
 * at its {@code expiresAt} by the injected clock: from then on it is free for anyone, and its old
 * token can neither renew nor release it, even if no one has taken it yet.
 */
public final class InMemoryLeaseStore implements LeaseStore {
  private final InstantSource clock;
  private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
  private final ExpiryQueue<String> expiries = new ExpiryQueue<>();

  /** A store that takes the time from {@code clock}. */
  public InMemoryLeaseStore(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<Lease> tryAcquire(String key, Duration ttl) {
    Args.nonBlank(key, "key");
    Args.positive(ttl, "ttl");
    Instant now = now();
    purge(now);
    Lease mine = new Lease(key, randomUuid(), expiry(now, ttl));
    Lease held =
        leases.compute(
            key,
            (k, cur) -> {
              if (cur != null && live(cur, now)) {
                return cur;
              }
              if (cur != null) {
                expiries.remove(k, cur.expiresAt());
              }
              expiries.add(k, mine.expiresAt());
              return mine;
            });
    return held == mine ? Optional.of(mine) : Optional.empty();
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) {
    Args.positive(ttl, "ttl");
    Instant now = now();
    boolean[] renewed = {false};
    leases.computeIfPresent(
        lease.key(),
        (k, cur) -> {
          if (!heldBy(cur, lease, now)) {
            return cur;
          }
          Lease next = new Lease(k, cur.token(), expiry(now, ttl));
          expiries.move(k, cur.expiresAt(), next.expiresAt());
          renewed[0] = true;
          return next;
        });
    return renewed[0];
  }

  @Override
  public boolean release(Lease lease) {
    Instant now = now();
    boolean[] released = {false};
    leases.computeIfPresent(
        lease.key(),
        (k, cur) -> {
          if (!heldBy(cur, lease, now)) {
            return cur;
          }
          expiries.remove(k, cur.expiresAt());
          released[0] = true;
          return null;
        });
    return released[0];
  }

  private static boolean heldBy(Lease cur, Lease lease, Instant now) {
    return live(cur, now) && cur.token().equals(lease.token());
  }

  private static boolean live(Lease lease, Instant now) {
    return lease.expiresAt().isAfter(now);
  }

  private static Instant expiry(Instant now, Duration ttl) {
    return Micros.floor(now.plus(ttl));
  }

  private void purge(Instant now) {
    expiries.drain(now, k -> leases.computeIfPresent(k, (kk, cur) -> live(cur, now) ? cur : null));
  }

  private Instant now() {
    return Micros.now(clock);
  }

  /** Entries held, for tests that check lapsed leases are gone. */
  int footprint() {
    return leases.size() + expiries.size();
  }

  private static String randomUuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }
}
