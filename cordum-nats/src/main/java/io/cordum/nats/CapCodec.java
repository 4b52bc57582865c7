package io.cordum.nats;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.nats.internal.CapMapper;
import java.util.Objects;

/**
 * Encodes and decodes CAP messages: {@link BusPacket} as binary protobuf (the body of every bus
 * message) and {@link JobRequest} as protobuf JSON (the job request snapshot in stores).
 *
 * <p><b>Binary.</b> {@link #encode} writes the bytes protobuf-java, protobuf-go and protobufjs
 * write for the same values: fields in ascending number order, proto3 defaults omitted, map entries
 * in the records' insertion order, {@code signature} (field 14) between {@code alert} (13) and
 * {@code job_progress} (15). {@link #decode} accepts anything a proto3 parser accepts, including
 * explicitly written default values. Absent message fields ({@code created_at}, {@code
 * context_hints}, {@code budget}, {@code meta}, the payload) decode to {@code null}, and a present
 * but empty one to a record with default values, so presence survives a round trip.
 *
 * <p><b>Unknown fields.</b> Fields this version does not know, at any level, are kept in each
 * record's {@code unknownFields} and written back by {@link #encode}: decoding and re-encoding a
 * packet from a newer CAP version gives the same bytes (provided the sender wrote fields in
 * ascending order, as every CAP SDK does; unknown fields are re-emitted after the known ones).
 *
 * <p><b>Unknown enum numbers.</b> An enum number this version does not know decodes to the {@code
 * UNRECOGNIZED} constant, and the number itself is kept in that record's {@code unknownFields} (as
 * a varint at the enum's field number), so re-encoding writes the same number at its usual place
 * and the bytes stay identical. Setting a known constant on such a record replaces the kept number.
 * A record built with {@code UNRECOGNIZED} and no kept number encodes as 0 (the field is omitted).
 *
 * <p><b>JSON.</b> {@link #toJson} writes the protobuf JSON mapping as Cordum's Go code writes the
 * {@code job:req:<id>} snapshot: every field present, including those at their default value,
 * lowerCamelCase names, enum values by name, 64-bit integers as strings. Absent message fields are
 * left out (Go writes them as {@code null}; both readers treat the two alike). JSON carries no
 * unknown fields other than kept enum numbers, which it writes as numbers. {@link #fromJson}
 * accepts lowerCamelCase and original (snake_case) names and ignores fields it does not know.
 *
 * <p>All methods are thread-safe and stateless.
 */
public final class CapCodec {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private CapCodec() {}

  /**
   * Encodes a packet as binary protobuf {@code cordum.agent.v1.BusPacket}.
   *
   * @param packet the packet
   * @return the encoded bytes, the whole body of a bus message
   * @throws IllegalArgumentException if the {@code unknownFields} of some record in the packet are
   *     not protobuf-encoded fields (only possible for hand-made {@code UnknownFields})
   */
  public static byte[] encode(BusPacket packet) {
    Objects.requireNonNull(packet, "packet");
    return CapMapper.toProto(packet).toByteArray();
  }

  /**
   * Decodes binary protobuf bytes into a packet. An empty array is a valid, empty packet: every
   * field at its default and no payload.
   *
   * @param bytes the whole body of a bus message
   * @return the packet
   * @throws CapDecodeException with type {@value CapDecodeException#MALFORMED_PACKET} if the bytes
   *     are not a {@code BusPacket} (truncated, bad wire type, invalid UTF-8 in a string, a {@code
   *     created_at} outside the range of {@link java.time.Instant}, ...)
   */
  public static BusPacket decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    io.cordum.nats.internal.proto.BusPacket proto;
    try {
      proto = io.cordum.nats.internal.proto.BusPacket.parseFrom(bytes);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new CapDecodeException(
          CapDecodeException.MALFORMED_PACKET,
          "not a CAP BusPacket ("
              + bytes.length
              + " bytes): "
              + e.getMessage()
              + "; drop the message or send it to the DLQ, redelivery cannot fix it",
          e);
    }
    try {
      return CapMapper.fromProto(proto);
    } catch (RuntimeException e) {
      throw new CapDecodeException(
          CapDecodeException.MALFORMED_PACKET,
          "not a valid CAP BusPacket (" + bytes.length + " bytes): " + e.getMessage(),
          e);
    }
  }

  /**
   * Writes a job request as protobuf JSON, in the format of the {@code job:req:<id>} snapshot.
   *
   * @param request the job request
   * @return one line of JSON
   * @throws IllegalArgumentException if the request's {@code unknownFields} are not
   *     protobuf-encoded fields (only possible for hand-made {@code UnknownFields})
   */
  public static String toJson(JobRequest request) {
    Objects.requireNonNull(request, "request");
    try {
      return PRINTER.print(CapMapper.toProto(request));
    } catch (InvalidProtocolBufferException e) {
      // Only messages holding google.protobuf.Any can fail to print; JobRequest holds none.
      throw new IllegalStateException("cannot print a JobRequest as JSON", e);
    }
  }

  /**
   * Parses a job request from protobuf JSON, such as a {@code job:req:<id>} snapshot written by
   * {@link #toJson} or by Cordum's Go code.
   *
   * @param json the JSON object
   * @return the job request
   * @throws CapDecodeException with type {@value CapDecodeException#MALFORMED_JSON} if the text is
   *     not a JSON object of the {@code JobRequest} shape
   */
  public static JobRequest fromJson(String json) {
    Objects.requireNonNull(json, "json");
    var builder = io.cordum.nats.internal.proto.JobRequest.newBuilder();
    try {
      PARSER.merge(json, builder);
      return CapMapper.fromProto(builder.build());
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new CapDecodeException(
          CapDecodeException.MALFORMED_JSON,
          "not a CAP JobRequest in protobuf JSON: " + e.getMessage(),
          e);
    }
  }
}
