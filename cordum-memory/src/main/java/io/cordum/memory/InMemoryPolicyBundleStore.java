package io.cordum.memory;

import io.cordum.api.ConflictException;
import io.cordum.api.internal.store.Micros;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleSet;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.api.policy.PolicyBundleStore;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link PolicyBundleStore} held in this JVM: one lock around the bundle set, the snapshot list
 * and the audit log, so every commit is atomic and compare-and-set on the version.
 */
public final class InMemoryPolicyBundleStore implements PolicyBundleStore {
  /** Snapshots kept by default. */
  public static final int DEFAULT_SNAPSHOTS = 50;

  /** Audit entries kept by default. */
  public static final int DEFAULT_AUDIT = 1000;

  private final InstantSource clock;
  private final int snapshotLimit;
  private final int auditLimit;
  private final ReentrantLock lock = new ReentrantLock();
  private PolicyBundleSet current = PolicyBundleSet.EMPTY;
  private final ArrayDeque<PolicyBundleSnapshot> snapshots = new ArrayDeque<>();
  private final ArrayDeque<PolicyBundleAuditEntry> audit = new ArrayDeque<>();

  /** A store keeping {@value #DEFAULT_SNAPSHOTS} snapshots and {@value #DEFAULT_AUDIT} entries. */
  public InMemoryPolicyBundleStore(InstantSource clock) {
    this(clock, DEFAULT_SNAPSHOTS, DEFAULT_AUDIT);
  }

  /** A store with the given bounds. */
  public InMemoryPolicyBundleStore(InstantSource clock, int snapshotLimit, int auditLimit) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (snapshotLimit < 1 || auditLimit < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
    this.snapshotLimit = snapshotLimit;
    this.auditLimit = auditLimit;
  }

  @Override
  public PolicyBundleSet read() {
    lock.lock();
    try {
      return current;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public PolicyBundleSet commit(
      long expectedVersion,
      Map<String, PolicyBundle> bundles,
      List<PolicyBundleSnapshot> newSnapshots,
      @Nullable PolicyBundleAuditEntry entry) {
    lock.lock();
    try {
      if (current.version() != expectedVersion) {
        throw new ConflictException(
            "policy bundles are at version "
                + current.version()
                + ", not "
                + expectedVersion
                + "; re-read and retry");
      }
      current = new PolicyBundleSet(expectedVersion + 1, bundles, Micros.now(clock));
      newSnapshots.forEach(this::pushSnapshot);
      if (entry != null) {
        pushAudit(entry);
      }
      return current;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void addSnapshot(PolicyBundleSnapshot snapshot, @Nullable PolicyBundleAuditEntry entry) {
    lock.lock();
    try {
      pushSnapshot(snapshot);
      if (entry != null) {
        pushAudit(entry);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<PolicyBundleSnapshot> snapshots() {
    lock.lock();
    try {
      return List.copyOf(snapshots);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<PolicyBundleSnapshot> snapshot(String id) {
    lock.lock();
    try {
      return snapshots.stream().filter(s -> s.id().equals(id)).findFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<PolicyBundleAuditEntry> audit(int limit) {
    lock.lock();
    try {
      List<PolicyBundleAuditEntry> out = new ArrayList<>();
      for (PolicyBundleAuditEntry e : audit) {
        if (out.size() >= limit) {
          break;
        }
        out.add(e);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private void pushSnapshot(PolicyBundleSnapshot s) {
    snapshots.addFirst(s);
    while (snapshots.size() > snapshotLimit) {
      snapshots.removeLast();
    }
  }

  private void pushAudit(PolicyBundleAuditEntry e) {
    audit.addFirst(e);
    while (audit.size() > auditLimit) {
      audit.removeLast();
    }
  }
}
