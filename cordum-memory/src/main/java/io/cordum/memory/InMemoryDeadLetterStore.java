package io.cordum.memory;

import io.cordum.api.Page;
import io.cordum.api.dlq.DeadLetterEntry;
import io.cordum.api.dlq.DeadLetterQuery;
import io.cordum.api.dlq.DeadLetterRetention;
import io.cordum.api.dlq.DeadLetterStore;
import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link DeadLetterStore} held in this JVM: entries by job id and an index ordered by (creation
 * time, job id), both under one lock (the queue is small and written only when a job fails, so one
 * lock costs nothing and makes claim and trim trivially atomic). Every operation first drops
 * entries older than the retention's maximum age, by the injected clock; adds trim the oldest
 * beyond the maximum count.
 */
public final class InMemoryDeadLetterStore implements DeadLetterStore {
  private final InstantSource clock;
  private final DeadLetterRetention retention;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, DeadLetterEntry> entries = new HashMap<>();
  private final TreeSet<IndexKey> index = new TreeSet<>();

  /** A store with the default retention. */
  public InMemoryDeadLetterStore(InstantSource clock) {
    this(clock, DeadLetterRetention.DEFAULT);
  }

  /** A store with the given retention. */
  public InMemoryDeadLetterStore(InstantSource clock, DeadLetterRetention retention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public void add(DeadLetterEntry entry) {
    String id = Args.jobId(entry.jobId().trim());
    DeadLetterEntry e =
        entry.toBuilder().jobId(id).createdAt(Micros.floor(entry.createdAt())).build();
    lock.lock();
    try {
      removeLocked(id);
      entries.put(id, e);
      index.add(IndexKey.of(e.createdAt(), id));
      trimLocked();
      while (index.size() > retention.maxEntries()) {
        removeLocked(index.first().id());
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<DeadLetterEntry> get(String jobId) {
    String id = Args.jobId(jobId.trim());
    lock.lock();
    try {
      trimLocked();
      return Optional.ofNullable(entries.get(id));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page<DeadLetterEntry> list(DeadLetterQuery query) {
    lock.lock();
    try {
      trimLocked();
      Iterator<IndexKey> it =
          query.cursor() == null
              ? index.descendingIterator()
              : index.headSet(IndexKey.decode(query.cursor()), false).descendingIterator();
      List<DeadLetterEntry> items = new ArrayList<>();
      IndexKey last = null;
      while (it.hasNext()) {
        IndexKey k = it.next();
        DeadLetterEntry e = entries.get(k.id());
        if (e == null || !query.matches(e)) {
          continue;
        }
        if (items.size() == query.limit()) {
          return new Page<>(items, IndexKey.encode(Objects.requireNonNull(last)));
        }
        items.add(e);
        last = k;
      }
      return new Page<>(items, null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String jobId) {
    return claim(jobId).isPresent();
  }

  @Override
  public Optional<DeadLetterEntry> claim(String jobId) {
    String id = Args.jobId(jobId.trim());
    lock.lock();
    try {
      trimLocked();
      return Optional.ofNullable(removeLocked(id));
    } finally {
      lock.unlock();
    }
  }

  private DeadLetterEntry removeLocked(String id) {
    DeadLetterEntry old = entries.remove(id);
    if (old != null) {
      index.remove(IndexKey.of(old.createdAt(), id));
    }
    return old;
  }

  /** Drops entries created at or before now minus the maximum age. */
  private void trimLocked() {
    Instant cutoff = Micros.now(clock).minus(retention.maxAge());
    long limit = Micros.of(cutoff);
    while (!index.isEmpty() && index.first().micros() <= limit) {
      removeLocked(index.first().id());
    }
  }
}
