package io.cordum.core.internal.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operators, precedence, paths, functions, truthiness and the deliberate differences. */
class ExpressionSemanticsTest {
  private static final Map<String, Object> SCOPE =
      Map.of(
          "input",
              Map.ofEntries(
                  Map.entry("n", 5L),
                  Map.entry("d", 2.5),
                  Map.entry("s", "5"),
                  Map.entry("t", true),
                  Map.entry("f", false),
                  Map.entry("zero", 0L),
                  Map.entry("empty", ""),
                  Map.entry("items", List.of("a", "b")),
                  Map.entry("nums", List.of(1L, 2.0, 3L)),
                  Map.entry("obj", Map.of("k", "v", "dotted.key", 1L, "0", "zero-key")),
                  Map.entry("rows", List.of(Map.of("id", "r1", "tags", List.of("x", "y"))))),
          "steps", Map.of("fan[0]", Map.of("output", "child0"), "plain", Map.of("output", 1L)));

  private static Object eval(String expression) {
    return Expression.parse(expression).evaluate(SCOPE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      true || false && false           => true
      (true || false) && false         => false
      !input.f && input.t              => true
      !(input.f && input.t)            => true
      !input.t || input.t              => true
      !input.n == 5                    => false
      (!input.n) == false              => true
      input.n == !input.f              => false
      input.n > 3 && input.n < 10      => true
      input.n > 3 && input.n > 10      => false
      input.n < 3 || input.s == '5'    => true
      input.n < 3 || input.s == '6'    => false
      input.t == true && !(input.n < 3 || input.f) => true
      input.n < 6 == true              => true
      input.t == input.n < 6           => true
      (((input.n)))  == 5              => true
      ! ! input.t                      => true
      """)
  void precedenceAndParentheses(String expression, boolean expected) {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @Test
  void andOrShortCircuitAndReturnBooleans() {
    Map<String, Object> scope = new ExplodingScope(Map.of("yes", 1L, "no", ""));
    assertThat(Expression.parse("no && boom").evaluate(scope)).isEqualTo(false);
    assertThat(Expression.parse("yes || boom").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("no && boom || yes").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("yes && 'x'").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("no || 0").evaluate(scope)).isEqualTo(false);
  }

  @Test
  void pathsWithDotsIndexesAndQuotedKeys() {
    assertThat(eval("input.items[1]")).isEqualTo("b");
    assertThat(eval("input.items[2]")).isNull();
    assertThat(eval("input.rows[0].id")).isEqualTo("r1");
    assertThat(eval("input.rows[0].tags[1]")).isEqualTo("y");
    assertThat(eval("input.obj['dotted.key']")).isEqualTo(1L);
    assertThat(eval("input[\"obj\"][\"k\"]")).isEqualTo("v");
    assertThat(eval("input.obj.0")).isEqualTo("zero-key"); // a key named "0" of an object
    assertThat(eval("input.obj[0]")).isNull(); // an index never reads an object key
    assertThat(eval("input.n.x")).isNull(); // walking into a scalar
    assertThat(eval("input.items.x")).isNull();
    assertThat(eval("nothing.at.all")).isNull();
    assertThat(eval("first(input.rows).tags[0]")).isEqualTo("x");
    assertThat(eval("(input.obj).k")).isEqualTo("v");
  }

  @Test
  void forEachChildOutputsStoredUnderBracketedKeysStillResolve() {
    assertThat(eval("steps.fan[0].output")).isEqualTo("child0");
    assertThat(eval("steps.fan[1].output")).isNull();
    assertThat(eval("steps.plain.output")).isEqualTo(1L);
    // An array at the key is indexed when no bracketed key exists.
    Map<String, Object> scope = Map.of("steps", Map.of("fan", List.of("first")));
    assertThat(Expression.parse("steps.fan[0]").evaluate(scope)).isEqualTo("first");
  }

  @Test
  void operatorCharactersInsideStringsAreText() {
    Map<String, Object> scope = Map.of("x", "a==b", "y", "a<b && c");
    assertThat(Expression.parse("'a==b' == x").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("x == \"a==b\"").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("y == 'a<b && c'").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("'it\\'s' == \"it's\"").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("'C:\\path'").evaluate(scope)).isEqualTo("C:\\path");
    assertThat(Expression.parse("'a\\\\b'").evaluate(scope)).isEqualTo("a\\b");
  }

  @Test
  void functions() {
    assertThat(eval("length(input.items)")).isEqualTo(2L);
    assertThat(eval("length(input.obj)")).isEqualTo(3L);
    assertThat(eval("length(input.s)")).isEqualTo(1L);
    assertThat(eval("length(input.missing)")).isEqualTo(0L);
    assertThat(eval("length(input.n)")).isEqualTo(0L);
    assertThat(eval("length('héllo')")).isEqualTo(5L); // characters; the original counted 6 bytes
    assertThat(eval("length(input.n == 5)")).isEqualTo(0L); // parsed, not split at '=='
    assertThat(eval("first(input.items)")).isEqualTo("a");
    assertThat(eval("first(input.obj)")).isNull();
    assertThat(eval("first(first(input.rows).tags)")).isEqualTo("x");
    assertThat(eval("first(input.nums) == 1")).isEqualTo(true);
  }

  @Test
  void numbersCompareNumericallyAcrossLongAndDouble() {
    assertThat(eval("input.d > 2")).isEqualTo(true);
    assertThat(eval("input.d < 2.6")).isEqualTo(true);
    assertThat(eval("5 == 5.0")).isEqualTo(true);
    assertThat(eval("5.0 >= 5")).isEqualTo(true);
    assertThat(eval("-1 < 0")).isEqualTo(true);
    assertThat(eval("1e3 == 1000")).isEqualTo(true);
    assertThat(eval("9007199254740993 == 9007199254740992.0")).isEqualTo(false); // exact
    assertThat(eval("9007199254740993 > 9007199254740992.0")).isEqualTo(true);
    assertThat(eval("2.5")).isEqualTo(2.5);
    assertThat(eval("-7")).isEqualTo(-7L);
    assertThat(eval("99999999999999999999")).isEqualTo(1e20); // beyond Long: a Double
    Map<String, Object> odd =
        Map.of(
            "i",
            3,
            "f",
            1.5f,
            "bi",
            BigInteger.TEN,
            "bd",
            new BigDecimal("2.50"),
            "bw",
            new BigDecimal("4.0"));
    assertThat(Expression.parse("i").evaluate(odd)).isEqualTo(3L);
    assertThat(Expression.parse("f").evaluate(odd)).isEqualTo(1.5);
    assertThat(Expression.parse("bi").evaluate(odd)).isEqualTo(10L);
    assertThat(Expression.parse("bd").evaluate(odd)).isEqualTo(2.5);
    assertThat(Expression.parse("bw").evaluate(odd)).isEqualTo(4L);
    assertThat(Expression.parse("i < bw && f == 1.5").evaluate(odd)).isEqualTo(true);
  }

  /** Spec 40 §4.2: typed on the left operand; kept on purpose, including its asymmetries. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      5 == '5'                  => true
      5 == ' 5'                 => false
      5 < '10'                  => true
      '5' < 10                  => false
      '10' < '9'                => true
      'b' > 'a'                 => true
      'a' <= 'a'                => true
      0 == 'abc'                => true
      5 == 'abc'                => false
      5 != 'abc'                => true
      0 == input.missing        => true
      input.missing == 0        => false
      1 == '1e0'                => true
      1 < 'inf'                 => true
      input.t == 'true'         => true
      input.t == true           => true
      input.t != false          => true
      input.t > false           => false
      input.missing == null     => true
      null == input.missing     => true
      input.missing != null     => false
      input.s == null           => false
      '<nil>' == input.missing  => false
      input.missing == ''       => false
      input.items == input.items => true
      input.items != input.obj  => true
      input.items == '["a","b"]' => true
      input.items < input.items => false
      """)
  void comparisonSemantics(String expression, boolean expected) {
    assertThat(eval(expression)).isEqualTo(expected);
  }

  @Test
  void nanIsUnordered() {
    Map<String, Object> scope = Map.of("nan", Double.NaN);
    assertThat(Expression.parse("nan == nan").evaluate(scope)).isEqualTo(false);
    assertThat(Expression.parse("nan != nan").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("nan < 1").evaluate(scope)).isEqualTo(false);
    assertThat(Expression.parse("1 >= 'nan'").evaluate(scope)).isEqualTo(false);
  }

  @Test
  void containersCompareStructurally() {
    Map<String, Object> scope =
        Map.of(
            "a", Map.of("x", 1L, "y", List.of(1L, 2L)),
            "b", new LinkedHashMap<>(Map.of("y", List.of(1.0, 2.0), "x", 1)),
            "c", Map.of("x", 2L));
    assertThat(Expression.parse("a == b").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("a == c").evaluate(scope)).isEqualTo(false);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      input.missing => false
      input.t       => true
      input.f       => false
      input.s       => true
      input.empty   => false
      input.n       => true
      input.zero    => false
      0.0           => false
      input.d       => true
      input.items   => true
      input.obj     => true
      length(input.missing) => false
      """)
  void truthiness(String expression, boolean expected) {
    assertThat(Expression.parse(expression).test(SCOPE)).isEqualTo(expected);
  }

  @Test
  void emptyContainersAreTruthyAsInTheOriginal() {
    Map<String, Object> scope = Map.of("l", List.of(), "m", Map.of());
    assertThat(Expression.parse("l").test(scope)).isTrue();
    assertThat(Expression.parse("m").test(scope)).isTrue();
    assertThat(Expression.parse("!l").evaluate(scope)).isEqualTo(false);
  }

  @Test
  void nullValuesInTheScopeAreMissing() {
    Map<String, Object> input = new HashMap<>();
    input.put("x", null);
    List<Object> list = new ArrayList<>(Arrays.asList(null, "b"));
    Map<String, Object> scope = Map.of("input", input, "list", list);
    assertThat(Expression.parse("input.x == null").evaluate(scope)).isEqualTo(true);
    assertThat(Expression.parse("input.x.y").evaluate(scope)).isNull();
    assertThat(Expression.parse("first(list)").evaluate(scope)).isNull();
    assertThat(Expression.parse("list[1]").evaluate(scope)).isEqualTo("b");
  }

  @Test
  void keywordsAndNames() {
    assertThat(eval("null")).isNull();
    Map<String, Object> scope =
        Map.of(
            "m",
            Map.of("true", "t", "null", "n", "length", 3L),
            "my-step",
            Map.of("out_1", "ok"),
            "inf",
            "named");
    assertThat(Expression.parse("m.true").evaluate(scope)).isEqualTo("t");
    assertThat(Expression.parse("m.null").evaluate(scope)).isEqualTo("n");
    assertThat(Expression.parse("m.length").evaluate(scope)).isEqualTo(3L);
    assertThat(Expression.parse("my-step.out_1").evaluate(scope)).isEqualTo("ok");
    assertThat(Expression.parse("inf").evaluate(scope)).isEqualTo("named"); // a name, not a float
  }

  @Test
  void rootsListTopLevelNames() {
    Expression e =
        Expression.parse(
            "input.n > 3 && (steps.a.output || length(ctx.x) == 0) && !input.f && item && true");
    assertThat(e.roots()).containsExactly("input", "steps", "ctx", "item");
    assertThat(Expression.parse("'x' == null").roots()).isEmpty();
    assertThat(Expression.parse("first(items)[0].x").roots()).isEqualTo(Set.of("items"));
    assertThat(e.source()).startsWith("input.n > 3");
    assertThat(e).hasToString(e.source()).isEqualTo(Expression.parse(e.source()));
  }

  @Test
  void evaluationDoesNotModifyTheScopeAndRepeats() {
    Expression e = Expression.parse("input.n >= 5 && length(input.items) == 2");
    for (int i = 0; i < 3; i++) {
      assertThat(e.test(SCOPE)).isTrue();
    }
    assertThat(e.test(Map.of())).isFalse();
  }

  /** A scope whose key "boom" fails the test when read: proves an operand was not evaluated. */
  private static final class ExplodingScope extends AbstractMap<String, Object> {
    private final Map<String, Object> values;

    ExplodingScope(Map<String, Object> values) {
      this.values = values;
    }

    @Override
    public Object get(Object key) {
      if ("boom".equals(key)) {
        throw new AssertionError("the right operand was evaluated");
      }
      return values.get(key);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return values.entrySet();
    }
  }
}
