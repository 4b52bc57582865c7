package io.cordum.client.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One change to the policy bundles ({@code GET /api/v1/policy/audit}).
 *
 * @param id its id
 * @param action {@code put}, {@code publish}, {@code rollback}, {@code snapshot}, ...
 * @param actorId who
 * @param role their role
 * @param bundleIds the bundles it touched
 * @param message their message
 * @param note their note
 * @param snapshotBefore the snapshot before
 * @param snapshotAfter the snapshot after
 * @param createdAt when
 */
public record PolicyAuditEntry(
    String id,
    String action,
    String actorId,
    String role,
    List<String> bundleIds,
    String message,
    String note,
    String snapshotBefore,
    String snapshotAfter,
    @Nullable Instant createdAt) {
  /** Normalizes nulls. */
  public PolicyAuditEntry {
    id = Norm.s(id);
    action = Norm.s(action);
    actorId = Norm.s(actorId);
    role = Norm.s(role);
    bundleIds = Norm.list(bundleIds);
    message = Norm.s(message);
    note = Norm.s(note);
    snapshotBefore = Norm.s(snapshotBefore);
    snapshotAfter = Norm.s(snapshotAfter);
  }
}
