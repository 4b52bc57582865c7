package io.cordum.core.internal.policy;

import io.cordum.api.policy.PolicyAuditRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kernel's audit trail: a bounded in-memory ring, plus an optional sink and a debug log. */
final class DecisionAudit {
  private static final Logger log = LoggerFactory.getLogger("io.cordum.policy.audit");

  private final int capacity;
  private final @Nullable Consumer<PolicyAuditRecord> sink;
  private final ArrayDeque<PolicyAuditRecord> ring = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();

  DecisionAudit(int capacity, @Nullable Consumer<PolicyAuditRecord> sink) {
    this.capacity = capacity;
    this.sink = sink;
  }

  void record(PolicyAuditRecord r) {
    lock.lock();
    try {
      if (ring.size() >= capacity) {
        ring.removeLast();
      }
      ring.addFirst(r);
    } finally {
      lock.unlock();
    }
    if (log.isDebugEnabled()) {
      log.debug(
          "policy {} job={} decision={} rule={} snapshot={} reason={}",
          r.operation(),
          r.jobId(),
          r.decision(),
          r.ruleId(),
          r.snapshot(),
          r.reason());
    }
    if (sink != null) {
      try {
        sink.accept(r);
      } catch (RuntimeException e) {
        log.warn("policy audit sink failed: {}", e.toString());
      }
    }
  }

  List<PolicyAuditRecord> recent(int limit) {
    lock.lock();
    try {
      List<PolicyAuditRecord> out = new ArrayList<>(Math.min(limit, ring.size()));
      Iterator<PolicyAuditRecord> it = ring.iterator();
      while (it.hasNext() && out.size() < limit) {
        out.add(it.next());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }
}
