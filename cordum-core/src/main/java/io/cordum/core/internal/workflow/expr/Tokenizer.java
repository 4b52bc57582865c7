package io.cordum.core.internal.workflow.expr;

import io.cordum.core.internal.workflow.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. Context matters in one place: right after a {@code .} the next
 * word is a key, which may start with a digit ({@code items.0} is the key "0", not a number).
 */
final class Tokenizer {
  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Tokenizer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    Tokenizer t = new Tokenizer(src);
    t.run();
    return t.tokens;
  }

  private void run() {
    while (true) {
      skipSpace();
      boolean afterDot = !tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() == Kind.DOT;
      if (afterDot) {
        key();
        continue;
      }
      if (pos >= src.length()) {
        tokens.add(new Token(Kind.END, "", null, src.length()));
        return;
      }
      char c = src.charAt(pos);
      if (Character.isDigit(c)
          || ((c == '-' || c == '+')
              && pos + 1 < src.length()
              && Character.isDigit(src.charAt(pos + 1)))) {
        number();
      } else if (Character.isLetter(c) || c == '_') {
        word();
      } else if (c == '\'' || c == '"') {
        string(c);
      } else {
        symbol(c);
      }
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private void key() {
    int start = pos;
    while (pos < src.length() && isWordPart(src.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw error(
          start,
          "expected a key after '.' but found "
              + found(start)
              + " (write keys with other characters as ['key'])");
    }
    tokens.add(new Token(Kind.NAME, src.substring(start, pos), null, start));
  }

  private void word() {
    int start = pos;
    while (pos < src.length() && isWordPart(src.charAt(pos))) {
      pos++;
    }
    tokens.add(new Token(Kind.NAME, src.substring(start, pos), null, start));
  }

  private void number() {
    int start = pos;
    if (src.charAt(pos) == '-' || src.charAt(pos) == '+') {
      pos++;
    }
    digits();
    boolean integral = true;
    if (pos + 1 < src.length()
        && src.charAt(pos) == '.'
        && Character.isDigit(src.charAt(pos + 1))) {
      pos++;
      digits();
      integral = false;
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        digits();
        integral = false;
      } else {
        pos = save;
      }
    }
    if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
      throw error(
          pos,
          "unexpected "
              + found(pos)
              + " right after the number "
              + src.substring(start, pos)
              + " (a name must not start with a digit)");
    }
    String text = src.substring(start, pos);
    tokens.add(new Token(Kind.NUMBER, text, Values.parseNumberLiteral(text, integral), start));
  }

  private void digits() {
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
  }

  /** A quoted string: '…' or "…"; backslash escapes only \\, \' and \" (others stay as written). */
  private void string(char quote) {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == quote) {
        pos++;
        String text = sb.toString();
        tokens.add(new Token(Kind.STRING, text, text, start));
        return;
      }
      if (c == '\\' && pos + 1 < src.length()) {
        char n = src.charAt(pos + 1);
        if (n == '\\' || n == '\'' || n == '"') {
          sb.append(n);
          pos += 2;
          continue;
        }
      }
      sb.append(c);
      pos++;
    }
    throw error(
        start,
        "unterminated string: the " + quote + " at position " + start + " has no closing " + quote);
  }

  private void symbol(char c) {
    int start = pos;
    char next = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
    switch (c) {
      case '.' -> add(Kind.DOT, 1);
      case '[' -> add(Kind.LBRACKET, 1);
      case ']' -> add(Kind.RBRACKET, 1);
      case '(' -> add(Kind.LPAREN, 1);
      case ')' -> add(Kind.RPAREN, 1);
      case ',' -> add(Kind.COMMA, 1);
      case '!' -> add(next == '=' ? Kind.NE : Kind.NOT, next == '=' ? 2 : 1);
      case '<' -> add(next == '=' ? Kind.LE : Kind.LT, next == '=' ? 2 : 1);
      case '>' -> add(next == '=' ? Kind.GE : Kind.GT, next == '=' ? 2 : 1);
      case '=' -> {
        if (next != '=') {
          throw error(start, "'=' is not an operator; use '==' to compare");
        }
        add(Kind.EQ, 2);
      }
      case '&' -> {
        if (next != '&') {
          throw error(start, "'&' is not an operator; use '&&'");
        }
        add(Kind.AND, 2);
      }
      case '|' -> {
        if (next != '|') {
          throw error(start, "'|' is not an operator; use '||'");
        }
        add(Kind.OR, 2);
      }
      case '-', '+' ->
          throw error(
              start,
              "unexpected '"
                  + c
                  + "': there is no arithmetic; a sign is allowed only in front of a number");
      default -> throw error(start, "unexpected character " + found(start));
    }
  }

  private void add(Kind kind, int length) {
    tokens.add(new Token(kind, src.substring(pos, pos + length), null, pos));
    pos += length;
  }

  private String found(int at) {
    if (at >= src.length()) {
      return "end of expression";
    }
    return "'" + new String(Character.toChars(src.codePointAt(at))) + "'";
  }

  private ExpressionSyntaxException error(int at, String detail) {
    return new ExpressionSyntaxException(src, at, detail);
  }
}
