package io.cordum.client.model;

/**
 * A rollback's answer.
 *
 * @param snapshotBefore the snapshot taken before
 * @param snapshotAfter the snapshot taken after
 * @param rollbackTo the snapshot restored
 */
public record RollbackResult(String snapshotBefore, String snapshotAfter, String rollbackTo) {
  /** Normalizes nulls. */
  public RollbackResult {
    snapshotBefore = Norm.s(snapshotBefore);
    snapshotAfter = Norm.s(snapshotAfter);
    rollbackTo = Norm.s(rollbackTo);
  }
}
