package io.cordum.redis.internal;

import io.cordum.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a job listing: the (update time, id) of the last job returned, so the next
 * page starts strictly after it even when many jobs share one microsecond. The same format as the
 * in-memory store's.
 *
 * @param micros the last job's update time
 * @param id the last job's id
 */
public record ListCursor(long micros, String id) {
  private static final String VERSION = "v1:";

  /** The cursor's opaque text. */
  public String encode() {
    String raw = VERSION + micros + ":" + id;
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws ValidationException if the text was not made by {@link #encode} */
  public static ListCursor decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(VERSION)) {
        int sep = raw.indexOf(':', VERSION.length());
        if (sep > VERSION.length() && sep < raw.length() - 1) {
          return new ListCursor(Long.parseLong(raw.substring(VERSION.length(), sep)),
              raw.substring(sep + 1));
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
