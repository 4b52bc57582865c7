package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.nats.GoldenVectors.Vector;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden vectors of spec 10 §2.9: exact bytes out, exact values in. */
class GoldenVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static List<Vector> vectors() {
    return GoldenVectors.ALL;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodingTheValuesGivesExactlyTheGoldenBytes(Vector v) {
    assertThat(HEX.formatHex(CapCodec.encode(v.packet()))).isEqualTo(v.hex());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodingTheGoldenBytesGivesExactlyTheValues(Vector v) {
    assertThat(CapCodec.decode(HEX.parseHex(v.hex()))).isEqualTo(v.packet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodedVectorsCarryNoUnknownFieldsAndReencodeIdentically(Vector v) {
    var decoded = CapCodec.decode(HEX.parseHex(v.hex()));
    assertThat(decoded.unknownFields().isEmpty()).isTrue();
    assertThat(decoded.payload()).isNotNull();
    assertThat(HEX.formatHex(CapCodec.encode(decoded))).isEqualTo(v.hex());
  }
}
