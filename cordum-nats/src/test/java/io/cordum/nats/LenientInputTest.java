package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.ContextHints;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.JobStatus;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Input that other CAP SDKs legitimately produce and that protobuf-java would not write itself:
 * explicitly written default values (protobufjs, spec 10 §2.9 item 2), fields out of order,
 * repeated scalars.
 */
class LenientInputTest {
  private static final HexFormat HEX = HexFormat.of();

  private static BusPacket decode(String hex) {
    return CapCodec.decode(HEX.parseHex(hex));
  }

  @Test
  void explicitZeroNanosAsTheNodeSdkWritesThem() {
    // sender "w1", created_at { seconds 1700000000, nanos 0 (10 00) }, protocol_version 1
    BusPacket p = decode("120277311a080880e2cfaa061000" + "2001");
    assertThat(p.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(p)
        .isEqualTo(
            BusPacket.builder()
                .senderId("w1")
                .createdAt(Instant.ofEpochSecond(1_700_000_000L))
                .build());
    // protobuf-java omits the default again.
    assertThat(HEX.formatHex(CapCodec.encode(p))).isEqualTo("120277311a060880e2cfaa06" + "2001");
  }

  @Test
  void explicitZeroActiveJobs() {
    // heartbeat { worker_id "w1", active_jobs 0 (30 00) }
    BusPacket p = decode("62060a0277313000");
    assertThat(p.heartbeat()).isEqualTo(Heartbeat.builder().workerId("w1").build());
  }

  @Test
  void explicitEmptyErrorCode() {
    // job_result { job_id "j", status SUCCEEDED, error_code "" (32 00) }
    BusPacket p = decode("5a070a016a10053200");
    assertThat(p.jobResult())
        .isEqualTo(JobResult.builder().jobId("j").status(JobStatus.SUCCEEDED).build());
  }

  @Test
  void explicitEmptySignatureAsNodeSignsIt() {
    // sender "s", signature empty (72 00)
    BusPacket p = decode("1201737200");
    assertThat(p.signature()).isEmpty();
    assertThat(p).isEqualTo(BusPacket.builder().senderId("s").protocolVersion(0).build());
    assertThat(HEX.formatHex(CapCodec.encode(p))).isEqualTo("120173");
  }

  @Test
  void everyScalarDefaultWrittenExplicitly() {
    // trace "" (0a00), protocol_version 0 (2000), job_request { step_index 0 (4800),
    // priority 0 (1800), context_hints { allow_summarization false (1000) } (5a02 1000),
    // context_ptr "" (2200) }
    BusPacket p = decode("0a00" + "2000" + "520a" + "4800" + "1800" + "5a021000" + "2200");
    assertThat(p)
        .isEqualTo(
            BusPacket.builder()
                .protocolVersion(0)
                .payload(JobRequest.builder().contextHints(ContextHints.builder().build()).build())
                .build());
  }

  @Test
  void fieldsOutOfOrderAndRepeatedScalarsDecodeToTheLastValue() {
    // protocol_version 1, then sender "a", then trace "t", then sender "b": last one wins.
    BusPacket p = decode("2001" + "120161" + "0a0174" + "120162");
    assertThat(p.senderId()).isEqualTo("b");
    assertThat(p.traceId()).isEqualTo("t");
    assertThat(HEX.formatHex(CapCodec.encode(p))).isEqualTo("0a0174" + "120162" + "2001");
  }

  @Test
  void duplicateMapKeysKeepTheLastValue() {
    // job_request { env { k: "1" }, env { k: "2" } }
    BusPacket p = decode("5210" + "3206" + "0a016b120131" + "3206" + "0a016b120132");
    assertThat(p.jobRequest()).isNotNull();
    assertThat(p.jobRequest().env()).containsExactly(java.util.Map.entry("k", "2"));
  }
}
