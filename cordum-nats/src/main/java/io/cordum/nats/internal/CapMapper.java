package io.cordum.nats.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobCancel;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Payload;
import io.cordum.api.cap.SystemAlert;
import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Internal: maps the {@code cordum-api} CAP records to the generated protobuf messages and back.
 * Every field is mapped; absent message fields are {@code null} in the records; unknown fields are
 * carried both ways. Use {@link io.cordum.nats.CapCodec} instead.
 */
public final class CapMapper {
  private CapMapper() {}

  /**
   * The protobuf message for a packet.
   *
   * @throws IllegalArgumentException if some record's unknown fields are not protobuf-encoded
   */
  public static io.cordum.nats.internal.proto.BusPacket toProto(BusPacket packet) {
    var b =
        io.cordum.nats.internal.proto.BusPacket.newBuilder()
            .setTraceId(packet.traceId())
            .setSenderId(packet.senderId())
            .setProtocolVersion(packet.protocolVersion())
            .setSignature(ByteString.copyFrom(packet.signature()));
    Instant createdAt = packet.createdAt();
    if (createdAt != null) {
      b.setCreatedAt(
          Timestamp.newBuilder()
              .setSeconds(createdAt.getEpochSecond())
              .setNanos(createdAt.getNano()));
    }
    Payload payload = packet.payload();
    if (payload instanceof JobRequest r) {
      b.setJobRequest(JobRequestMapper.toProto(r));
    } else if (payload instanceof JobResult r) {
      b.setJobResult(JobOutcomeMapper.toProto(r));
    } else if (payload instanceof Heartbeat h) {
      b.setHeartbeat(StatusMapper.toProto(h));
    } else if (payload instanceof SystemAlert a) {
      b.setAlert(StatusMapper.toProto(a));
    } else if (payload instanceof JobProgress p) {
      b.setJobProgress(JobOutcomeMapper.toProto(p));
    } else if (payload instanceof JobCancel c) {
      b.setJobCancel(JobOutcomeMapper.toProto(c));
    }
    return b.setUnknownFields(UnknownWriter.of(packet.unknownFields(), "BusPacket")).build();
  }

  /**
   * The record for a parsed packet.
   *
   * @throws IllegalArgumentException if {@code created_at} is outside the range of {@link Instant}
   */
  public static BusPacket fromProto(io.cordum.nats.internal.proto.BusPacket p) {
    return new BusPacket(
        p.getTraceId(),
        p.getSenderId(),
        p.hasCreatedAt() ? instant(p.getCreatedAt()) : null,
        p.getProtocolVersion(),
        payload(p),
        p.getSignature().toByteArray(),
        UnknownReader.of(p.getUnknownFields()));
  }

  /** The protobuf message for a job request. */
  public static io.cordum.nats.internal.proto.JobRequest toProto(JobRequest request) {
    return JobRequestMapper.toProto(request);
  }

  /** The record for a parsed job request. */
  public static JobRequest fromProto(io.cordum.nats.internal.proto.JobRequest request) {
    return JobRequestMapper.fromProto(request);
  }

  private static @Nullable Payload payload(io.cordum.nats.internal.proto.BusPacket p) {
    switch (p.getPayloadCase()) {
      case JOB_REQUEST:
        return JobRequestMapper.fromProto(p.getJobRequest());
      case JOB_RESULT:
        return JobOutcomeMapper.fromProto(p.getJobResult());
      case HEARTBEAT:
        return StatusMapper.fromProto(p.getHeartbeat());
      case ALERT:
        return StatusMapper.fromProto(p.getAlert());
      case JOB_PROGRESS:
        return JobOutcomeMapper.fromProto(p.getJobProgress());
      case JOB_CANCEL:
        return JobOutcomeMapper.fromProto(p.getJobCancel());
      case PAYLOAD_NOT_SET:
      default:
        return null;
    }
  }

  // Nanos outside 0..999,999,999 (invalid per Timestamp, but parseable) are normalised into the
  // seconds, as Instant requires; the unknown fields of the Timestamp itself are not kept.
  private static Instant instant(Timestamp t) {
    try {
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "created_at is out of range: seconds=" + t.getSeconds() + ", nanos=" + t.getNanos(), e);
    }
  }
}
