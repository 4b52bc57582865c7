package io.cordum.core.workflow;

import io.cordum.api.ValidationException.Violation;
import io.cordum.api.workflow.StepDefinition;
import java.util.List;

/** The engine's bridge to the expression language ({@code ${...}} templates, conditions). */
final class Expressions {
  private Expressions() {}

  /** Checks a step's condition, for_each and input templates; one violation per bad field. */
  static void check(StepDefinition s, String p, List<Violation> errors) {
    // Filled in once the expression package is merged.
  }
}
