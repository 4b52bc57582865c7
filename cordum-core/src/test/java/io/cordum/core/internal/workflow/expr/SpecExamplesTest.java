package io.cordum.core.internal.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec 40 §4.7 (every example) and the expression cases of §8 (7, 10, 15, 17, 25, 26). */
class SpecExamplesTest {

  /**
   * The §4.7 scope. {@code n} is given both as a Long (as Java code builds it) and as a Double (as
   * a JSON round trip through the original's store would leave it): results must not differ.
   */
  static Map<String, Object> scope(Object n) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("allow", true);
    input.put("n", n);
    input.put("s", "5");
    input.put("tier", "prod");
    input.put("items", List.of("a", "b"));
    Map<String, Object> steps = Map.of("c", Map.of("output", true));
    return Map.of("input", input, "ctx", Map.of("steps", steps), "steps", steps);
  }

  static Stream<Arguments> examples() {
    Object[][] table = {
      {"true", true},
      {"42", 42L}, // the original gives 42.0 (float64); whole-number literals are Long here
      {"'hi'", "hi"},
      {"input.tier == 'prod'", true},
      {"input.n > 3", true},
      {"input.n >= 5", true},
      {"input.n < 5", false},
      {"input.s == 5", true},
      {"input.s > 4", false}, // typed on the left: string vs number orders as false
      {"4 < input.s", true},
      {"length(input.items)", 2L},
      {"length(input.items) == 2", true},
      {"first(input.items)", "a"},
      {"first(input.missing)", null},
      {"input.missing", null},
      {"input.missing == null", true},
      {"!input.allow", false},
      {"!input.missing", true},
      {"steps.c.output == true", true},
      {"ctx.steps.c.output", true},
      {"input.items.0", null}, // a dot never indexes an array
      {"input.n == 'abc'", false},
      {"0 == 'abc'", true}, // a non-numeric string compares as 0 against a number
    };
    List<Arguments> out = new ArrayList<>();
    for (Object n : List.of(5L, 5.0)) {
      for (Object[] row : table) {
        out.add(arguments(row[0], row[1], n));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[n={2}] {0} -> {1}")
  @MethodSource("examples")
  void section47Examples(String expression, Object expected, Object n) {
    assertThat(Expression.parse(expression).evaluate(scope(n))).isEqualTo(expected);
  }

  @Test
  void emptyExpressionIsAnError() {
    assertThatThrownBy(() -> Expression.parse(""))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).isZero();
              assertThat(e.detail()).isEqualTo("empty expression");
            });
    assertThatThrownBy(() -> Expression.parse("   "))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessageContaining("empty expression");
    // The quoted empty string is a literal, not the empty expression.
    assertThat(Expression.parse("\"\"").evaluate(Map.of())).isEqualTo("");
  }

  @Test
  void section47Templates() {
    Map<String, Object> scope = scope(5.0);
    assertThat(Template.parse("${input.items}").render(scope)).isEqualTo(List.of("a", "b"));
    assertThat(Template.parse("n=${input.n}, x=${input.missing}").render(scope))
        .isEqualTo("n=5, x=");
    assertThatThrownBy(() -> Template.parse("${input.tier"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).isZero();
              assertThat(e.detail()).contains("unterminated template expression");
              assertThat(e.source()).isEqualTo("${input.tier");
            });
  }

  /** §8 case 25 EvalLiteralsAndPaths. */
  @Test
  void case25LiteralsAndPaths() {
    Map<String, Object> scope =
        Map.of("foo", Map.of("bar", 10), "str", "hello", "arr", List.of(1, 2, 3));
    assertThat(eval("true", scope)).isEqualTo(true);
    assertThat(eval("false", scope)).isEqualTo(false);
    assertThat(eval("42", scope)).isEqualTo(42L);
    assertThat(eval("'hi'", scope)).isEqualTo("hi");
    assertThat(eval("foo.bar", scope)).isEqualTo(10L); // an Integer in the scope reads as Long
    assertThat(eval("str", scope)).isEqualTo("hello");
    assertThat(eval("length(arr)", scope)).isEqualTo(3L);
    assertThat(eval("first(arr)", scope)).isEqualTo(1L);
    assertThat(eval("foo.bar == 10", scope)).isEqualTo(true);
    assertThat(eval("foo.bar > 5", scope)).isEqualTo(true);
    assertThat(eval("foo.bar < 5", scope)).isEqualTo(false);
    assertThat(eval("!false", scope)).isEqualTo(true);
  }

  /** §8 case 26 EvalCompareStrings. */
  @Test
  void case26CompareStrings() {
    assertThat(eval("env.tier == 'prod'", Map.of("env", Map.of("tier", "prod")))).isEqualTo(true);
  }

  /** §8 case 7 ConditionStepEvaluates: a condition's value made boolean by truthiness. */
  @Test
  void case7ConditionIsTruthy() {
    assertThat(Expression.parse("input.allow").test(Map.of("input", Map.of("allow", true))))
        .isTrue();
    assertThat(Expression.parse("input.allow").test(Map.of("input", Map.of()))).isFalse();
  }

  /** §8 case 10 EvalForEachVariants. */
  @Test
  void case10ForEachVariants() {
    Map<String, Object> scope =
        Map.of("input", Map.of("items", List.of("a", "b"), "obj", Map.of("k", 1)));
    assertThat(Expression.parse("input.items").evaluateList(scope)).isEqualTo(List.of("a", "b"));
    assertThat(Expression.parse("input.missing").evaluateList(scope)).isEmpty();
    assertThatThrownBy(() -> Expression.parse("input.obj").evaluateList(scope))
        .isInstanceOfSatisfying(
            ExpressionEvaluationException.class,
            e -> {
              assertThat(e)
                  .hasMessageContaining("for_each expression must return array")
                  .hasMessageContaining("object");
              assertThat(e.type()).isEqualTo("expression_evaluation_failed");
              assertThat(e.source()).isEqualTo("input.obj");
            });
  }

  /** §8 case 15 TemplateEvaluationInStepInput. */
  @Test
  void case15TemplatesInStepInput() {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("a", "${input.foo}");
    input.put("b", "hello ${input.foo}");
    Object rendered = Template.renderTree(input, Map.of("input", Map.of("foo", "bar")));
    assertThat(rendered).isEqualTo(Map.of("a", "bar", "b", "hello bar"));
  }

  /** §8 case 17 EvalTemplateString: whole value, interpolation, unterminated. */
  @Test
  void case17TemplateString() {
    Map<String, Object> scope = Map.of("input", Map.of("list", Arrays.asList(1, 2), "x", "y"));
    assertThat(Template.parse("${input.list}").render(scope)).isEqualTo(List.of(1, 2));
    assertThat(Template.parse("x=${input.x}!").render(scope)).isEqualTo("x=y!");
    assertThatThrownBy(() -> Template.parse("x=${input.x"))
        .isInstanceOf(ExpressionSyntaxException.class)
        .hasMessageContaining("unterminated template expression");
  }

  private static Object eval(String expression, Map<String, ?> scope) {
    return Expression.parse(expression).evaluate(scope);
  }
}
