package io.cordum.memory;

import io.cordum.api.audit.AuditEntry;
import io.cordum.api.audit.AuditStore;
import io.cordum.api.internal.store.Args;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuditStore} held in this JVM: the newest entries overall and per tenant, each list
 * bounded by the capacity, under one lock.
 */
public final class InMemoryAuditStore implements AuditStore {
  /** The default capacity, overall and per tenant. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<AuditEntry> all = new ArrayDeque<>();
  private final Map<String, ArrayDeque<AuditEntry>> byTenant = new HashMap<>();

  /** A store of {@link #DEFAULT_CAPACITY} entries. */
  public InMemoryAuditStore() {
    this(DEFAULT_CAPACITY);
  }

  /** A store that keeps the newest {@code capacity} entries overall and per tenant. */
  public InMemoryAuditStore(int capacity) {
    this.capacity = Args.positive(capacity, "capacity");
  }

  @Override
  public void append(AuditEntry entry) {
    lock.lock();
    try {
      push(all, entry);
      if (!entry.tenant().isEmpty()) {
        push(byTenant.computeIfAbsent(entry.tenant(), t -> new ArrayDeque<>()), entry);
      }
    } finally {
      lock.unlock();
    }
  }

  private void push(ArrayDeque<AuditEntry> q, AuditEntry e) {
    if (q.size() == capacity) {
      q.removeLast();
    }
    q.addFirst(e);
  }

  @Override
  public List<AuditEntry> query(@Nullable String tenant, Predicate<AuditEntry> filter, int limit) {
    Args.positive(limit, "limit");
    lock.lock();
    try {
      ArrayDeque<AuditEntry> q = tenant == null ? all : byTenant.get(tenant);
      List<AuditEntry> out = new ArrayList<>();
      if (q != null) {
        for (AuditEntry e : q) {
          if (out.size() == limit) {
            break;
          }
          if (filter.test(e)) {
            out.add(e);
          }
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }
}
