package io.cordum.core.internal.workflow.expr;

import org.jspecify.annotations.Nullable;

/**
 * One token of an expression.
 *
 * @param kind what the token is
 * @param text the token as written (a string literal's text is its unescaped content)
 * @param value the literal value of a {@link Kind#NUMBER} (Long or Double) or {@link Kind#STRING};
 *     {@code null} otherwise
 * @param position the 0-based offset of the token's first character in the source
 */
record Token(Kind kind, String text, @Nullable Object value, int position) {

  /** Token kinds. */
  enum Kind {
    NAME,
    NUMBER,
    STRING,
    DOT,
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    COMMA,
    NOT,
    AND,
    OR,
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    END
  }

  /** How the token reads in an error message. */
  String describe() {
    if (kind == Kind.END) {
      return "end of expression";
    }
    if (kind == Kind.STRING) {
      return "string '" + text + "'";
    }
    return "'" + text + "'";
  }
}
