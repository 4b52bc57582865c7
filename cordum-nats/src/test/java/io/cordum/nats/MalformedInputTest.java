package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cordum.api.CordumException;
import io.cordum.api.cap.BusPacket;
import io.cordum.nats.GoldenVectors.Vector;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes that are not a BusPacket fail with a typed, non-retryable CapDecodeException only. */
class MalformedInputTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void anEmptyArrayIsAValidEmptyPacketWithoutPayload() {
    BusPacket p = CapCodec.decode(new byte[0]);
    assertThat(p.payload()).isNull();
    assertThat(p.createdAt()).isNull();
    assertThat(p.traceId()).isEmpty();
    assertThat(p.senderId()).isEmpty();
    assertThat(p.protocolVersion()).isZero();
    assertThat(p.signature()).isEmpty();
    assertThat(p.unknownFields().isEmpty()).isTrue();
    assertThat(CapCodec.encode(p)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "0a05616263", // trace_id of length 5 with 3 bytes
        "ffffffffffffffffffffff", // varint tag longer than 10 bytes
        "0f", // wire type 7 does not exist
        "0000", // field number 0
        "0a01ff", // trace_id is not UTF-8
        "52030a01c3", // job_request.job_id is not UTF-8 (a cut two-byte sequence)
        "0c", // end-group without a start-group
        "1a0a08ffffffffffffffff7f", // created_at.seconds = Long.MAX_VALUE, beyond Instant
        "5a", // job_result tag without its length
        "5a0a0a016a", // job_result claims 10 bytes, has 3
        "25000048", // fixed32 field 4 cut short
        "5202" + "0a05", // nested length beyond the enclosing message
      })
  void malformedBytesThrowCapDecodeException(String hex) {
    Throwable t = catchThrowable(() -> CapCodec.decode(HEX.parseHex(hex)));
    assertThat(t).isInstanceOf(CapDecodeException.class).isInstanceOf(CordumException.class);
    CapDecodeException e = (CapDecodeException) t;
    assertThat(e.type())
        .isEqualTo("malformed_packet")
        .isEqualTo(CapDecodeException.MALFORMED_PACKET);
    assertThat(e.retryable()).isFalse();
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage()).contains("BusPacket");
  }

  static List<Vector> vectors() {
    return GoldenVectors.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationEitherDecodesOrThrowsCapDecodeException(Vector v) {
    byte[] full = HEX.parseHex(v.hex());
    int failures = 0;
    for (int len = 0; len < full.length; len++) {
      byte[] cut = Arrays.copyOf(full, len);
      try {
        CapCodec.decode(cut);
      } catch (CapDecodeException e) {
        failures++;
      }
    }
    // Cutting inside the payload (the last, length-delimited field here) always breaks it.
    assertThat(failures).isPositive();
    assertThatThrownBy(() -> CapCodec.decode(Arrays.copyOf(full, full.length - 1)))
        .isInstanceOf(CapDecodeException.class);
  }

  @Test
  void randomBytesNeverThrowAnythingElse() {
    Random random = new Random(20260118L);
    int decoded = 0;
    int rejected = 0;
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      try {
        CapCodec.decode(bytes);
        decoded++;
      } catch (CapDecodeException e) {
        rejected++;
      }
    }
    assertThat(rejected).isPositive();
    assertThat(decoded + rejected).isEqualTo(5_000);
  }

  @Test
  void randomlyCorruptedVectorsNeverThrowAnythingElse() {
    Random random = new Random(7L);
    for (Vector v : GoldenVectors.ALL) {
      byte[] full = HEX.parseHex(v.hex());
      for (int i = 0; i < 500; i++) {
        byte[] corrupt = full.clone();
        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
        try {
          BusPacket p = CapCodec.decode(corrupt);
          // Whatever decodes also encodes.
          assertThat(CapCodec.encode(p)).isNotNull();
        } catch (CapDecodeException e) {
          assertThat(e.type()).isEqualTo(CapDecodeException.MALFORMED_PACKET);
        }
      }
    }
  }
}
