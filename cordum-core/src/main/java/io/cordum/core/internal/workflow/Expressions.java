package io.cordum.core.internal.workflow;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.workflow.StepDefinition;
import io.cordum.api.workflow.StepType;
import io.cordum.core.internal.workflow.expr.Expression;
import io.cordum.core.internal.workflow.expr.Template;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The engine's bridge to the expression language ({@code ${...}} templates, conditions). */
final class Expressions {
  private static final int CACHE_LIMIT = 4096;
  private static final Map<String, Expression> CACHE = new ConcurrentHashMap<>();

  private Expressions() {}

  static Expression parse(String source) {
    Expression e = CACHE.get(source);
    if (e == null) {
      e = Expression.parse(source);
      if (CACHE.size() < CACHE_LIMIT) {
        CACHE.put(source, e);
      }
    }
    return e;
  }

  static @Nullable Object evaluate(String source, Map<String, ?> scope) {
    return parse(source).evaluate(scope);
  }

  static boolean test(String source, Map<String, ?> scope) {
    return parse(source).test(scope);
  }

  static List<?> list(String source, Map<String, ?> scope) {
    return parse(source).evaluateList(scope);
  }

  static @Nullable Object render(@Nullable Object tree, Map<String, ?> scope) {
    return Template.renderTree(tree, scope);
  }

  /** Checks a step's condition, for_each and input templates; one violation per bad field. */
  static void check(StepDefinition s, String p, List<Violation> errors) {
    if (!s.condition().isBlank()) {
      syntax(() -> Expression.parse(s.condition()), p + "condition", errors);
    }
    if (!s.forEach().isBlank() && s.type().isJob()) {
      syntax(() -> Expression.parse(s.forEach()), p + "for_each", errors);
    }
    if (!s.input().isEmpty()) {
      syntax(() -> Template.validateTree(s.input()), p + "input", errors);
    }
    if (s.type() == StepType.NOTIFY && s.input().isEmpty() && s.name().contains("${")) {
      syntax(() -> Template.parse(s.name()), p + "name", errors);
    }
  }

  private static void syntax(Runnable r, String field, List<Violation> errors) {
    try {
      r.run();
    } catch (ValidationException e) {
      errors.add(new Violation(field, e.getMessage()));
    }
  }
}
