package io.cordum.core.internal.workflow.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The value model: normalization, truthiness, numbers, and the two functions. */
final class Values {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private Values() {}

  /**
   * Maps a value read from the scope onto the value model: whole numbers become Long, other numbers
   * Double, character sequences String. Lists, maps and anything else stay as they are.
   */
  static @Nullable Object normalize(@Nullable Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Long
        || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return Double.valueOf(f.toString()); // 0.1f reads as 0.1, not 0.10000000149011612
    }
    if (v instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
    }
    if (v instanceof BigDecimal d) {
      try {
        return d.stripTrailingZeros().scale() <= 0 ? (Object) d.longValueExact() : d.doubleValue();
      } catch (ArithmeticException tooBig) {
        return d.doubleValue();
      }
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof CharSequence || v instanceof Character) {
      return v.toString();
    }
    return v;
  }

  /**
   * Truthiness: null is false, a boolean is itself, a string is true when not empty, a number when
   * not zero; anything else (arrays and objects, even empty ones) is true.
   */
  static boolean truthy(@Nullable Object v) {
    Object n = normalize(v);
    if (n == null) {
      return false;
    }
    if (n instanceof Boolean b) {
      return b;
    }
    if (n instanceof String s) {
      return !s.isEmpty();
    }
    if (n instanceof Long l) {
      return l != 0L;
    }
    if (n instanceof Double d) {
      return d != 0.0; // NaN is true: only zero is false
    }
    return true;
  }

  /** {@code length(x)}: characters of a string, elements of an array, keys of an object, else 0. */
  static long length(@Nullable Object v) {
    if (v instanceof String s) {
      return s.codePointCount(0, s.length());
    }
    if (v instanceof Collection<?> c) {
      return c.size();
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    return 0L;
  }

  /** {@code first(x)}: the first element of a non-empty array, else null. */
  static @Nullable Object first(@Nullable Object v) {
    if (v instanceof List<?> l && !l.isEmpty()) {
      return normalize(l.get(0));
    }
    return null;
  }

  /** A number literal as the tokenizer found it: Long when integral and in range, else Double. */
  static Object parseNumberLiteral(String text, boolean integral) {
    if (integral) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooBig) {
        return Double.parseDouble(text);
      }
    }
    return Double.parseDouble(text);
  }

  /**
   * A string read as a number, the way a float parser reads it: decimal with optional sign,
   * fraction and exponent, or inf / infinity / nan in any case. Null when not numeric.
   */
  static @Nullable Object parseNumericString(String s) {
    if (INTEGER.matcher(s).matches()) {
      return parseNumberLiteral(s, true);
    }
    if (DECIMAL.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    String word = s.toLowerCase(Locale.ROOT);
    boolean negative = word.startsWith("-");
    if (negative || word.startsWith("+")) {
      word = word.substring(1);
    }
    if (word.equals("inf") || word.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (word.equals("nan")) {
      return Double.NaN;
    }
    return null;
  }

  /** A JSON-ish name for the type of a value, for messages. */
  static String typeName(@Nullable Object v) {
    Object n = normalize(v);
    if (n == null) {
      return "null";
    }
    if (n instanceof Boolean) {
      return "boolean";
    }
    if (n instanceof Long || n instanceof Double) {
      return "number";
    }
    if (n instanceof String) {
      return "string";
    }
    if (n instanceof List<?>) {
      return "array";
    }
    if (n instanceof Map<?, ?>) {
      return "object";
    }
    return n.getClass().getSimpleName();
  }
}
