package io.cordum.redis.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings ({@code 72h}, {@code 1h30m}, {@code 1.5h}, {@code 300ms}), the
 * format of Cordum's {@code JOB_META_TTL} and {@code REDIS_DATA_TTL}.
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

  private GoDuration() {}

  /** The duration, or empty if the text is not a Go duration. */
  public static Optional<Duration> parse(String text) {
    String s = text.trim();
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.startsWith("-");
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
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(unit(m.group(2))));
      at = m.end();
    }
    try {
      Duration d = Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
      return Optional.of(negative ? d.negated() : d);
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal unit(String u) {
    return switch (u) {
      case "ns" -> BigDecimal.ONE;
      case "us", "µs", "μs" -> BigDecimal.valueOf(1_000L);
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> BigDecimal.valueOf(1_000_000_000L);
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      default -> BigDecimal.valueOf(3_600_000_000_000L);
    };
  }
}
