package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobProgress;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import io.cordum.api.cap.UnknownFields;
import io.cordum.nats.FullPackets.Case;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fields and enum numbers from a newer CAP version survive decode then encode byte-for-byte. */
class UnknownFieldsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static UnknownFieldSet unknown(int number, long varint, String text) {
    return UnknownFieldSet.newBuilder()
        .addField(number, UnknownFieldSet.Field.newBuilder().addVarint(varint).build())
        .addField(
            number + 1,
            UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(ByteString.copyFromUtf8(text))
                .build())
        .build();
  }

  @Test
  void handWrittenRequestWithField99AndPacketWithField50() {
    // REQ with varint field 99 (= 5) appended to the job request (length 0x68 -> 0x6b) and a
    // string field 50 (= "hi") appended to the packet.
    String req = GoldenVectors.REQ.hex();
    String hex = req.replace("52680a056a6f622d31", "526b0a056a6f622d31") + "980605" + "9203026869";
    BusPacket decoded = CapCodec.decode(HEX.parseHex(hex));

    JobRequest request = Objects.requireNonNull(decoded.jobRequest());
    assertThat(request.unknownFields()).isEqualTo(UnknownFields.of(HEX.parseHex("980605")));
    assertThat(decoded.unknownFields()).isEqualTo(UnknownFields.of(HEX.parseHex("9203026869")));
    // Everything known is still read as in the golden vector.
    assertThat(
            decoded.toBuilder()
                .unknownFields(UnknownFields.EMPTY)
                .payload(request.toBuilder().unknownFields(UnknownFields.EMPTY).build())
                .build())
        .isEqualTo(GoldenVectors.REQ.packet());
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(hex);
  }

  static List<Case> cases() {
    return FullPackets.CASES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unknownFieldsOnThePacketAndEveryPayloadSurvive(Case c) {
    io.cordum.nats.internal.proto.BusPacket full = FullPackets.packetProto(c);
    io.cordum.nats.internal.proto.BusPacket.Builder b =
        full.toBuilder().setUnknownFields(unknown(50, 1, "packet"));
    switch (full.getPayloadCase()) {
      case JOB_REQUEST -> {
        var r = full.getJobRequest().toBuilder().setUnknownFields(unknown(99, 2, "request"));
        r.setContextHints(r.getContextHints().toBuilder().setUnknownFields(unknown(20, 3, "h")));
        r.setBudget(r.getBudget().toBuilder().setUnknownFields(unknown(21, 4, "b")));
        r.setMeta(r.getMeta().toBuilder().setUnknownFields(unknown(22, 5, "m")));
        b.setJobRequest(r);
      }
      case JOB_RESULT ->
          b.setJobResult(
              full.getJobResult().toBuilder().setUnknownFields(unknown(99, 6, "result")));
      case HEARTBEAT ->
          b.setHeartbeat(
              full.getHeartbeat().toBuilder().setUnknownFields(unknown(9, 7, "in the gap 8-10")));
      case ALERT -> b.setAlert(full.getAlert().toBuilder().setUnknownFields(unknown(99, 8, "a")));
      case JOB_PROGRESS ->
          b.setJobProgress(full.getJobProgress().toBuilder().setUnknownFields(unknown(99, 9, "p")));
      case JOB_CANCEL ->
          b.setJobCancel(full.getJobCancel().toBuilder().setUnknownFields(unknown(99, 10, "c")));
      default -> throw new AssertionError(full.getPayloadCase());
    }
    byte[] bytes = b.build().toByteArray();

    BusPacket decoded = CapCodec.decode(bytes);
    assertThat(decoded.unknownFields().isEmpty()).isFalse();
    assertThat(decoded).isNotEqualTo(FullPackets.packet(c.record()));
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(HEX.formatHex(bytes));
    if (decoded.payload() instanceof JobRequest r) {
      assertThat(r.unknownFields().isEmpty()).isFalse();
      assertThat(Objects.requireNonNull(r.contextHints()).unknownFields().isEmpty()).isFalse();
      assertThat(Objects.requireNonNull(r.budget()).unknownFields().isEmpty()).isFalse();
      assertThat(Objects.requireNonNull(r.meta()).unknownFields().isEmpty()).isFalse();
    }
  }

  @Test
  void aPayloadTypeFromTheFutureIsKeptAsAnUnknownField() {
    // field 17, length-delimited, holding { 1: "x" }: a oneof member this version does not know.
    String hex = "120173" + "2001" + "8a0103" + "0a0178";
    BusPacket decoded = CapCodec.decode(HEX.parseHex(hex));
    assertThat(decoded.payload()).isNull();
    assertThat(decoded.unknownFields()).isEqualTo(UnknownFields.of(HEX.parseHex("8a01030a0178")));
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(hex);
  }

  @Test
  void aKnownFieldWithTheWrongWireTypeIsKeptAsAnUnknownField() {
    // job_request { job_id "j", priority as a length-delimited field (wrong wire type) }
    String hex = "5206" + "0a016a" + "1a0161";
    BusPacket decoded = CapCodec.decode(HEX.parseHex(hex));
    JobRequest r = Objects.requireNonNull(decoded.jobRequest());
    assertThat(r.priority()).isEqualTo(JobPriority.UNSPECIFIED);
    assertThat(r.unknownFields()).isEqualTo(UnknownFields.of(HEX.parseHex("1a0161")));
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(hex);
  }

  @Test
  void unknownEnumNumbersDecodeToUnrecognizedAndAreWrittenBackUnchanged() {
    // job_request { job_id "j", priority 7 }
    String hex = "5205" + "0a016a" + "1807";
    BusPacket decoded = CapCodec.decode(HEX.parseHex(hex));
    assertThat(Objects.requireNonNull(decoded.jobRequest()).priority())
        .isEqualTo(JobPriority.UNRECOGNIZED);
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(hex);
    // Different unknown numbers are different values.
    assertThat(CapCodec.decode(HEX.parseHex("5205" + "0a016a" + "1808"))).isNotEqualTo(decoded);
  }

  @Test
  void negativeAndNestedUnknownEnumNumbersSurviveNextToOtherUnknownFields() {
    var proto =
        io.cordum.nats.internal.proto.BusPacket.newBuilder()
            .setJobRequest(
                io.cordum.nats.internal.proto.JobRequest.newBuilder()
                    .setJobId("j")
                    .setPriorityValue(-3)
                    .setMeta(
                        io.cordum.nats.internal.proto.JobMetadata.newBuilder()
                            .setActorTypeValue(1000)
                            .setPackId("p")
                            .setUnknownFields(unknown(30, 1, "x")))
                    .setUnknownFields(unknown(2, 9, "wrong wire types at known numbers")))
            .build();
    byte[] bytes = proto.toByteArray();
    BusPacket decoded = CapCodec.decode(bytes);
    JobRequest r = Objects.requireNonNull(decoded.jobRequest());
    assertThat(r.priority()).isEqualTo(JobPriority.UNRECOGNIZED);
    assertThat(Objects.requireNonNull(r.meta()).actorType()).isEqualTo(ActorType.UNRECOGNIZED);
    assertThat(r.topic()).isEmpty();
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(HEX.formatHex(bytes));
  }

  @Test
  void unknownStatusNumbersOnResultsAndProgressSurvive() {
    for (var proto :
        List.of(
            io.cordum.nats.internal.proto.BusPacket.newBuilder()
                .setJobResult(
                    io.cordum.nats.internal.proto.JobResult.newBuilder()
                        .setJobId("j")
                        .setStatusValue(42)
                        .setWorkerId("w"))
                .build(),
            io.cordum.nats.internal.proto.BusPacket.newBuilder()
                .setJobProgress(
                    io.cordum.nats.internal.proto.JobProgress.newBuilder()
                        .setJobId("j")
                        .setPercent(3)
                        .setStatusValue(10))
                .build())) {
      byte[] bytes = proto.toByteArray();
      BusPacket decoded = CapCodec.decode(bytes);
      JobStatus status =
          decoded.payload() instanceof JobResult res
              ? res.status()
              : ((JobProgress) Objects.requireNonNull(decoded.payload())).status();
      assertThat(status).isEqualTo(JobStatus.UNRECOGNIZED);
      assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(HEX.formatHex(bytes));
    }
  }

  @Test
  void settingAKnownConstantReplacesTheKeptUnknownNumber() {
    byte[] bytes =
        io.cordum.nats.internal.proto.BusPacket.newBuilder()
            .setJobResult(
                io.cordum.nats.internal.proto.JobResult.newBuilder()
                    .setJobId("j")
                    .setStatusValue(42))
            .build()
            .toByteArray();
    JobResult decoded = Objects.requireNonNull(CapCodec.decode(bytes).jobResult());
    JobResult changed = decoded.toBuilder().status(JobStatus.FAILED).build();
    // job_result { job_id "j", status 6 } and nothing else: 42 is not written after it.
    assertThat(
            HEX.formatHex(
                CapCodec.encode(BusPacket.builder().protocolVersion(0).payload(changed).build())))
        .isEqualTo("5a05" + "0a016a" + "1006");
  }

  @Test
  void unrecognizedWithoutAKeptNumberIsWrittenAsZero() {
    JobResult result = JobResult.builder().jobId("j").status(JobStatus.UNRECOGNIZED).build();
    byte[] bytes = CapCodec.encode(BusPacket.builder().protocolVersion(0).payload(result).build());
    assertThat(HEX.formatHex(bytes)).isEqualTo("5a03" + "0a016a");
    assertThat(Objects.requireNonNull(CapCodec.decode(bytes).jobResult()).status())
        .isEqualTo(JobStatus.UNSPECIFIED);
  }

  @Test
  void handMadeUnknownFieldsThatAreNotProtobufAreRejectedOnEncode() {
    BusPacket packet =
        BusPacket.builder().unknownFields(UnknownFields.of(HEX.parseHex("0a05"))).build();
    assertThatThrownBy(() -> CapCodec.encode(packet))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BusPacket");
  }
}
