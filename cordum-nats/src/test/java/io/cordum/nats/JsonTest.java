package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobPriority;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.UnknownFields;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protobuf JSON of a JobRequest: the {@code job:req:<id>} snapshot format. */
class JsonTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aFullRequestSurvivesAJsonRoundTrip() {
    JobRequest full = FullPackets.fullRequest();
    assertThat(CapCodec.fromJson(CapCodec.toJson(full))).isEqualTo(full);
  }

  @Test
  void jsonUsesLowerCamelCaseEnumNamesAndInt64AsStrings() {
    String json = CapCodec.toJson(FullPackets.fullRequest());
    assertThat(json)
        .contains(
            "\"jobId\":\"job-42\"",
            "\"contextPtr\":\"redis://ctx:job-42\"",
            "\"parentJobId\":\"parent-1\"",
            "\"contextHints\":{\"maxInputTokens\":4096,",
            "\"allowSummarization\":true",
            "\"idempotencyKey\":\"idem-1\"",
            "\"riskTags\":[\"network\",\"fs\"]")
        .contains("\"priority\":\"JOB_PRIORITY_CRITICAL\"", "\"actorType\":\"ACTOR_TYPE_HUMAN\"")
        .contains(
            "\"budget\":{\"maxInputTokens\":\"1\",\"maxOutputTokens\":\"2\","
                + "\"maxTotalTokens\":\"3\",\"deadlineMs\":\"9000000000\"}")
        .contains("\"stepIndex\":3")
        .contains("\"env\":{\"tenant_id\":\"acme\",\"b_second\":\"2\",\"a_third\":\"3\"}")
        .doesNotContain("job_id", "context_ptr", "deadline_ms", "actor_type", "\n");
  }

  @Test
  void everyFieldWithoutPresenceIsWrittenEvenAtItsDefault() {
    assertThat(CapCodec.toJson(JobRequest.builder().build()))
        .isEqualTo(
            "{"
                + "\"jobId\":\"\",\"topic\":\"\",\"priority\":\"JOB_PRIORITY_UNSPECIFIED\","
                + "\"contextPtr\":\"\",\"adapterId\":\"\",\"env\":{},\"parentJobId\":\"\","
                + "\"workflowId\":\"\",\"stepIndex\":0,\"memoryId\":\"\",\"tenantId\":\"\","
                + "\"principalId\":\"\",\"labels\":{}}");
    assertThat(
            CapCodec.toJson(
                JobRequest.builder()
                    .budget(Budget.builder().build())
                    .meta(JobMetadata.builder().build())
                    .build()))
        .contains(
            "\"budget\":{\"maxInputTokens\":\"0\",\"maxOutputTokens\":\"0\","
                + "\"maxTotalTokens\":\"0\",\"deadlineMs\":\"0\"}")
        .contains(
            "\"meta\":{\"tenantId\":\"\",\"actorId\":\"\","
                + "\"actorType\":\"ACTOR_TYPE_UNSPECIFIED\",\"idempotencyKey\":\"\","
                + "\"capability\":\"\",\"riskTags\":[],\"requires\":[],\"packId\":\"\",\"labels\":{}}");
  }

  @Test
  void readsWhatGoProtojsonWritesWithEmitUnpopulated() {
    // Go writes absent message fields as null, may add spaces, and int64 as strings.
    String go =
        "{\"jobId\":\"job-1\", \"topic\":\"job.default\","
            + " \"priority\":\"JOB_PRIORITY_INTERACTIVE\", \"contextPtr\":\"redis://ctx:job-1\","
            + " \"adapterId\":\"\", \"env\":{\"tenant_id\":\"acme\"}, \"parentJobId\":\"\","
            + " \"workflowId\":\"\", \"stepIndex\":0, \"memoryId\":\"\", \"contextHints\":null,"
            + " \"budget\":{\"maxInputTokens\":\"0\", \"maxOutputTokens\":\"0\","
            + " \"maxTotalTokens\":\"0\", \"deadlineMs\":\"60000\"}, \"tenantId\":\"acme\","
            + " \"principalId\":\"\", \"labels\":{\"preferred_pool\":\"p1\"},"
            + " \"meta\":{\"tenantId\":\"\", \"actorId\":\"\", \"actorType\":\"ACTOR_TYPE_SERVICE\","
            + " \"idempotencyKey\":\"\", \"capability\":\"\", \"riskTags\":[], \"requires\":[\"gpu\"],"
            + " \"packId\":\"\", \"labels\":{}}}";
    assertThat(CapCodec.fromJson(go))
        .isEqualTo(Objects.requireNonNull(GoldenVectors.REQ.packet().jobRequest()));
  }

  @Test
  void acceptsProtoNamesNumbersForEnumsAndInt64AndIgnoresUnknownFields() {
    String json =
        "{\n  \"job_id\": \"j\",\n  \"priority\": 2,\n"
            + "  \"budget\": {\"deadline_ms\": 1500},\n  \"meta\": {\"actor_type\": \"ACTOR_TYPE_HUMAN\"},"
            + "\n  \"from_the_future\": {\"x\": [1, 2]}\n}";
    assertThat(CapCodec.fromJson(json))
        .isEqualTo(
            JobRequest.builder()
                .jobId("j")
                .priority(JobPriority.BATCH)
                .budget(Budget.builder().deadlineMs(1500).build())
                .meta(JobMetadata.builder().actorType(ActorType.HUMAN).build())
                .build());
  }

  @Test
  void aKeptUnknownEnumNumberIsWrittenAsANumberAndReadBack() {
    // job_request { job_id "j", priority 7 }
    JobRequest decoded =
        Objects.requireNonNull(CapCodec.decode(HEX.parseHex("52050a016a1807")).jobRequest());
    String json = CapCodec.toJson(decoded);
    assertThat(json).contains("\"priority\":7");
    JobRequest back = CapCodec.fromJson(json);
    assertThat(back.priority()).isEqualTo(JobPriority.UNRECOGNIZED);
    assertThat(back).isEqualTo(decoded);
  }

  @Test
  void otherUnknownFieldsAreNotPartOfTheJson() {
    JobRequest plain = JobRequest.builder().jobId("j").build();
    JobRequest withUnknown =
        plain.toBuilder().unknownFields(UnknownFields.of(HEX.parseHex("980605"))).build();
    assertThat(CapCodec.toJson(withUnknown)).isEqualTo(CapCodec.toJson(plain));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"jobId\":",
        "[1, 2]",
        "{\"budget\":\"x\"}",
        "{\"stepIndex\":\"abc\"}",
        "{\"budget\":{\"deadlineMs\":\"1.5e999\"}}",
        "{\"env\":[\"a\"]}",
      })
  void malformedJsonThrowsCapDecodeException(String json) {
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> CapCodec.fromJson(json)))
        .isInstanceOfSatisfying(
            CapDecodeException.class,
            e -> {
              assertThat(e.type()).isEqualTo(CapDecodeException.MALFORMED_JSON);
              assertThat(e.retryable()).isFalse();
            });
  }
}
