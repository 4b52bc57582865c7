package io.cordum.core.internal.workflow.expr;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A parsed expression: the text inside {@code ${...}}, or a bare condition such as a step's {@code
 * condition} or {@code for_each}. The grammar is in the {@linkplain io.cordum.core.workflow.expr
 * package documentation}.
 *
 * <pre>{@code
 * Expression gate = Expression.parse("input.mode == 'full' && length(input.files) > 0");
 * boolean run = gate.test(Map.of("input", input));
 * }</pre>
 *
 * <p>Immutable and thread-safe: parse once, evaluate from any thread against any scope. Evaluation
 * never throws for missing data: a path that does not resolve is {@code null}.
 */
public final class Expression {
  private final String source;
  private final Node root;
  private final Set<String> roots;

  private Expression(String source, Node root) {
    this.source = source;
    this.root = root;
    this.roots = Evaluator.roots(root);
  }

  /**
   * Parses an expression.
   *
   * @param source the expression text, such as {@code steps.check.output == true}
   * @return the parsed expression
   * @throws ExpressionSyntaxException when the text is empty or not valid; the exception gives the
   *     0-based position and what was expected there
   */
  public static Expression parse(String source) {
    Objects.requireNonNull(source, "source");
    return new Expression(source, Parser.parse(source));
  }

  /**
   * Evaluates the expression. The scope maps root names (such as {@code input}, {@code ctx}, {@code
   * steps}, {@code item}) to values; nested values may be maps, lists, strings, numbers, booleans
   * or null.
   *
   * @param scope the root values; not modified
   * @return {@code null}, a Boolean (comparisons, {@code !}, {@code &&}, {@code ||}), a Long
   *     (whole-number literals, {@code length}), a Double, a String, or a List or Map from the
   *     scope as stored; scalar numbers from the scope are returned as Long or Double
   */
  public @Nullable Object evaluate(Map<String, ?> scope) {
    Objects.requireNonNull(scope, "scope");
    return Evaluator.evaluate(root, scope);
  }

  /**
   * Evaluates the expression and applies truthiness: null, false, {@code ""}, 0 and 0.0 are false;
   * everything else, including empty arrays and objects, is true.
   *
   * @param scope the root values
   * @return whether the value is truthy
   */
  public boolean test(Map<String, ?> scope) {
    return Values.truthy(evaluate(scope));
  }

  /**
   * Evaluates a {@code for_each} expression: an array is returned as it is, null (or a missing
   * path) as an empty list.
   *
   * @param scope the root values
   * @return the elements to fan out over
   * @throws ExpressionEvaluationException when the value is neither an array nor null
   */
  public List<?> evaluateList(Map<String, ?> scope) {
    Object value = evaluate(scope);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new ExpressionEvaluationException(
        source, "for_each expression must return array, but it returned " + Values.typeName(value));
  }

  /** The text this expression was parsed from. */
  public String source() {
    return source;
  }

  /**
   * The root names of every path in the expression, in order of first appearance, for example
   * {@code [input, steps]} for {@code input.n > 3 && steps.a.output}. Literals and function names
   * are not included.
   */
  public Set<String> roots() {
    return roots;
  }

  /** Two expressions are equal when their source texts are. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Expression e && e.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
