package io.cordum.core.internal.workflow.expr;

import io.cordum.core.internal.workflow.expr.Node.Access;
import io.cordum.core.internal.workflow.expr.Node.And;
import io.cordum.core.internal.workflow.expr.Node.Call;
import io.cordum.core.internal.workflow.expr.Node.Compare;
import io.cordum.core.internal.workflow.expr.Node.Key;
import io.cordum.core.internal.workflow.expr.Node.Literal;
import io.cordum.core.internal.workflow.expr.Node.Not;
import io.cordum.core.internal.workflow.expr.Node.Or;
import io.cordum.core.internal.workflow.expr.Node.Path;
import io.cordum.core.internal.workflow.expr.Node.Position;
import io.cordum.core.internal.workflow.expr.Node.Selector;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Evaluates a syntax tree against a scope. Stateless; missing data gives null, never an error. */
final class Evaluator {
  private Evaluator() {}

  static @Nullable Object evaluate(Node node, Map<String, ?> scope) {
    if (node instanceof Literal l) {
      return l.value();
    }
    if (node instanceof Path p) {
      return walk(scope, p.selectors());
    }
    if (node instanceof Compare c) {
      return Comparison.compare(
          c.operator(), evaluate(c.left(), scope), evaluate(c.right(), scope));
    }
    if (node instanceof Not n) {
      return !Values.truthy(evaluate(n.operand(), scope));
    }
    if (node instanceof And a) {
      for (Node operand : a.operands()) {
        if (!Values.truthy(evaluate(operand, scope))) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof Or o) {
      for (Node operand : o.operands()) {
        if (Values.truthy(evaluate(operand, scope))) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof Call c) {
      Object arg = evaluate(c.argument(), scope);
      return switch (c.function()) {
        case LENGTH -> Values.length(arg);
        case FIRST -> Values.first(arg);
      };
    }
    Access a = (Access) node;
    return walk(evaluate(a.target(), scope), a.selectors());
  }

  /**
   * Applies selectors one by one. For compatibility with existing definitions (path segments used
   * to be plain text), {@code .k[n]} first looks for a literal key {@code "k[n]"} (the engine
   * stores for_each child outputs as {@code steps["fan[0]"]}) and only then indexes the array at k.
   */
  private static @Nullable Object walk(@Nullable Object start, List<Selector> selectors) {
    Object current = start;
    for (int i = 0; i < selectors.size() && current != null; i++) {
      Selector s = selectors.get(i);
      if (s instanceof Key k) {
        if (i + 1 < selectors.size()
            && selectors.get(i + 1) instanceof Position p
            && current instanceof Map<?, ?> m) {
          String literal = k.name() + "[" + p.index() + "]";
          if (m.containsKey(literal)) {
            current = Values.normalize(m.get(literal));
            i++;
            continue;
          }
        }
        current = current instanceof Map<?, ?> m ? Values.normalize(m.get(k.name())) : null;
      } else {
        int index = ((Position) s).index();
        current =
            current instanceof List<?> l && index < l.size()
                ? Values.normalize(l.get(index))
                : null;
      }
    }
    return current;
  }

  /** The root names of every path in the tree, in order of appearance. */
  static Set<String> roots(Node root) {
    Set<String> out = new LinkedHashSet<>();
    collectRoots(root, out);
    return Collections.unmodifiableSet(out);
  }

  private static void collectRoots(Node node, Set<String> out) {
    if (node instanceof Path p) {
      out.add(p.root());
    } else if (node instanceof Compare c) {
      collectRoots(c.left(), out);
      collectRoots(c.right(), out);
    } else if (node instanceof Not n) {
      collectRoots(n.operand(), out);
    } else if (node instanceof And a) {
      a.operands().forEach(o -> collectRoots(o, out));
    } else if (node instanceof Or o) {
      o.operands().forEach(x -> collectRoots(x, out));
    } else if (node instanceof Call c) {
      collectRoots(c.argument(), out);
    } else if (node instanceof Access a) {
      collectRoots(a.target(), out);
    }
  }
}
