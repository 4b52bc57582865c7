package io.cordum.api.schema;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import java.util.List;

/**
 * The outcome of validating an instance against a JSON schema: every violation found, not only the
 * first.
 *
 * @param violations every violation, in the validator's order; empty when the instance is valid
 */
public record SchemaValidationResult(List<SchemaViolation> violations) {
  /** The result of a valid instance. */
  public static final SchemaValidationResult VALID = new SchemaValidationResult(List.of());

  /** Copies the list. */
  public SchemaValidationResult {
    violations = List.copyOf(violations);
  }

  /** Whether the instance is valid. */
  public boolean valid() {
    return violations.isEmpty();
  }

  /**
   * One line for logs and error messages: {@code "valid"}, or the first violation and how many more
   * there are.
   */
  public String summary() {
    if (violations.isEmpty()) {
      return "valid";
    }
    String first = violations.get(0).toString();
    return violations.size() == 1 ? first : first + " (and " + (violations.size() - 1) + " more)";
  }

  /**
   * Throws if the instance is invalid.
   *
   * @param root what to call the instance's root in the violations' fields, such as {@code input}:
   *     the path {@code $.a} becomes {@code input.a}
   * @throws ValidationException with one violation per schema violation, each naming the field and
   *     the rule (keyword and message)
   */
  public void orThrow(String root) {
    if (!violations.isEmpty()) {
      throw new ValidationException(toViolations(root));
    }
  }

  /** The violations as {@link Violation}s whose fields start with {@code root}. */
  public List<Violation> toViolations(String root) {
    return violations.stream()
        .map(v -> new Violation(field(root, v.path()), v.keyword() + ": " + v.message()))
        .toList();
  }

  private static String field(String root, String path) {
    if (!path.startsWith("$")) {
      return root + "." + path;
    }
    String rest = path.substring(1);
    return root.isEmpty() ? (rest.startsWith(".") ? rest.substring(1) : "$" + rest) : root + rest;
  }
}
