package io.cordum.api.policy;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One policy rule as authored in a bundle, with where it comes from: an item of {@link
 * PolicyRuleListing}.
 *
 * @param id the rule id ({@code legacy:<tenant>:allow|deny:<n>} for a rule synthesized from a
 *     legacy {@code tenants} section)
 * @param rule the rule as written (the generic YAML/JSON tree: {@code id}, {@code match}, {@code
 *     decision}, {@code reason}, {@code constraints}, {@code remediations}, ...)
 * @param enabled whether its bundle is enabled (only enabled bundles are evaluated)
 * @param source the bundle it comes from
 */
public record ListedRule(String id, Map<String, Object> rule, boolean enabled, Source source) {

  /** Copies the tree's top level (unmodifiable). */
  public ListedRule {
    id = id == null ? "" : id;
    rule = Collections.unmodifiableMap(new LinkedHashMap<>(rule));
  }

  /**
   * The bundle (policy fragment) a rule comes from.
   *
   * @param fragmentId the bundle id, such as {@code secops/prod} or {@code mypack/default}
   * @param packId the text before the first {@code /} of the id ({@code ""} without one)
   * @param overlayName the rest of the id after the first {@code /} (the whole id without one)
   * @param kind {@code secops}, {@code pack} or {@code core} (see Cordum's bundle ids)
   * @param version the bundle's version (increases with every edit)
   * @param installedAt when the bundle was first stored, if known
   * @param updatedAt when it was last changed, if known
   * @param sha256 hex SHA-256 of the bundle's content
   */
  public record Source(
      String fragmentId,
      String packId,
      String overlayName,
      String kind,
      long version,
      @Nullable Instant installedAt,
      @Nullable Instant updatedAt,
      String sha256) {}
}
