package io.cordum.client.model;

/**
 * One rule the safety kernel tried, in an explanation.
 *
 * @param ruleId the rule
 * @param source where it comes from (base policy or a bundle)
 * @param matched whether it matched
 * @param decisive whether it decided
 * @param detail why it matched or not
 */
public record RuleTrace(
    String ruleId, String source, boolean matched, boolean decisive, String detail) {
  /** Normalizes nulls. */
  public RuleTrace {
    ruleId = Norm.s(ruleId);
    source = Norm.s(source);
    detail = Norm.s(detail);
  }
}
