package io.cordum.api.internal.store;

import io.cordum.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a time-ordered listing: the (time, id) of the last item returned, so the
 * next page starts strictly after it even when many items share one microsecond. Every store that
 * lists by update or creation time uses this one format (job, artifact and dead-letter listings).
 *
 * @param micros the last item's time (update time for jobs, creation time for artifacts and dead
 *     letters), in microseconds
 * @param id the last item's id
 */
public record ListCursor(long micros, String id) {
  private static final String VERSION = "v1:";

  /** The cursor's opaque text. */
  public String encode() {
    String raw = VERSION + micros + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws ValidationException if the text was not made by {@link #encode}
   */
  public static ListCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(VERSION)) {
        int sep = raw.indexOf(':', VERSION.length());
        if (sep > VERSION.length() && sep < raw.length() - 1) {
          return new ListCursor(
              Long.parseLong(raw.substring(VERSION.length(), sep)), raw.substring(sep + 1));
        }
      }
    } catch (IllegalArgumentException e) { // bad base64 or number
      throw invalid();
    }
    throw invalid();
  }

  private static ValidationException invalid() {
    return new ValidationException("cursor", "must be the next_cursor of an earlier page");
  }
}
