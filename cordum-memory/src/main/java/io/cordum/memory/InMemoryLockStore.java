package io.cordum.memory;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.lock.LockHold;
import io.cordum.api.lock.LockInfo;
import io.cordum.api.lock.LockMode;
import io.cordum.api.lock.LockNotHeldException;
import io.cordum.api.lock.LockStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LockStore} held in this JVM. Each resource is one immutable record replaced with {@link
 * ConcurrentHashMap#compute}, so every operation on a resource is atomic and operations on
 * different resources do not contend. Each owner's hold has its own expiry by the injected clock;
 * lapsed holds are dropped by the next operation on the resource.
 *
 * <p>A free lock's record is kept for {@link #FENCE_RETENTION} so that its fencing token keeps
 * increasing across idle periods; tokens are also never below the current time in microseconds, so
 * they keep increasing after a record has been dropped.
 */
public final class InMemoryLockStore implements LockStore {
  /** How long a free lock's fencing token is remembered: seven days. */
  public static final Duration FENCE_RETENTION = Duration.ofDays(7);

  private final InstantSource clock;
  private final ConcurrentHashMap<String, Rec> locks = new ConcurrentHashMap<>();
  private final ExpiryQueue<String> expiries = new ExpiryQueue<>();

  /** A store that takes the time from {@code clock}. */
  public InMemoryLockStore(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<LockInfo> tryAcquire(String resource, String owner, LockMode mode, Duration ttl) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    Objects.requireNonNull(mode, "mode");
    Args.positive(ttl, "ttl");
    Instant now = Micros.now(clock);
    purge(now);
    Instant until = now.plus(ttl);
    Rec[] granted = {null};
    locks.compute(
        res,
        (k, cur) -> {
          Rec live = Rec.live(cur, now);
          Hold mine = live.owners.get(who);
          LockMode next;
          if (live.owners.isEmpty()) {
            next = mode;
          } else if (live.mode == LockMode.EXCLUSIVE) {
            if (mine == null) {
              return cur;
            }
            next = LockMode.EXCLUSIVE;
          } else if (mode == LockMode.SHARED) {
            next = LockMode.SHARED;
          } else if (mine != null && live.owners.size() == 1) {
            next = LockMode.EXCLUSIVE; // the sole shared owner upgrades
          } else {
            return cur;
          }
          TreeMap<String, Hold> owners = new TreeMap<>(live.owners);
          owners.put(
              who,
              mine == null
                  ? new Hold(1, until)
                  : new Hold(mine.count + 1, later(mine.expiresAt, until)));
          long fence =
              mode == LockMode.EXCLUSIVE ? Math.max(live.fence + 1, Micros.of(now)) : live.fence;
          Rec rec = store(k, cur, new Rec(next, owners, fence, now));
          granted[0] = rec;
          return rec;
        });
    return Optional.ofNullable(granted[0]).map(r -> r.info(res));
  }

  @Override
  public LockInfo renew(String resource, String owner, Duration ttl) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    Args.positive(ttl, "ttl");
    Instant now = Micros.now(clock);
    Rec out =
        locks.compute(
            res,
            (k, cur) -> {
              Rec live = Rec.live(cur, now);
              Hold mine = live.owners.get(who);
              if (mine == null) {
                throw new LockNotHeldException(res, who);
              }
              TreeMap<String, Hold> owners = new TreeMap<>(live.owners);
              owners.put(who, new Hold(mine.count, now.plus(ttl)));
              return store(k, cur, new Rec(live.mode, owners, live.fence, now));
            });
    return out.info(res);
  }

  @Override
  public Optional<LockInfo> release(String resource, String owner) {
    String res = Args.nonBlank(resource.trim(), "resource");
    String who = Args.nonBlank(owner.trim(), "owner");
    Instant now = Micros.now(clock);
    Rec out =
        locks.compute(
            res,
            (k, cur) -> {
              Rec live = Rec.live(cur, now);
              Hold mine = live.owners.get(who);
              if (mine == null) {
                throw new LockNotHeldException(res, who);
              }
              TreeMap<String, Hold> owners = new TreeMap<>(live.owners);
              if (mine.count > 1) {
                owners.put(who, new Hold(mine.count - 1, mine.expiresAt));
              } else {
                owners.remove(who);
              }
              return store(
                  k, cur, new Rec(owners.isEmpty() ? null : live.mode, owners, live.fence, now));
            });
    return out.owners.isEmpty() ? Optional.empty() : Optional.of(out.info(res));
  }

  @Override
  public Optional<LockInfo> get(String resource) {
    String res = Args.nonBlank(resource.trim(), "resource");
    Rec live = Rec.live(locks.get(res), Micros.now(clock));
    return live.owners.isEmpty() ? Optional.empty() : Optional.of(live.info(res));
  }

  /** Files the record's due time in place of the old one's, and returns it. */
  private Rec store(String key, @Nullable Rec old, Rec rec) {
    if (old == null) {
      expiries.add(key, rec.retainUntil);
    } else {
      expiries.move(key, old.retainUntil, rec.retainUntil);
    }
    return rec;
  }

  private void purge(Instant now) {
    expiries.drain(
        now,
        k -> locks.computeIfPresent(k, (kk, cur) -> cur.retainUntil.isAfter(now) ? cur : null));
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Records held, for tests that check dropped locks are gone. */
  int footprint() {
    return locks.size() + expiries.size();
  }

  /** One owner's hold. */
  private record Hold(int count, Instant expiresAt) {}

  /** A resource's lock; {@code mode} is null when free. */
  private static final class Rec {
    private static final Rec FREE = new Rec(null, new TreeMap<>(), 0, Instant.EPOCH);

    final @Nullable LockMode mode;
    final Map<String, Hold> owners;
    final long fence;
    final Instant updatedAt;
    final Instant retainUntil;

    Rec(@Nullable LockMode mode, Map<String, Hold> owners, long fence, Instant updatedAt) {
      this.mode = mode;
      this.owners = owners;
      this.fence = fence;
      this.updatedAt = updatedAt;
      Instant keep = updatedAt.plus(FENCE_RETENTION);
      for (Hold h : owners.values()) {
        keep = later(keep, h.expiresAt);
      }
      this.retainUntil = keep;
    }

    /** The record without holds that lapsed by {@code now}. */
    static Rec live(@Nullable Rec rec, Instant now) {
      if (rec == null) {
        return FREE;
      }
      TreeMap<String, Hold> owners = new TreeMap<>();
      rec.owners.forEach(
          (o, h) -> {
            if (h.expiresAt.isAfter(now)) {
              owners.put(o, h);
            }
          });
      if (owners.size() == rec.owners.size()) {
        return rec;
      }
      Rec out = new Rec(owners.isEmpty() ? null : rec.mode, owners, rec.fence, rec.updatedAt);
      return out;
    }

    LockInfo info(String resource) {
      Map<String, LockHold> holds = new TreeMap<>();
      Instant expires = updatedAt;
      for (Map.Entry<String, Hold> e : owners.entrySet()) {
        holds.put(e.getKey(), new LockHold(e.getValue().count, e.getValue().expiresAt));
        expires = later(expires, e.getValue().expiresAt);
      }
      return new LockInfo(
          resource, mode == null ? LockMode.EXCLUSIVE : mode, holds, fence, updatedAt, expires);
    }
  }
}
