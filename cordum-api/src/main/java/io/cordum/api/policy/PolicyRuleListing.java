package io.cordum.api.policy;

import java.util.List;

/**
 * The rules of the policy bundles, in evaluation order (bundles by priority, then {@code secops/}
 * before pack fragments before other ids, then by id; each bundle's rules in document order), each
 * with its source. A bundle whose content can not be read is reported in {@link #errors()} instead
 * of failing the whole listing.
 *
 * @param items the rules
 * @param errors the bundles that could not be read
 */
public record PolicyRuleListing(List<ListedRule> items, List<FragmentError> errors) {

  /** Copies the lists. */
  public PolicyRuleListing {
    items = List.copyOf(items);
    errors = List.copyOf(errors);
  }

  /**
   * A bundle whose rules could not be listed.
   *
   * @param fragmentId the bundle id
   * @param error what is wrong with its content
   */
  public record FragmentError(String fragmentId, String error) {}
}
