package io.cordum.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was rejected. {@link #violations()} lists every problem found, each naming the field and
 * the rule it broke, so that a caller can fix all of them at once.
 *
 * <p>Not final: a subclass may carry more data about one kind of violation (for example the
 * position of a syntax error in an expression).
 */
public class ValidationException extends CordumException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** Creates the exception from one or more violations. */
  public ValidationException(List<Violation> violations) {
    super("validation_failed", describe(violations), false, null);
    this.violations = List.copyOf(violations);
  }

  /** Creates the exception for a single field. */
  public ValidationException(String field, String rule) {
    this(List.of(new Violation(field, rule)));
  }

  /** Every problem found, in the order they were found. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return "invalid input: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /**
   * One validation failure.
   *
   * @param field the path of the offending field, such as {@code job_request.topic}
   * @param rule what the field must satisfy, such as {@code must not be blank}
   */
  public record Violation(String field, String rule) {
    @Override
    public String toString() {
      return field + ": " + rule;
    }
  }
}
