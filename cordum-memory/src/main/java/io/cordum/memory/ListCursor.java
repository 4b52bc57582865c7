package io.cordum.memory;

import io.cordum.api.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of a job listing: the (update time, id) of the last job returned, so the next
 * page starts strictly after it even when many jobs share one microsecond.
 */
final class ListCursor {
  private static final String VERSION = "v1:";

  private ListCursor() {}

  static String encode(IndexKey last) {
    String raw = VERSION + last.micros() + ":" + last.id();
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws ValidationException if the cursor was not made by {@link #encode} */
  static IndexKey decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (raw.startsWith(VERSION)) {
        int sep = raw.indexOf(':', VERSION.length());
        if (sep > VERSION.length() && sep < raw.length() - 1) {
          return new IndexKey(Long.parseLong(raw.substring(VERSION.length(), sep)),
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
