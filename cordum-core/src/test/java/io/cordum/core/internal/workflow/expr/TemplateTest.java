package io.cordum.core.internal.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Templates (spec 40 §4.6): typed whole values, interpolation, trees, validation. */
class TemplateTest {
  private static final Map<String, Object> SCOPE =
      Map.of(
          "input",
          Map.of(
              "repo",
              "cordum",
              "n",
              5L,
              "d",
              2.5,
              "flag",
              true,
              "items",
              List.of("a", "b"),
              "obj",
              Map.of("a", 1L),
              "big",
              1234567.0,
              "e8",
              1e8,
              "three",
              3.0),
          "item",
          "file.txt");

  private static Object render(String text) {
    return Template.parse(text).render(SCOPE);
  }

  @Test
  void singleExpressionYieldsTheTypedValue() {
    assertThat(render("${input.items}")).isEqualTo(List.of("a", "b"));
    assertThat(render("${input.obj}")).isEqualTo(Map.of("a", 1L));
    assertThat(render("${input.n}")).isEqualTo(5L);
    assertThat(render("${input.flag}")).isEqualTo(true);
    assertThat(render("${input.missing}")).isNull();
    assertThat(render("  ${ input.n > 3 }  ")).isEqualTo(true); // surrounding blanks allowed
    assertThat(render("${length(input.items)}")).isEqualTo(2L);
    assertThat(render("${item}")).isEqualTo("file.txt");
  }

  @Test
  void interpolationRendersText() {
    assertThat(render("repo ${input.repo}")).isEqualTo("repo cordum");
    assertThat(render("${input.repo}/${item}")).isEqualTo("cordum/file.txt");
    assertThat(render("x=${input.missing}.")).isEqualTo("x=.");
    assertThat(render("ok=${input.flag} n=${input.n} d=${input.d}")).isEqualTo("ok=true n=5 d=2.5");
    assertThat(render("items=${input.items} obj=${input.obj}"))
        .isEqualTo("items=[\"a\",\"b\"] obj={\"a\":1}"); // JSON, not Go's [a b] / map[a:1]
    assertThat(render(" ${input.n} ${input.n} ")).isEqualTo(" 5 5 ");
    assertThat(render("no templates here: $ { } $x")).isEqualTo("no templates here: $ { } $x");
    assertThat(render("")).isEqualTo("");
  }

  /** Spec 40 §9 item 18, fixed on purpose: no Go %g exponent form for whole numbers. */
  @Test
  void wholeDoublesInterpolateAsIntegers() {
    assertThat(render("${input.big}!")).isEqualTo("1234567!"); // Go: 1.234567e+06
    assertThat(render("${input.e8}!")).isEqualTo("100000000!"); // Go: 1e+08
    assertThat(render("${input.three}!")).isEqualTo("3!");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      0.1                   => 0.1
      -2.5                  => -2.5
      1e21                  => 1e+21
      1.5e-8                => 1.5e-8
      0.000001              => 0.000001
      123456789012.5        => 123456789012.5
      -0.0                  => 0
      """)
  void doubleFormatting(double value, String text) {
    assertThat(Template.parse("${v}.").render(Map.of("v", value))).isEqualTo(text + ".");
  }

  @Test
  void closingBraceInsideQuotesDoesNotEndTheExpression() {
    assertThat(render("${input.repo == 'a}b'}")).isEqualTo(false);
    assertThat(render("[${'}'}]")).isEqualTo("[}]");
    assertThat(render("${\"{x}\"}")).isEqualTo("{x}");
  }

  @Test
  void renderTreeWalksMapsAndListsAndCopies() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("repo", "${input.repo}");
    tree.put("path", "${item}");
    tree.put("note", "repo ${input.repo}");
    tree.put("files", new ArrayList<>(List.of("${input.items}", "x-${input.n}", 7L)));
    tree.put("nested", Map.of("deep", List.of(Map.of("v", "${input.flag}"))));
    tree.put("count", 3L);
    tree.put("nothing", null);
    tree.put("${input.repo}", "keys are not templates");

    Object out = Template.renderTree(tree, SCOPE);

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("repo", "cordum");
    expected.put("path", "file.txt");
    expected.put("note", "repo cordum");
    expected.put("files", List.of(List.of("a", "b"), "x-5", 7L));
    expected.put("nested", Map.of("deep", List.of(Map.of("v", true))));
    expected.put("count", 3L);
    expected.put("nothing", null);
    expected.put("${input.repo}", "keys are not templates");
    assertThat(out).isEqualTo(expected);
    assertThat(tree.get("repo")).isEqualTo("${input.repo}"); // the input is untouched
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) out;
    copy.put("item", "added"); // the result is mutable: the engine may inject item
    assertThat(copy).containsEntry("item", "added");
  }

  @Test
  void renderTreeLeavesOtherValuesAlone() {
    Object marker = new Object();
    assertThat(Template.renderTree(marker, SCOPE)).isSameAs(marker);
    assertThat(Template.renderTree(null, SCOPE)).isNull();
    assertThat(Template.renderTree(42L, SCOPE)).isEqualTo(42L);
    assertThat(Template.renderTree("${input.n}", SCOPE)).isEqualTo(5L);
    assertThat(Template.renderTree(Arrays.asList("a", null), SCOPE))
        .isEqualTo(Arrays.asList("a", null));
  }

  @Test
  void validateTreeNamesTheOffendingText() {
    Template.validateTree(Map.of("ok", "${input.a} and ${steps.b.output}", "n", 1L));
    Template.validateTree(null);

    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("fine", "${input.repo}");
    bad.put("files", List.of("ok", "${input.items[}"));
    assertThatThrownBy(() -> Template.validateTree(bad))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.source()).isEqualTo("${input.items[}");
              assertThat(e.location()).isEqualTo("files[1]");
              assertThat(e.position()).isEqualTo(14);
              assertThat(e.violations().get(0).field()).isEqualTo("expression");
              assertThat(e.getMessage()).contains("${input.items[}").contains("files[1]");
            });
    assertThatThrownBy(() -> Template.validateTree(Map.of("message", "done ${input.repo")))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.location()).isEqualTo("message");
              assertThat(e.detail()).contains("unterminated template expression");
            });
    assertThatThrownBy(() -> Template.validateTree("${nope(1)}"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.location()).isNull();
              assertThat(e.detail()).contains("unknown function 'nope'");
              assertThat(e.position()).isEqualTo(2);
            });
  }

  @Test
  void templateAccessors() {
    Template t = Template.parse("${input.a} and ${steps.b.output} and ${input.c}");
    assertThat(t.text()).isEqualTo("${input.a} and ${steps.b.output} and ${input.c}");
    assertThat(t.expressions())
        .extracting(Expression::source)
        .containsExactly("input.a", "steps.b.output", "input.c");
    assertThat(t.roots()).containsExactly("input", "steps");
    assertThat(Template.parse("plain").expressions()).isEmpty();
  }
}
