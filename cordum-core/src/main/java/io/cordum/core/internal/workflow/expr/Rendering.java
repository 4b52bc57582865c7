package io.cordum.core.internal.workflow.expr;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How values read as text inside an interpolated template: null is empty, whole numbers have no
 * fraction or exponent ({@code 1234567}, never {@code 1.234567e+06}), arrays and objects are JSON.
 */
final class Rendering {
  private Rendering() {}

  static String text(@Nullable Object value) {
    Object v = Values.normalize(value);
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Double d) {
      return number(d);
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      StringBuilder sb = new StringBuilder();
      json(v, sb);
      return sb.toString();
    }
    return v.toString();
  }

  /**
   * A double the way JavaScript prints it: plain decimal between 1e-7 and 1e21 (integral values
   * without a fraction), otherwise the shortest mantissa with an exponent ({@code 1e+21}).
   */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0.0) {
      return "0";
    }
    double abs = Math.abs(d);
    if (abs >= 1e-7 && abs < 1e21) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    String s = Double.toString(d); // such as 1.0E21 or 1.5E-8
    int e = s.indexOf('E');
    String mantissa = s.substring(0, e);
    String exponent = s.substring(e + 1);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
  }

  /** Appends a value as JSON; values outside the JSON model are written as their text. */
  static void json(@Nullable Object value, StringBuilder sb) {
    Object v = Values.normalize(value);
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Boolean || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Double d) {
      sb.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : number(d));
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        string(String.valueOf(e.getKey()), sb);
        sb.append(':');
        json(e.getValue(), sb);
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        json(l.get(i), sb);
      }
      sb.append(']');
    } else {
      string(v.toString(), sb);
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
