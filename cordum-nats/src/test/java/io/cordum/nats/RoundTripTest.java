package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.Budget;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.nats.FullPackets.Case;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every payload type with every field set, and presence of optional parts. */
class RoundTripTest {
  private static final HexFormat HEX = HexFormat.of();

  static List<Case> cases() {
    return FullPackets.CASES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFieldIsWrittenAtItsOwnNumber(Case c) throws Exception {
    byte[] ours = CapCodec.encode(FullPackets.packet(c.record()));
    byte[] generated = FullPackets.packetProto(c).toByteArray();
    assertThat(HEX.formatHex(ours)).isEqualTo(HEX.formatHex(generated));
    // And the generated parser reads back what the test built, so nothing was dropped.
    assertThat(io.cordum.nats.internal.proto.BusPacket.parseFrom(ours))
        .isEqualTo(FullPackets.packetProto(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFieldIsReadFromItsOwnNumber(Case c) {
    byte[] generated = FullPackets.packetProto(c).toByteArray();
    assertThat(CapCodec.decode(generated)).isEqualTo(FullPackets.packet(c.record()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decodeThenEncodeIsTheIdentity(Case c) {
    BusPacket packet = FullPackets.packet(c.record());
    byte[] bytes = CapCodec.encode(packet);
    BusPacket decoded = CapCodec.decode(bytes);
    assertThat(decoded).isEqualTo(packet);
    assertThat(decoded.payload()).isInstanceOf(c.record().getClass());
    assertThat(CapCodec.encode(decoded)).isEqualTo(bytes);
  }

  @Test
  void mapsKeepInsertionOrderOnTheWireAndInTheRecord() {
    JobRequest request = FullPackets.fullRequest();
    JobRequest decoded = CapCodec.decode(CapCodec.encode(FullPackets.packet(request))).jobRequest();
    assertThat(decoded).isNotNull();
    assertThat(decoded.env().keySet()).containsExactly("tenant_id", "b_second", "a_third");
    assertThat(decoded.labels().keySet()).containsExactly("zone", "preferred_pool");
    assertThat(decoded.meta()).isNotNull();
    assertThat(decoded.meta().labels().keySet()).containsExactly("m2", "m1");
  }

  @Test
  void timestampKeepsNanosecondsAndPreEpochInstants() {
    for (Instant t :
        List.of(
            Instant.ofEpochSecond(0, 1),
            Instant.ofEpochSecond(-1, 999_999_999),
            Instant.parse("2026-01-18T10:15:30.123456789Z"),
            Instant.EPOCH)) {
      BusPacket packet = BusPacket.builder().createdAt(t).build();
      assertThat(CapCodec.decode(CapCodec.encode(packet)).createdAt()).isEqualTo(t);
    }
  }

  @Test
  void absentMessageFieldsStayAbsentAndEmptyOnesStayPresent() {
    BusPacket bare = BusPacket.builder().protocolVersion(0).build();
    assertThat(CapCodec.encode(bare)).isEmpty();
    BusPacket decodedBare = CapCodec.decode(CapCodec.encode(bare));
    assertThat(decodedBare.createdAt()).isNull();
    assertThat(decodedBare.payload()).isNull();

    // Present but all-default: epoch timestamp, empty request with empty nested messages.
    JobRequest emptyParts =
        JobRequest.builder()
            .contextHints(ContextHints.builder().build())
            .budget(Budget.builder().build())
            .meta(JobMetadata.builder().build())
            .build();
    BusPacket present =
        BusPacket.builder().protocolVersion(0).createdAt(Instant.EPOCH).payload(emptyParts).build();
    byte[] bytes = CapCodec.encode(present);
    // created_at {} (1a 00), job_request { context_hints {}, budget {}, meta {} }
    assertThat(HEX.formatHex(bytes)).isEqualTo("1a00" + "5207" + "5a00" + "6200" + "820100");
    BusPacket decoded = CapCodec.decode(bytes);
    assertThat(decoded).isEqualTo(present);
    assertThat(decoded.createdAt()).isEqualTo(Instant.EPOCH);
    JobRequest r = decoded.jobRequest();
    assertThat(r).isNotNull();
    assertThat(r.contextHints()).isEqualTo(ContextHints.builder().build());
    assertThat(r.budget()).isEqualTo(Budget.builder().build());
    assertThat(r.meta()).isEqualTo(JobMetadata.builder().build());
  }

  @Test
  void anEmptyPayloadMessageIsAPayloadNotAbsence() {
    BusPacket packet =
        BusPacket.builder().protocolVersion(0).payload(Heartbeat.builder().build()).build();
    byte[] bytes = CapCodec.encode(packet);
    assertThat(HEX.formatHex(bytes)).isEqualTo("6200");
    assertThat(CapCodec.decode(bytes).heartbeat()).isEqualTo(Heartbeat.builder().build());
  }

  @Test
  void signatureIsCarriedThroughUntouched() {
    byte[] sig = new byte[72];
    for (int i = 0; i < sig.length; i++) {
      sig[i] = (byte) (i * 37);
    }
    BusPacket packet = BusPacket.builder().senderId("s").signature(sig).build();
    assertThat(CapCodec.decode(CapCodec.encode(packet)).signature()).isEqualTo(sig);
  }
}
