package io.cordum.core.internal.workflow.expr;

import io.cordum.core.internal.workflow.expr.Node.Access;
import io.cordum.core.internal.workflow.expr.Node.And;
import io.cordum.core.internal.workflow.expr.Node.Call;
import io.cordum.core.internal.workflow.expr.Node.Compare;
import io.cordum.core.internal.workflow.expr.Node.Function;
import io.cordum.core.internal.workflow.expr.Node.Key;
import io.cordum.core.internal.workflow.expr.Node.Literal;
import io.cordum.core.internal.workflow.expr.Node.Not;
import io.cordum.core.internal.workflow.expr.Node.Operator;
import io.cordum.core.internal.workflow.expr.Node.Or;
import io.cordum.core.internal.workflow.expr.Node.Path;
import io.cordum.core.internal.workflow.expr.Node.Position;
import io.cordum.core.internal.workflow.expr.Node.Selector;
import io.cordum.core.internal.workflow.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recursive-descent parser for the grammar in {@code package-info.java}, one method per precedence
 * level, loosest first.
 */
final class Parser {
  /** Parentheses, {@code !} and calls deeper than this are rejected (keeps the stack bounded). */
  static final int MAX_DEPTH = 64;

  private final String src;
  private final List<Token> tokens;
  private int next;
  private int depth;

  private Parser(String src) {
    this.src = src;
    this.tokens = Tokenizer.tokenize(src);
  }

  static Node parse(String src) {
    Parser p = new Parser(src);
    if (p.peek().kind() == Kind.END) {
      throw p.error(p.peek(), "empty expression");
    }
    Node node = p.or();
    if (p.peek().kind() != Kind.END) {
      throw p.error(
          p.peek(), "expected an operator or end of expression but found " + p.peek().describe());
    }
    return node;
  }

  private Node or() {
    Node first = and();
    if (peek().kind() != Kind.OR) {
      return first;
    }
    List<Node> operands = new ArrayList<>(List.of(first));
    while (accept(Kind.OR)) {
      operands.add(and());
    }
    return new Or(operands);
  }

  private Node and() {
    Node first = not();
    if (peek().kind() != Kind.AND) {
      return first;
    }
    List<Node> operands = new ArrayList<>(List.of(first));
    while (accept(Kind.AND)) {
      operands.add(not());
    }
    return new And(operands);
  }

  /** {@code !} covers the whole comparison after it: {@code !a == b} is {@code !(a == b)}. */
  private Node not() {
    Token bang = peek();
    if (!accept(Kind.NOT)) {
      return comparison();
    }
    enter(bang);
    Node operand = not();
    depth--;
    return new Not(operand);
  }

  private Node comparison() {
    Node left = relational();
    Operator op = equalityOperator(peek().kind());
    if (op == null) {
      return left;
    }
    next++;
    Node right = relational();
    if (equalityOperator(peek().kind()) != null) {
      throw error(peek(), "comparisons do not chain: add parentheses around one of them");
    }
    return new Compare(op, left, right);
  }

  private Node relational() {
    Node left = operand();
    Operator op = relationalOperator(peek().kind());
    if (op == null) {
      return left;
    }
    next++;
    Node right = operand();
    if (relationalOperator(peek().kind()) != null) {
      throw error(peek(), "comparisons do not chain: add parentheses around one of them");
    }
    return new Compare(op, left, right);
  }

  private Node operand() {
    Token t = peek();
    switch (t.kind()) {
      case NOT:
        // Right of a comparison: a == !b means a == (!b), as existing definitions expect.
        return not();
      case NUMBER:
      case STRING:
        next++;
        return new Literal(t.value());
      case NAME:
        next++;
        return name(t);
      case LPAREN:
        {
          next++;
          enter(t);
          Node inner = or();
          expectClose(Kind.RPAREN, ")", t);
          depth--;
          return access(inner);
        }
      default:
        throw error(
            t,
            "expected a value (a path, literal, function call or '(') but found " + t.describe());
    }
  }

  private Node name(Token t) {
    switch (t.text()) {
      case "true":
        return new Literal(Boolean.TRUE);
      case "false":
        return new Literal(Boolean.FALSE);
      case "null":
        return new Literal(null);
      default:
        break;
    }
    if (peek().kind() == Kind.LPAREN) {
      return call(t);
    }
    List<Selector> selectors = new ArrayList<>();
    selectors.add(new Key(t.text()));
    selectors(selectors);
    return new Path(selectors);
  }

  private Node call(Token name) {
    Function f = Function.named(name.text());
    if (f == null) {
      throw error(
          name, "unknown function '" + name.text() + "': the functions are length(x) and first(x)");
    }
    Token open = tokens.get(next++);
    enter(open);
    if (peek().kind() == Kind.RPAREN) {
      throw error(peek(), f.text + "() takes exactly one argument");
    }
    Node arg = or();
    if (peek().kind() == Kind.COMMA) {
      throw error(peek(), f.text + "() takes exactly one argument");
    }
    expectClose(Kind.RPAREN, ")", open);
    depth--;
    return access(new Call(f, arg));
  }

  private Node access(Node target) {
    List<Selector> selectors = new ArrayList<>();
    selectors(selectors);
    return selectors.isEmpty() ? target : new Access(target, selectors);
  }

  private void selectors(List<Selector> out) {
    while (true) {
      Token t = peek();
      if (accept(Kind.DOT)) {
        out.add(new Key(tokens.get(next++).text())); // the tokenizer guarantees a NAME
      } else if (accept(Kind.LBRACKET)) {
        out.add(bracket(t));
      } else {
        return;
      }
    }
  }

  private Selector bracket(Token open) {
    Token t = peek();
    Selector s;
    if (t.kind() == Kind.STRING) {
      s = new Key(t.text());
    } else if (t.kind() == Kind.NUMBER
        && t.value() instanceof Long n
        && n >= 0
        && n <= Integer.MAX_VALUE
        && Character.isDigit(t.text().charAt(0))) {
      s = new Position(n.intValue());
    } else {
      throw error(
          t,
          "expected an array index (0, 1, ...) or a quoted key after '[' but found "
              + t.describe());
    }
    next++;
    expectClose(Kind.RBRACKET, "]", open);
    return s;
  }

  private void expectClose(Kind kind, String text, Token open) {
    Token t = peek();
    if (!accept(kind)) {
      throw error(
          t,
          "expected '"
              + text
              + "' to close the '"
              + open.text()
              + "' at position "
              + open.position()
              + " but found "
              + t.describe());
    }
  }

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw error(at, "expression is nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private static @Nullable Operator equalityOperator(Kind k) {
    return switch (k) {
      case EQ -> Operator.EQ;
      case NE -> Operator.NE;
      default -> null;
    };
  }

  private static @Nullable Operator relationalOperator(Kind k) {
    return switch (k) {
      case LT -> Operator.LT;
      case LE -> Operator.LE;
      case GT -> Operator.GT;
      case GE -> Operator.GE;
      default -> null;
    };
  }

  private Token peek() {
    return tokens.get(next);
  }

  private boolean accept(Kind kind) {
    if (peek().kind() == kind) {
      next++;
      return true;
    }
    return false;
  }

  private ExpressionSyntaxException error(Token at, String detail) {
    return new ExpressionSyntaxException(src, at.position(), detail);
  }
}
