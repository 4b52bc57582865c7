package io.cordum.memory;

import io.cordum.api.cap.Heartbeat;
import io.cordum.api.worker.WorkerInfo;
import io.cordum.api.worker.WorkerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WorkerRegistry} in one JVM's memory. Each heartbeat replaces the worker's entry and is
 * stamped with the clock's time; an entry whose age exceeds the TTL is no longer returned and is
 * purged by the next read or update (updates purge at most once per half TTL). A heartbeat with a
 * blank worker id is ignored, since no job could be routed to it.
 *
 * <p>Optionally, with a {@link ScheduledExecutorService}, a background sweep also purges stale
 * entries every TTL/2 so that a registry nobody reads does not keep dead workers; {@link #close()}
 * stops it (the scheduler itself belongs to the caller). Thread-safe; no call blocks.
 */
public final class InMemoryWorkerRegistry implements WorkerRegistry {
  /** The default time a worker stays live after its last heartbeat: 30 seconds. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(InMemoryWorkerRegistry.class);

  private final InstantSource clock;
  private final Duration ttl;
  private final Duration purgeInterval;
  private final Map<String, WorkerInfo> workers = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> nextPurge;
  private final @Nullable ScheduledFuture<?> sweep;

  /** A registry on the system clock with the {@linkplain #DEFAULT_TTL default TTL}. */
  public InMemoryWorkerRegistry() {
    this(InstantSource.system(), DEFAULT_TTL);
  }

  /**
   * A registry without a background sweep.
   *
   * @param clock the time source of receive times and expiry
   * @param ttl how long a worker stays live after its last heartbeat; positive
   */
  public InMemoryWorkerRegistry(InstantSource clock, Duration ttl) {
    this(clock, ttl, null);
  }

  /**
   * A registry that also sweeps stale entries every TTL/2 (in real time) on the given scheduler.
   *
   * @param clock the time source of receive times and expiry
   * @param ttl how long a worker stays live after its last heartbeat; positive
   * @param sweeper runs the sweep, or {@code null} for none; not shut down by {@link #close()}
   */
  public InMemoryWorkerRegistry(
      InstantSource clock, Duration ttl, @Nullable ScheduledExecutorService sweeper) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, but was " + ttl);
    }
    this.ttl = ttl;
    this.purgeInterval = ttl.dividedBy(2);
    this.nextPurge = new AtomicReference<>(clock.instant().plus(purgeInterval));
    if (sweeper == null) {
      this.sweep = null;
    } else {
      long periodNanos = Math.max(purgeInterval.toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
      this.sweep =
          sweeper.scheduleAtFixedRate(
              this::sweepQuietly, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The TTL of this registry. */
  public Duration ttl() {
    return ttl;
  }

  @Override
  public void update(Heartbeat heartbeat) {
    String id = heartbeat.workerId();
    if (id.isBlank()) {
      log.debug("ignored a heartbeat without a worker id (pool \"{}\")", heartbeat.pool());
      return;
    }
    Instant now = clock.instant();
    workers.put(id, new WorkerInfo(heartbeat, now));
    Instant due = nextPurge.get();
    if (!now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(purgeInterval))) {
      purgeExpired(now);
    }
  }

  @Override
  public Map<String, WorkerInfo> snapshot() {
    Instant now = clock.instant();
    Map<String, WorkerInfo> live = new TreeMap<>();
    workers.forEach(
        (id, info) -> {
          if (expired(info, now)) {
            workers.remove(id, info);
          } else {
            live.put(id, info);
          }
        });
    return Collections.unmodifiableMap(live);
  }

  @Override
  public List<WorkerInfo> workersForPool(String pool) {
    return snapshot().values().stream()
        .filter(w -> w.pool().equals(pool))
        .sorted(Comparator.comparing(WorkerInfo::workerId))
        .toList();
  }

  @Override
  public Optional<WorkerInfo> get(String workerId) {
    WorkerInfo info = workers.get(workerId);
    if (info == null) {
      return Optional.empty();
    }
    if (expired(info, clock.instant())) {
      workers.remove(workerId, info); // only if no fresher heartbeat replaced it meanwhile
      return Optional.empty();
    }
    return Optional.of(info);
  }

  @Override
  public boolean remove(String workerId) {
    WorkerInfo info = workers.remove(workerId);
    return info != null && !expired(info, clock.instant());
  }

  /** Stops the background sweep, if any. Idempotent. */
  @Override
  public void close() {
    if (sweep != null) {
      sweep.cancel(false);
    }
  }

  /** How many entries are stored, stale ones included (for tests of the purge). */
  int storedEntries() {
    return workers.size();
  }

  private boolean expired(WorkerInfo info, Instant now) {
    return info.lastSeen().plus(ttl).isBefore(now);
  }

  private void purgeExpired(Instant now) {
    workers.forEach(
        (id, info) -> {
          if (expired(info, now)) {
            workers.remove(id, info);
          }
        });
  }

  private void sweepQuietly() {
    try {
      purgeExpired(clock.instant());
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again; keep sweeping.
      log.warn("worker registry sweep failed", e);
    }
  }
}
