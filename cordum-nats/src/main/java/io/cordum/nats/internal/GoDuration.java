package io.cordum.nats.internal;

import io.cordum.api.ValidationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings as Cordum's env variables use them ({@code 168h}, {@code 10m},
 * {@code 1h30m}, {@code 500ms}, {@code 2.5s}); a bare number counts as seconds.
 */
public final class GoDuration {
  private static final Pattern PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * Parses a duration.
   *
   * @param field the env variable or option, named in the error
   * @throws ValidationException if the text is not a positive Go duration
   */
  public static Duration parse(String field, String text) {
    String t = text.trim();
    if (t.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    Matcher m = PART.matcher(t);
    int pos = 0;
    double nanos = 0;
    while (m.find() && m.start() == pos) {
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    if (t.isEmpty() || pos != t.length() || nanos <= 0) {
      throw new ValidationException(field, "must be a positive duration such as 168h, 10m or"
          + " 500ms, was \"" + text + "\"");
    }
    return Duration.ofNanos((long) nanos);
  }
}
