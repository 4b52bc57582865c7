package io.cordum.nats.internal;

import io.cordum.api.ValidationException;
import io.cordum.api.config.GoDurations;
import java.time.Duration;
import java.util.Optional;

/**
 * Parses Go duration strings as Cordum's env variables use them ({@code 168h}, {@code 10m}, {@code
 * 1h30m}, {@code 500ms}, {@code 2.5s}); a bare number counts as seconds.
 */
public final class GoDuration {
  private GoDuration() {}

  /**
   * Parses a duration: a Go duration ({@link GoDurations}) or, as Cordum also accepts there, a bare
   * number of seconds.
   *
   * @param field the env variable or option, named in the error
   * @throws ValidationException if the text is not a positive duration
   */
  public static Duration parse(String field, String text) {
    String t = text.trim();
    Optional<Duration> d =
        t.matches("\\d+")
            ? Optional.of(Duration.ofSeconds(Long.parseLong(t))).filter(x -> !x.isZero())
            : GoDurations.parsePositive(t);
    return d.orElseThrow(
        () ->
            new ValidationException(
                field,
                "must be a positive duration such as 168h, 10m or 500ms, was \"" + text + "\""));
  }
}
