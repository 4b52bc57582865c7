package io.cordum.api.cap;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of every bus message ({@code cordum.agent.v1.BusPacket}): one CAP payload plus
 * correlation data. The whole NATS message body is one encoded packet.
 *
 * @param traceId field 1, correlation id of a request or workflow tree
 * @param senderId field 2, the emitting component or worker id
 * @param createdAt field 3, emission time; {@code null} when absent
 * @param protocolVersion field 4, always {@value Subjects#PROTOCOL_VERSION} for packets Cordum
 *     produces; not checked on receipt
 * @param payload fields 10 to 13, 15 and 16 ({@code oneof payload}); {@code null} when absent
 * @param signature field 14, an optional signature that Cordum carries through untouched
 * @param unknownFields fields this version does not know
 */
public record BusPacket(
    String traceId,
    String senderId,
    @Nullable Instant createdAt,
    int protocolVersion,
    @Nullable Payload payload,
    byte[] signature,
    UnknownFields unknownFields) {

  /** Normalises nulls and copies the signature. */
  public BusPacket {
    traceId = Values.str(traceId);
    senderId = Values.str(senderId);
    signature = signature == null ? new byte[0] : signature.clone();
    unknownFields = unknownFields == null ? UnknownFields.EMPTY : unknownFields;
  }

  /**
   * A packet as Cordum components emit them: protocol version 1, no signature.
   *
   * @param traceId the trace id ({@code ""} for none)
   * @param senderId the emitting component
   * @param createdAt the emission time
   * @param payload the payload
   */
  public static BusPacket of(String traceId, String senderId, Instant createdAt, Payload payload) {
    return new BusPacket(
        traceId,
        senderId,
        createdAt,
        Subjects.PROTOCOL_VERSION,
        payload,
        new byte[0],
        UnknownFields.EMPTY);
  }

  /** A copy of the signature bytes (empty when unsigned). */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The job request payload, or {@code null} when the payload is of another type. */
  public @Nullable JobRequest jobRequest() {
    return payload instanceof JobRequest r ? r : null;
  }

  /** The job result payload, or {@code null} when the payload is of another type. */
  public @Nullable JobResult jobResult() {
    return payload instanceof JobResult r ? r : null;
  }

  /** The heartbeat payload, or {@code null} when the payload is of another type. */
  public @Nullable Heartbeat heartbeat() {
    return payload instanceof Heartbeat h ? h : null;
  }

  /** A copy of this packet with another payload. */
  public BusPacket withPayload(@Nullable Payload newPayload) {
    return new BusPacket(
        traceId, senderId, createdAt, protocolVersion, newPayload, signature, unknownFields);
  }

  /** A builder with every field at its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this record's values. */
  public Builder toBuilder() {
    return new Builder()
        .traceId(traceId)
        .senderId(senderId)
        .createdAt(createdAt)
        .protocolVersion(protocolVersion)
        .payload(payload)
        .signature(signature)
        .unknownFields(unknownFields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BusPacket p
        && traceId.equals(p.traceId)
        && senderId.equals(p.senderId)
        && Objects.equals(createdAt, p.createdAt)
        && protocolVersion == p.protocolVersion
        && Objects.equals(payload, p.payload)
        && Arrays.equals(signature, p.signature)
        && unknownFields.equals(p.unknownFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        traceId,
        senderId,
        createdAt,
        protocolVersion,
        payload,
        Arrays.hashCode(signature),
        unknownFields);
  }

  @Override
  public String toString() {
    return "BusPacket[traceId="
        + traceId
        + ", senderId="
        + senderId
        + ", createdAt="
        + createdAt
        + ", protocolVersion="
        + protocolVersion
        + ", payload="
        + payload
        + (signature.length == 0 ? "" : ", signature=" + HexFormat.of().formatHex(signature))
        + (unknownFields.isEmpty() ? "" : ", " + unknownFields)
        + "]";
  }

  /** Builds {@link BusPacket} values. */
  public static final class Builder {
    private String traceId = "";
    private String senderId = "";
    private @Nullable Instant createdAt;
    private int protocolVersion = Subjects.PROTOCOL_VERSION;
    private @Nullable Payload payload;
    private byte[] signature = new byte[0];
    private UnknownFields unknownFields = UnknownFields.EMPTY;

    private Builder() {}

    /** Sets the trace id (field 1). */
    public Builder traceId(String v) {
      this.traceId = v;
      return this;
    }

    /** Sets the sender id (field 2). */
    public Builder senderId(String v) {
      this.senderId = v;
      return this;
    }

    /** Sets the creation time (field 3); {@code null} leaves it absent. */
    public Builder createdAt(@Nullable Instant v) {
      this.createdAt = v;
      return this;
    }

    /** Sets the protocol version (field 4); defaults to 1. */
    public Builder protocolVersion(int v) {
      this.protocolVersion = v;
      return this;
    }

    /** Sets the payload. */
    public Builder payload(@Nullable Payload v) {
      this.payload = v;
      return this;
    }

    /** Sets the signature bytes (field 14). */
    public Builder signature(byte[] v) {
      this.signature = v.clone();
      return this;
    }

    /** Sets the unknown fields to carry. */
    public Builder unknownFields(UnknownFields v) {
      this.unknownFields = v;
      return this;
    }

    /** Builds the packet. */
    public BusPacket build() {
      return new BusPacket(
          traceId, senderId, createdAt, protocolVersion, payload, signature, unknownFields);
    }
  }
}
