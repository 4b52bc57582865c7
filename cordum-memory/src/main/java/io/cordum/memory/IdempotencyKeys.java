package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.job.IdempotencyReservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Idempotency keys scoped by tenant, keyed by the (tenant, key) pair itself so that no two pairs
 * can collide, whatever colons a tenant or key holds. Each reservation lasts the retention.
 */
final class IdempotencyKeys {
  private final ConcurrentHashMap<Scoped, Holder> keys = new ConcurrentHashMap<>();
  private final ExpiryQueue<Scoped> expiries = new ExpiryQueue<>();
  private final Duration retention;

  IdempotencyKeys(Duration retention) {
    this.retention = retention;
  }

  IdempotencyReservation reserve(String tenant, String key, String jobId, Instant now) {
    Holder mine = new Holder(jobId, now.plus(retention));
    Holder held =
        keys.compute(
            new Scoped(tenant, key),
            (k, cur) -> {
              if (cur != null && cur.liveAt(now)) {
                return cur;
              }
              if (cur != null) {
                expiries.remove(k, cur.expiresAt());
              }
              expiries.add(k, mine.expiresAt());
              return mine;
            });
    return new IdempotencyReservation(held == mine, held.jobId());
  }

  /**
   * Creates a new job that carries this key, atomically with taking the key: {@code create} runs
   * inside the key's compute, so a concurrent save of another job with the same key waits and then
   * sees the created job live. The key may be free, expired, held by {@code jobId}, or held by a
   * job that does not exist ({@code isLive} false: a submit that reserved it and failed); a key
   * held by another live job throws {@link ConflictException} and nothing is created.
   */
  <T> T createWithKey(
      String tenant,
      String key,
      String jobId,
      Instant now,
      Predicate<String> isLive,
      Supplier<T> create) {
    Object[] out = {null};
    keys.compute(
        new Scoped(tenant, key),
        (k, cur) -> {
          if (cur != null
              && cur.liveAt(now)
              && !cur.jobId().equals(jobId)
              && isLive.test(cur.jobId())) {
            throw new ConflictException(
                "idempotency key \""
                    + key
                    + "\" of tenant \""
                    + tenant
                    + "\" is held by job "
                    + cur.jobId());
          }
          out[0] = create.get();
          Holder mine = new Holder(jobId, now.plus(retention));
          if (cur != null) {
            expiries.remove(k, cur.expiresAt());
          }
          expiries.add(k, mine.expiresAt());
          return mine;
        });
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }

  Optional<String> find(String tenant, String key, Instant now) {
    Holder h = keys.get(new Scoped(tenant, key));
    return h != null && h.liveAt(now) ? Optional.of(h.jobId()) : Optional.empty();
  }

  boolean release(String tenant, String key, String jobId, Instant now) {
    boolean[] released = {false};
    keys.computeIfPresent(
        new Scoped(tenant, key),
        (k, cur) -> {
          if (!cur.liveAt(now) || !cur.jobId().equals(jobId)) {
            return cur;
          }
          expiries.remove(k, cur.expiresAt());
          released[0] = true;
          return null;
        });
    return released[0];
  }

  void purge(Instant now) {
    expiries.drain(now, k -> keys.computeIfPresent(k, (kk, cur) -> cur.liveAt(now) ? cur : null));
  }

  int size() {
    return keys.size() + expiries.size();
  }

  private record Scoped(String tenant, String key) implements Comparable<Scoped> {
    @Override
    public int compareTo(Scoped o) {
      int c = tenant.compareTo(o.tenant);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private record Holder(String jobId, Instant expiresAt) {
    boolean liveAt(Instant now) {
      return expiresAt.isAfter(now);
    }
  }
}
