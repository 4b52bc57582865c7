package io.cordum.client.model;

import java.util.List;

/**
 * A publish's answer.
 *
 * @param snapshotBefore the snapshot taken before
 * @param snapshotAfter the snapshot taken after
 * @param published the bundles enabled
 */
public record PublishResult(String snapshotBefore, String snapshotAfter, List<String> published) {
  /** Normalizes nulls. */
  public PublishResult {
    snapshotBefore = Norm.s(snapshotBefore);
    snapshotAfter = Norm.s(snapshotAfter);
    published = Norm.list(published);
  }
}
