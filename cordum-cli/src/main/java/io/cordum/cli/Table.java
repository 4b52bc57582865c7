package io.cordum.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A plain-text table: upper-case headers, columns two spaces apart, no trailing spaces. */
final class Table {
  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers;
  }

  Table row(@Nullable Object... cells) {
    String[] r = new String[headers.length];
    for (int i = 0; i < r.length; i++) {
      Object c = i < cells.length ? cells[i] : null;
      r[i] = cell(c);
    }
    rows.add(r);
    return this;
  }

  static String cell(@Nullable Object c) {
    if (c == null) {
      return "-";
    }
    if (c instanceof Instant t) {
      return time(t);
    }
    String s = c.toString().replace('\n', ' ');
    return s.isEmpty() ? "-" : s;
  }

  /** A time in tables: UTC to the second. */
  static String time(@Nullable Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  void print(PrintStream out) {
    int[] w = new int[headers.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = headers[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    line(out, headers, w);
    rows.forEach(r -> line(out, r, w));
  }

  private static void line(PrintStream out, String[] cells, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      b.append(cells[i]);
      if (i < cells.length - 1) {
        b.append(" ".repeat(w[i] - cells[i].length() + 2));
      }
    }
    out.println(b.toString().stripTrailing());
  }

  /** Key/value lines for one object ({@code describe}-style). */
  static void fields(PrintStream out, @Nullable Object... kv) {
    int w = 0;
    for (int i = 0; i < kv.length; i += 2) {
      w = Math.max(w, String.valueOf(kv[i]).length());
    }
    for (int i = 0; i + 1 < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v == null
          || v instanceof String s && s.isEmpty()
          || v instanceof java.util.Collection<?> c && c.isEmpty()
          || v instanceof java.util.Map<?, ?> m && m.isEmpty()) {
        continue;
      }
      String label = kv[i] + ":";
      out.println(label + " ".repeat(w + 2 - label.length() + 1) + cell(v));
    }
  }

  @Override
  public String toString() {
    return Arrays.toString(headers) + " " + rows.size() + " rows";
  }
}
