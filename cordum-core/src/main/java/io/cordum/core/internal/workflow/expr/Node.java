package io.cordum.core.internal.workflow.expr;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The syntax tree of a parsed expression. Every node is an immutable record. */
sealed interface Node {

  /** {@code true}, {@code false}, {@code null}, a number (Long or Double) or a string. */
  record Literal(@Nullable Object value) implements Node {}

  /**
   * A path from the scope: {@code selectors.get(0)} is a {@link Key} naming the root (such as
   * {@code input}); the rest walk into it.
   */
  record Path(List<Selector> selectors) implements Node {
    public Path {
      selectors = List.copyOf(selectors);
    }

    String root() {
      return ((Key) selectors.get(0)).name();
    }
  }

  /** Selectors applied to the value of a function call or a parenthesized expression. */
  record Access(Node target, List<Selector> selectors) implements Node {
    public Access {
      selectors = List.copyOf(selectors);
    }
  }

  /** {@code length(x)} or {@code first(x)}. */
  record Call(Function function, Node argument) implements Node {}

  /** {@code !x}: the negated truthiness of x. */
  record Not(Node operand) implements Node {}

  /** {@code a && b && ...}: true when every operand is truthy; stops at the first falsy one. */
  record And(List<Node> operands) implements Node {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** {@code a || b || ...}: true when some operand is truthy; stops at the first truthy one. */
  record Or(List<Node> operands) implements Node {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** {@code left op right} with one of the six comparison operators. */
  record Compare(Operator operator, Node left, Node right) implements Node {}

  /** One step of a path. */
  sealed interface Selector {}

  /** {@code .name} or {@code ['name']}: a key of an object. */
  record Key(String name) implements Selector {}

  /** {@code [n]}: an element of an array. */
  record Position(int index) implements Selector {}

  /** The built-in functions. */
  enum Function {
    LENGTH("length"),
    FIRST("first");

    final String text;

    Function(String text) {
      this.text = text;
    }

    static @Nullable Function named(String name) {
      for (Function f : values()) {
        if (f.text.equals(name)) {
          return f;
        }
      }
      return null;
    }
  }

  /** The comparison operators. */
  enum Operator {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String text;

    Operator(String text) {
      this.text = text;
    }

    boolean isEquality() {
      return this == EQ || this == NE;
    }

    /** Whether a three-way comparison result {@code c} satisfies this operator. */
    boolean holds(int c) {
      return switch (this) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }
}
