package io.cordum.gateway.internal.routes;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random version-4 UUIDs without SecureRandom's lock (ids need uniqueness, not secrecy). */
final class Ids {
  private Ids() {}

  /** A name-based id for an idempotency key: the same tenant and key give the same id. */
  static String fromKey(String tenant, String key) {
    byte[] d;
    try {
      d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((tenant + "\0" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = hi << 8 | (d[i] & 0xff);
      lo = lo << 8 | (d[i + 8] & 0xff);
    }
    hi = (hi & ~0xF000L) | 0x5000L; // version 5 layout (SHA-based, name-derived)
    lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }
}
