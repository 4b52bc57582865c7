package io.cordum.server.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object per log line: {@code ts}, {@code level}, {@code logger}, {@code thread}, {@code
 * msg}, every MDC entry as a top-level field ({@code job_id}, {@code trace_id}, {@code run_id},
 * ...) and {@code error} with the stack trace. Flat fields are what log shippers index without
 * configuration.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
  private static final Set<String> RESERVED =
      Set.of("ts", "level", "logger", "thread", "msg", "error");

  @Override
  public String doLayout(ILoggingEvent e) {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
    b.append(',');
    field(b, "level", e.getLevel().toString());
    b.append(',');
    field(b, "logger", e.getLoggerName());
    b.append(',');
    field(b, "thread", e.getThreadName());
    b.append(',');
    field(b, "msg", e.getFormattedMessage());
    Map<String, String> mdc = e.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach(
          (k, v) -> {
            if (k != null && v != null && !RESERVED.contains(k)) {
              b.append(',');
              field(b, k, v);
            }
          });
    }
    IThrowableProxy t = e.getThrowableProxy();
    if (t != null) {
      b.append(',');
      field(b, "error", ThrowableProxyUtil.asString(t));
    }
    return b.append("}\n").toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    quote(b, name);
    b.append(':');
    quote(b, value == null ? "" : value);
  }

  /** Appends a JSON string literal. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
