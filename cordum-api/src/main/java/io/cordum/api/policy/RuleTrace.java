package io.cordum.api.policy;

/**
 * One step of an explanation: a rule or guard, whether it matched, and why.
 *
 * @param ruleId the rule id (guards use ids such as {@code guard:tenant-mcp})
 * @param source where the rule comes from: {@code base} or {@code bundle:<id>}, or {@code guard}
 * @param matched whether it matched
 * @param decisive whether this step decided the outcome
 * @param detail why it matched or, for a miss, the first criterion that failed, such as {@code
 *     topics: "job.a" matches none of [job.db.*]}
 */
public record RuleTrace(
    String ruleId, String source, boolean matched, boolean decisive, String detail) {}
