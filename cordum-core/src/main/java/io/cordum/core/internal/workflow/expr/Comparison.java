package io.cordum.core.internal.workflow.expr;

import io.cordum.core.internal.workflow.expr.Node.Operator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The comparison semantics of workflow expressions, typed on the left operand:
 *
 * <ul>
 *   <li>left is a number: the right side becomes a number (numbers as they are, numeric strings
 *       parsed, anything else 0) and the two compare numerically, Long against Double exactly;
 *   <li>both are strings: code-point order (the same order as UTF-8 bytes);
 *   <li>otherwise {@code ==}/{@code !=} compare the text renderings (arrays and objects compare
 *       structurally with each other; null equals only null) and ordering is false.
 * </ul>
 */
final class Comparison {
  private Comparison() {}

  static boolean compare(Operator op, @Nullable Object left, @Nullable Object right) {
    Object l = Values.normalize(left);
    Object r = Values.normalize(right);
    if (l instanceof Long || l instanceof Double) {
      Integer c = compareNumbers((Number) l, toNumber(r));
      return c == null ? op == Operator.NE : op.holds(c);
    }
    if (l instanceof String ls && r instanceof String rs) {
      return op.holds(compareCodePoints(ls, rs));
    }
    if (op.isEquality()) {
      return looselyEqual(l, r) == (op == Operator.EQ);
    }
    return false;
  }

  /** The right operand of a numeric comparison. */
  private static Number toNumber(@Nullable Object v) {
    if (v instanceof Long || v instanceof Double) {
      return (Number) v;
    }
    if (v instanceof String s) {
      Object n = Values.parseNumericString(s);
      if (n != null) {
        return (Number) n;
      }
    }
    return 0L;
  }

  /** A three-way numeric comparison; null when either side is NaN (unordered). */
  static @Nullable Integer compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return null;
    }
    if (Double.isInfinite(x)
        || Double.isInfinite(y)
        || (a instanceof Double && b instanceof Double)) {
      return x < y ? -1 : (x > y ? 1 : 0); // not Double.compare: -0.0 == 0.0
    }
    // A Long against a finite Double: exact, so 2^53 + 1 is not equal to 2^53.
    return exact(a).compareTo(exact(b));
  }

  private static BigDecimal exact(Number n) {
    return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.doubleValue());
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static boolean looselyEqual(@Nullable Object l, @Nullable Object r) {
    if (l == null || r == null) {
      return l == r;
    }
    if (isContainer(l) && isContainer(r)) {
      return deepEqual(l, r);
    }
    return Rendering.text(l).equals(Rendering.text(r));
  }

  private static boolean isContainer(Object v) {
    return v instanceof Map<?, ?> || v instanceof List<?>;
  }

  /** Structural equality; numbers compare numerically, object key order does not matter. */
  static boolean deepEqual(@Nullable Object a, @Nullable Object b) {
    Object x = Values.normalize(a);
    Object y = Values.normalize(b);
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof Number nx && y instanceof Number ny) {
      Integer c = compareNumbers(nx, ny);
      return c != null && c == 0;
    }
    if (x instanceof List<?> lx && y instanceof List<?> ly) {
      if (lx.size() != ly.size()) {
        return false;
      }
      for (int i = 0; i < lx.size(); i++) {
        if (!deepEqual(lx.get(i), ly.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof Map<?, ?> mx && y instanceof Map<?, ?> my) {
      if (mx.size() != my.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : mx.entrySet()) {
        if (!my.containsKey(e.getKey()) || !deepEqual(e.getValue(), my.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return x.equals(y);
  }
}
