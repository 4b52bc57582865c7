package io.cordum.api.policy;

import java.util.List;
import java.util.Optional;

/**
 * Policy bundles as an administrator edits them: create, update and delete bundles with per-bundle
 * versions, publish, roll back to a snapshot, take snapshots, and read the audit of every change.
 * Obtained from {@code Cordum.policyBundles()}.
 *
 * <p>Every change is one compare-and-set on the stored bundle set together with its snapshots and
 * audit entry, so concurrent editors on any number of replicas never lose a change: an edit that
 * carries a stale version fails with {@link io.cordum.api.ConflictException}. Bundles are validated
 * before anything is written. After a change the local safety kernel reloads at once; other
 * replicas follow on their reload interval.
 */
public interface PolicyBundleService {

  /**
   * What a publish did.
   *
   * @param snapshotBefore snapshot of the bundles before ({@code ""} when there were none)
   * @param snapshotAfter snapshot after
   * @param published the bundle ids enabled
   */
  record PublishResult(String snapshotBefore, String snapshotAfter, List<String> published) {
    /** Copies the list. */
    public PublishResult {
      published = List.copyOf(published);
    }
  }

  /**
   * What a rollback did.
   *
   * @param snapshotBefore snapshot of the bundles before ({@code ""} when there were none)
   * @param snapshotAfter snapshot after
   * @param rolledBackTo the snapshot restored
   */
  record RollbackResult(String snapshotBefore, String snapshotAfter, String rolledBackTo) {}

  /** All bundles with the set's version. */
  PolicyBundleSet list();

  /**
   * The rules of the bundles as authored, in evaluation order, each with its source bundle.
   * Disabled bundles are left out unless {@code includeDisabled}; a bundle that can not be read is
   * an error entry.
   */
  PolicyRuleListing rules(boolean includeDisabled);

  /** One bundle. */
  Optional<PolicyBundle> get(String id);

  /**
   * Creates or updates a bundle. Pass the version you read ({@code 0} to create); content must be a
   * valid policy. {@code enabled} is taken as given (save drafts with {@code enabled=false}, then
   * {@link #publish}).
   *
   * @return the stored bundle (version increased)
   * @throws io.cordum.api.ConflictException if the bundle changed since {@code edit.version()} was
   *     read
   * @throws io.cordum.api.ValidationException if the id or the content is invalid
   */
  PolicyBundle put(PolicyBundle edit, String actor);

  /**
   * Like {@link #put(PolicyBundle, String)}, recording the actor's role and note in the audit
   * entry; the message is the change's, else the bundle's.
   */
  PolicyBundle put(PolicyBundle edit, PolicyChange change);

  /**
   * Deletes a bundle that still has the version the caller read.
   *
   * @throws io.cordum.api.NotFoundException if there is no such bundle
   * @throws io.cordum.api.ConflictException if it changed since
   */
  void delete(String id, long expectedVersion, String actor);

  /** Like {@link #delete(String, long, String)}, recording role, message and note. */
  void delete(String id, long expectedVersion, PolicyChange change);

  /**
   * Enables bundles: the given ids, or every {@code secops/...} bundle when none are given. Every
   * bundle that would be enabled is validated first; a failure writes nothing.
   *
   * @throws io.cordum.api.NotFoundException if a given id does not exist
   * @throws io.cordum.api.ValidationException if there is nothing to publish or a bundle is invalid
   */
  PublishResult publish(List<String> ids, String actor, String message);

  /**
   * Like {@link #publish(List, String, String)}, recording the actor's role and note in the audit
   * entry.
   */
  PublishResult publish(List<String> ids, PolicyChange change);

  /**
   * Restores the bundles of a snapshot. Pack fragments ({@code <pack>/<name>} ids) keep their
   * current state: they belong to installed packs, not to the snapshot. The restored bundles are
   * validated first and get new versions, so editors holding old versions see a conflict.
   *
   * @throws io.cordum.api.NotFoundException if the snapshot does not exist
   * @throws io.cordum.api.ValidationException if a restored enabled bundle is invalid
   */
  RollbackResult rollback(String snapshotId, String actor, String message);

  /**
   * Like {@link #rollback(String, String, String)}, recording the actor's role and note in the
   * audit entry.
   */
  RollbackResult rollback(String snapshotId, PolicyChange change);

  /** Takes a snapshot of the current bundles (even when there are none). */
  PolicyBundleSnapshot snapshot(String note, String actor);

  /**
   * Like {@link #snapshot(String, String)}: {@code note} is the snapshot's note (and the audit
   * entry's message unless the change has one); the change's role and note go to the audit.
   */
  PolicyBundleSnapshot snapshot(String note, PolicyChange change);

  /** The snapshots, newest first. */
  List<PolicyBundleSnapshot> snapshots();

  /** A snapshot by id. */
  Optional<PolicyBundleSnapshot> findSnapshot(String id);

  /** The newest audit entries, newest first. */
  List<PolicyBundleAuditEntry> audit(int limit);
}
