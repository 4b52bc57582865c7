package io.cordum.memory;

import io.cordum.api.internal.store.Args;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.schema.SchemaEntry;
import io.cordum.api.schema.SchemaStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SchemaStore} held in this JVM: a map of entries and a listing ordered by registration
 * time (newest first, ties in reverse id order, as Redis's {@code ZREVRANGE} orders them), both
 * changed under one lock.
 */
public final class InMemorySchemaStore implements SchemaStore {
  private static final Comparator<SchemaEntry> NEWEST_FIRST =
      Comparator.comparing(SchemaEntry::registeredAt, Comparator.reverseOrder())
          .thenComparing(SchemaEntry::id, Comparator.reverseOrder());

  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, SchemaEntry> byId = new HashMap<>();
  private final TreeSet<SchemaEntry> listing = new TreeSet<>(NEWEST_FIRST);

  /** A store that takes the time from {@code clock}. */
  public InMemorySchemaStore(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SchemaEntry put(String id, String body) {
    Args.nonBlank(id, "id");
    Args.nonBlank(body, "schema");
    Instant now = Micros.now(clock);
    lock.lock();
    try {
      SchemaEntry old = byId.get(id);
      SchemaEntry next = new SchemaEntry(id, body, old == null ? 1 : old.revision() + 1, now);
      if (old != null) {
        listing.remove(old);
      }
      byId.put(id, next);
      listing.add(next);
      return next;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<SchemaEntry> get(String id) {
    lock.lock();
    try {
      return Optional.ofNullable(byId.get(id));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(String id) {
    lock.lock();
    try {
      SchemaEntry old = byId.remove(id);
      if (old == null) {
        return false;
      }
      listing.remove(old);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<String> list(int limit) {
    Args.positive(limit, "limit");
    lock.lock();
    try {
      List<String> out = new ArrayList<>(Math.min(limit, listing.size()));
      for (SchemaEntry e : listing) {
        if (out.size() == limit) {
          break;
        }
        out.add(e.id());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }
}
