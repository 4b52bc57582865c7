package io.cordum.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A saved copy of every bundle, to roll back to (listings leave {@code bundles} empty).
 *
 * @param id its id
 * @param createdAt when it was taken
 * @param note a note
 * @param bundles the bundles by id
 */
public record BundleSnapshot(
    String id, @Nullable Instant createdAt, String note, Map<String, PolicyBundle> bundles) {
  /** Normalizes nulls. */
  public BundleSnapshot {
    id = Norm.s(id);
    note = Norm.s(note);
    bundles = Norm.map(bundles);
  }
}
