package io.cordum.api.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings ({@code 72h}, {@code 1h30m}, {@code 1.5h}, {@code 300ms}, {@code -2m},
 * {@code 0}): the format of Cordum's duration env variables ({@code JOB_META_TTL}, {@code
 * NATS_JS_ACK_WAIT}, {@code SAFETY_POLICY_RELOAD_INTERVAL}, ...). The one parser every module uses.
 */
public final class GoDurations {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

  private GoDurations() {}

  /** The duration if the text is a positive Go duration, else empty. */
  public static Optional<Duration> parsePositive(String text) {
    return parse(text).filter(d -> !d.isNegative() && !d.isZero());
  }

  /** The duration, or empty if the text is not a Go duration. */
  public static Optional<Duration> parse(String text) {
    String s = text.trim();
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unitNanos(m.group(2))));
      at = m.end();
    }
    try {
      long n = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
      return Optional.of(Duration.ofNanos(negative ? -n : n));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal unitNanos(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs", "μs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        });
  }
}
