package io.cordum.nats;

import io.cordum.api.CordumException;

/**
 * Input that {@link CapCodec} cannot read as a CAP message: bytes that are not a binary {@code
 * BusPacket} ({@link #type()} {@value #MALFORMED_PACKET}) or text that is not a protobuf JSON
 * {@code JobRequest} ({@link #type()} {@value #MALFORMED_JSON}). Never retryable: the same input
 * fails the same way, so a consumer should drop or dead-letter it rather than redeliver it.
 */
public final class CapDecodeException extends CordumException {
  private static final long serialVersionUID = 1L;

  /** The type of a failure to decode binary bus bytes. */
  public static final String MALFORMED_PACKET = "malformed_packet";

  /** The type of a failure to parse a protobuf JSON job request. */
  public static final String MALFORMED_JSON = "malformed_json";

  CapDecodeException(String type, String message, Throwable cause) {
    super(type, message, false, cause);
  }
}
