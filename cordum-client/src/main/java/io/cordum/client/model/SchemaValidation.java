package io.cordum.client.model;

import java.util.List;

/**
 * The outcome of validating a document against a registered schema: every violation, not only the
 * first.
 *
 * @param valid whether the document passes
 * @param errors the violations
 */
public record SchemaValidation(boolean valid, List<Violation> errors) {
  /** Normalizes nulls. */
  public SchemaValidation {
    errors = Norm.list(errors);
  }

  /**
   * One violation.
   *
   * @param path where, as a JSON path such as {@code $.items[0].name}
   * @param keyword the schema keyword broken, such as {@code required}
   * @param message what is wrong
   */
  public record Violation(String path, String keyword, String message) {
    /** Normalizes nulls. */
    public Violation {
      path = Norm.s(path);
      keyword = Norm.s(keyword);
      message = Norm.s(message);
    }
  }
}
