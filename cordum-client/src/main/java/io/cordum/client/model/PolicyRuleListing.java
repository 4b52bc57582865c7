package io.cordum.client.model;

import java.util.List;
import java.util.Map;

/**
 * Every rule of every bundle, as authored, with its source ({@code GET /api/v1/policy/rules}).
 *
 * @param items the rules: each is the rule's own fields plus {@code id}, {@code enabled} and {@code
 *     source}
 * @param errors bundles that could not be read
 */
public record PolicyRuleListing(List<Map<String, Object>> items, List<BundleError> errors) {
  /** Normalizes nulls. */
  public PolicyRuleListing {
    items = Norm.list(items);
    errors = Norm.list(errors);
  }

  /**
   * A bundle that could not be read.
   *
   * @param fragmentId the bundle
   * @param error why
   */
  public record BundleError(String fragmentId, String error) {
    /** Normalizes nulls. */
    public BundleError {
      fragmentId = Norm.s(fragmentId);
      error = Norm.s(error);
    }
  }
}
