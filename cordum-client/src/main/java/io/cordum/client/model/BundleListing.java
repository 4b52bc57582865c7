package io.cordum.client.model;

import java.util.List;
import java.util.Map;

/**
 * The policy bundles ({@code GET /api/v1/policy/bundles}).
 *
 * @param bundles every bundle by id, with its content
 * @param items a summary of each
 * @param updatedAt when the set last changed (RFC 3339), or {@code ""}
 */
public record BundleListing(
    Map<String, PolicyBundle> bundles, List<BundleSummary> items, String updatedAt) {
  /** Normalizes nulls. */
  public BundleListing {
    bundles = Norm.map(bundles);
    items = Norm.list(items);
    updatedAt = Norm.s(updatedAt);
  }
}
