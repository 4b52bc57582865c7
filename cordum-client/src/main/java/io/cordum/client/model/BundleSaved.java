package io.cordum.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A bundle write's answer.
 *
 * @param id the bundle
 * @param updatedAt when it was written
 * @param version its new version
 */
public record BundleSaved(String id, @Nullable Instant updatedAt, long version) {
  /** Normalizes nulls. */
  public BundleSaved {
    id = Norm.s(id);
  }
}
