package io.cordum.api.cap;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The encoded bytes of fields a decoder did not recognise. Kept on every CAP message so that a
 * message re-encoded by Cordum (for example a job request it forwards to a worker) still carries
 * fields added by a newer CAP version. Immutable.
 */
public final class UnknownFields {
  /** No unknown fields. */
  public static final UnknownFields EMPTY = new UnknownFields(new byte[0]);

  private final byte[] bytes;

  private UnknownFields(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of the given protobuf-encoded bytes; an empty array gives {@link #EMPTY}. */
  public static UnknownFields of(byte[] encoded) {
    return encoded.length == 0 ? EMPTY : new UnknownFields(encoded.clone());
  }

  /** Whether there are no unknown fields. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** A copy of the encoded bytes, in the order they were read. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnknownFields u && Arrays.equals(bytes, u.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return isEmpty() ? "UnknownFields[]" : "UnknownFields[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
