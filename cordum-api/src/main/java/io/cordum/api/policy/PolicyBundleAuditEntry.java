package io.cordum.api.policy;

import java.time.Instant;
import java.util.List;

/**
 * One change to the policy bundles, as kept in the bounded audit log.
 *
 * @param id unique id of the entry
 * @param action {@code put}, {@code delete}, {@code publish}, {@code rollback} or {@code snapshot}
 * @param actor who made the change
 * @param role the actor's role when they made it (such as {@code admin}); {@code ""} if unknown
 * @param bundleIds the bundles changed
 * @param message the change message
 * @param note a free-form note, kept apart from the message
 * @param snapshotBefore the snapshot of the bundles before the change ({@code ""} if none)
 * @param snapshotAfter the snapshot after it ({@code ""} if none)
 * @param createdAt when
 */
public record PolicyBundleAuditEntry(
    String id,
    String action,
    String actor,
    String role,
    List<String> bundleIds,
    String message,
    String note,
    String snapshotBefore,
    String snapshotAfter,
    Instant createdAt) {

  /** Copies the list and turns null strings into empty ones. */
  public PolicyBundleAuditEntry {
    actor = actor == null ? "" : actor;
    role = role == null ? "" : role;
    message = message == null ? "" : message;
    note = note == null ? "" : note;
    snapshotBefore = snapshotBefore == null ? "" : snapshotBefore;
    snapshotAfter = snapshotAfter == null ? "" : snapshotAfter;
    bundleIds = List.copyOf(bundleIds);
  }

  /** An entry without role or note. */
  public PolicyBundleAuditEntry(
      String id,
      String action,
      String actor,
      List<String> bundleIds,
      String message,
      String snapshotBefore,
      String snapshotAfter,
      Instant createdAt) {
    this(id, action, actor, "", bundleIds, message, "", snapshotBefore, snapshotAfter, createdAt);
  }
}
