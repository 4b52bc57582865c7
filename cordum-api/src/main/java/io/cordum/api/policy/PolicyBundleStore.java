package io.cordum.api.policy;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Persists policy bundles, their snapshots and their audit log.
 *
 * <p>Contract, the same on every implementation (checked by the testkit's {@code
 * PolicyBundleStoreContract}):
 *
 * <ul>
 *   <li>A new store reads as {@link PolicyBundleSet#EMPTY} (version 0, no bundles).
 *   <li>{@link #commit} is atomic and compare-and-set: it replaces every bundle, prepends the
 *       snapshots and the audit entry, and increases the version by one, all together, only if the
 *       stored version is still {@code expectedVersion}; otherwise it throws {@link
 *       io.cordum.api.ConflictException} and writes nothing. So two administrators never lose each
 *       other's edits: the second writer re-reads and tries again.
 *   <li>Snapshots and audit entries are kept newest first, bounded (the oldest dropped first); the
 *       bounds are settings of the implementation.
 *   <li>A backend failure throws {@link io.cordum.api.BackendException}.
 * </ul>
 */
public interface PolicyBundleStore {

  /** All bundles with their version. */
  PolicyBundleSet read();

  /**
   * Replaces all bundles by compare-and-set.
   *
   * @param expectedVersion the version the caller read
   * @param bundles the new bundles by id (a missing id is deleted)
   * @param snapshots snapshots to prepend, oldest first (may be empty)
   * @param audit an audit entry to prepend, or {@code null}
   * @return the stored set (version {@code expectedVersion + 1})
   * @throws io.cordum.api.ConflictException if the stored version is not {@code expectedVersion}
   */
  PolicyBundleSet commit(
      long expectedVersion,
      java.util.Map<String, PolicyBundle> bundles,
      List<PolicyBundleSnapshot> snapshots,
      @Nullable PolicyBundleAuditEntry audit);

  /** Prepends a snapshot (and an audit entry, if given) without changing the bundles. */
  void addSnapshot(PolicyBundleSnapshot snapshot, @Nullable PolicyBundleAuditEntry audit);

  /** The snapshots, newest first. */
  List<PolicyBundleSnapshot> snapshots();

  /** A snapshot by id. */
  Optional<PolicyBundleSnapshot> snapshot(String id);

  /** The newest audit entries, newest first, at most {@code limit}. */
  List<PolicyBundleAuditEntry> audit(int limit);
}
