package io.cordum.core.internal.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.CordumException;
import io.cordum.api.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors: rejected at parse time, with the 0-based position and what was expected. */
class ExpressionSyntaxTest {

  @ParameterizedTest(name = "{0} -> position {1}")
  @CsvSource(
      delimiterString = "=>",
      quoteCharacter = '`',
      textBlock =
          """
      input.n >              => 9  => expected a value
      input.n > > 3          => 10 => expected a value
      (input.n > 3           => 12 => expected ')' to close the '(' at position 0
      input.n > 3)           => 11 => expected an operator or end of expression
      input.n = 3            => 8  => '=' is not an operator; use '=='
      a & b                  => 2  => use '&&'
      a | b                  => 2  => use '||'
      a == 'abc              => 5  => unterminated string
      foo(a)                 => 0  => unknown function 'foo'
      length()               => 7  => length() takes exactly one argument
      first(a, b)            => 7  => first() takes exactly one argument
      length(a               => 8  => expected ')' to close the '(' at position 6
      a.                     => 2  => expected a key after '.'
      a.[0]                  => 2  => expected a key after '.'
      a[x]                   => 2  => expected an array index
      a[-1]                  => 2  => expected an array index
      a[1.5]                 => 2  => expected an array index
      a[0                    => 3  => expected ']' to close the '[' at position 1
      a b                    => 2  => expected an operator or end of expression
      a == b == c            => 7  => comparisons do not chain
      a < b < c              => 6  => comparisons do not chain
      a && || b              => 5  => expected a value
      a - 1                  => 2  => there is no arithmetic
      a # b                  => 2  => unexpected character '#'
      2abc                   => 1  => a name must not start with a digit
      5.x                    => 1  => expected an operator or end of expression
      'x'.y                  => 3  => expected an operator or end of expression
      ()                     => 1  => expected a value
      !                      => 1  => expected a value
      """)
  void reportsPositionAndExpectation(String source, int position, String detail) {
    assertThatThrownBy(() -> Expression.parse(source))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).as("position").isEqualTo(position);
              assertThat(e.detail()).contains(detail);
              assertThat(e.source()).isEqualTo(source);
              assertThat(e.getMessage()).contains("position " + position).contains(source);
            });
  }

  @Test
  void isAValidationExceptionNamingTheExpressionField() {
    assertThatThrownBy(() -> Expression.parse("a =="))
        .isInstanceOf(ValidationException.class)
        .isInstanceOf(CordumException.class)
        .satisfies(
            t -> {
              ValidationException v = (ValidationException) t;
              assertThat(v.violations()).hasSize(1);
              assertThat(v.violations().get(0).field()).isEqualTo("expression");
              assertThat(v.violations().get(0).rule())
                  .isEqualTo(
                      "syntax error at position 4 in \"a ==\": expected a value (a path,"
                          + " literal, function call or '(') but found end of expression");
              assertThat(v.type()).isEqualTo("validation_failed");
              assertThat(v.retryable()).isFalse();
            });
  }

  @Test
  void deepNestingIsRejectedNotAStackOverflow() {
    String deep = "(".repeat(10_000) + "a" + ")".repeat(10_000);
    assertThatThrownBy(() -> Expression.parse(deep))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> assertThat(e.position()).isEqualTo(Parser.MAX_DEPTH));
    String nots = "!".repeat(10_000) + "a";
    assertThatThrownBy(() -> Expression.parse(nots)).isInstanceOf(ExpressionSyntaxException.class);
    // Long flat chains are fine: they are not nested.
    String chain = String.join(" && ", java.util.Collections.nCopies(5_000, "a"));
    assertThat(Expression.parse(chain).test(Map.of("a", true))).isTrue();
    String path = "a" + ".b".repeat(5_000);
    assertThat(Expression.parse(path).evaluate(Map.of())).isNull();
  }

  @Test
  void templatePositionsAreOffsetsInTheTemplate() {
    assertThatThrownBy(() -> Template.parse("hello ${input.n >}"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(17);
              assertThat(e.source()).isEqualTo("hello ${input.n >}");
              assertThat(e.detail()).contains("expected a value");
            });
    assertThatThrownBy(() -> Template.parse("a ${} b"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(4);
              assertThat(e.detail()).isEqualTo("empty expression");
            });
    assertThatThrownBy(() -> Template.parse("ok ${a} then ${b"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(13);
              assertThat(e.detail()).contains("unterminated template expression");
            });
    // A quote that is never closed swallows the '}' and so leaves the template unterminated.
    assertThatThrownBy(() -> Template.parse("${a == 'x}"))
        .isInstanceOfSatisfying(
            ExpressionSyntaxException.class,
            e -> assertThat(e.detail()).contains("unterminated template expression"));
  }
}
