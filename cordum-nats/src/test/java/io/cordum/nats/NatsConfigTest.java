package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.cap.JobResult;
import io.cordum.api.cap.Subjects;
import io.cordum.nats.internal.DurableSubjects;
import io.cordum.nats.internal.GoDuration;
import io.cordum.testkit.RecordingHandler;
import io.cordum.testkit.servers.NatsServer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NatsConfigTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(NatsConfigTest.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void defaultsAreCordums() {
    NatsConfig c = NatsConfig.builder().build();
    assertThat(c.url()).isEqualTo("nats://localhost:4222");
    assertThat(c.jetStream()).isFalse();
    assertThat(c.maxAge()).isEqualTo(Duration.ofHours(168));
    assertThat(c.ackWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.maxAckPending()).isEqualTo(2048);
    assertThat(c.replicas()).isEqualTo(1);
    assertThat(c.duplicateWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.connectionName()).isEqualTo("cordum-bus");
    assertThat(c.reconnectWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.usesTls()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "YES", "y", "On", " true "})
  void truthyValuesTurnJetStreamOn(String v) {
    assertThat(NatsConfig.fromEnvironment(Map.of("NATS_USE_JETSTREAM", v)).jetStream()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "no", "off", ""})
  void falseValuesLeaveItOff(String v) {
    assertThat(NatsConfig.fromEnvironment(Map.of("NATS_USE_JETSTREAM", v)).jetStream()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"maybe", "2", "enabled", "t"})
  void anythingElseIsRefusedInsteadOfMeaningFalse(String v) {
    assertThatThrownBy(() -> NatsConfig.fromEnvironment(Map.of("NATS_USE_JETSTREAM", v)))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        x -> {
                          assertThat(x.field()).isEqualTo("NATS_USE_JETSTREAM");
                          assertThat(x.rule()).contains("must be a boolean").contains(v);
                        }));
  }

  @Test
  void everyBadVariableIsReportedAtOnce() {
    assertThatThrownBy(
            () ->
                NatsConfig.fromEnvironment(
                    Map.of(
                        "NATS_URL",
                        "http://h:4222",
                        "NATS_TLS_INSECURE",
                        "sure",
                        "NATS_JS_MAX_DELIVER",
                        "0",
                        "NATS_JS_ACK_WAIT",
                        "-1s")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder(
                        "NATS_URL",
                        "NATS_TLS_INSECURE",
                        "NATS_JS_MAX_DELIVER",
                        "NATS_JS_ACK_WAIT"));
  }

  @Test
  void environmentVariablesAreRead() {
    NatsConfig c =
        NatsConfig.fromEnvironment(
            Map.of(
                "NATS_URL",
                "nats://h:1",
                "NATS_JS_MAX_AGE",
                "24h",
                "NATS_JS_ACK_WAIT",
                "1m30s",
                "NATS_JS_REPLICAS",
                "3",
                "NATS_JS_MAX_DELIVER",
                "-1"));
    assertThat(c.url()).isEqualTo("nats://h:1");
    assertThat(c.maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(c.ackWait()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.replicas()).isEqualTo(3);
    assertThat(c.maxDeliver()).isEqualTo(-1);
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> NatsConfig.fromEnvironment(Map.of("NATS_JS_MAX_AGE", "soon")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_JS_MAX_AGE");
    assertThatThrownBy(() -> NatsConfig.fromEnvironment(Map.of("NATS_JS_REPLICAS", "x")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_JS_REPLICAS");
    assertThatThrownBy(() -> NatsConfig.fromEnvironment(Map.of("NATS_TLS_CERT", "/c.pem")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_TLS_CERT")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> NatsConfig.builder().maxDeliver(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxDeliver");
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.parse("x", "168h")).isEqualTo(Duration.ofHours(168));
    assertThat(GoDuration.parse("x", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("x", "2.5s")).isEqualTo(Duration.ofMillis(2500));
    assertThat(GoDuration.parse("x", "30")).isEqualTo(Duration.ofSeconds(30));
    for (String bad : List.of("", "h", "-1s", "1x", "0s", "1h 2m")) {
      assertThatThrownBy(() -> GoDuration.parse("F", bad))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("F");
    }
  }

  @Test
  void durableSubjectsAndNames() {
    assertThat(DurableSubjects.isDurable("sys.job.submit")).isTrue();
    assertThat(DurableSubjects.isDurable("sys.job.result")).isTrue();
    assertThat(DurableSubjects.isDurable("sys.job.dlq")).isTrue();
    assertThat(DurableSubjects.isDurable("job.sre.collect")).isTrue();
    assertThat(DurableSubjects.isDurable("worker.abc.jobs")).isTrue();
    assertThat(DurableSubjects.isDurable("worker.abc.commands")).isFalse();
    assertThat(DurableSubjects.isDurable("sys.ping")).isFalse();
    assertThat(DurableSubjects.isDurable("sys.heartbeat")).isFalse();
    assertThat(DurableSubjects.durableName("cordum-scheduler", "sys.job.submit"))
        .isEqualTo("dur_cordum-scheduler__sys_job_submit");
    assertThat(DurableSubjects.durableName("q", "job.*.>")).isEqualTo("dur_q__job_STAR_GT");
  }

  @Test
  void messageIds() {
    JobRequest r = JobRequest.builder().jobId("job-1").topic("job.test").build();
    assertThat(DurableSubjects.messageId("job.test", BusPacket.of("", "", Instant.EPOCH, r)))
        .isEqualTo("jobreq:job-1");
    assertThat(
            DurableSubjects.messageId(
                "job.test",
                BusPacket.of(
                    "",
                    "",
                    Instant.EPOCH,
                    r.toBuilder().putLabels("cordum.bus_msg_id", " override ").build())))
        .isEqualTo("jobreq:job.test:override");
    assertThat(
            DurableSubjects.messageId(
                Subjects.DLQ,
                BusPacket.of("", "", Instant.EPOCH, JobResult.builder().jobId("job-2").build())))
        .isEqualTo("sys.job.dlq:job-2");
    assertThat(
            DurableSubjects.messageId(
                Subjects.RESULT,
                BusPacket.of("", "", Instant.EPOCH, JobResult.builder().jobId("job-2").build())))
        .isNull();
    assertThat(
            DurableSubjects.messageId(
                "job.x", BusPacket.of("", "", Instant.EPOCH, JobRequest.builder().build())))
        .isNull();
  }

  @Test
  void connectsToATlsServerTrustingItsCa() throws Exception {
    try (NatsServer tls =
            NatsServer.start(
                List.of(
                    "--tls",
                    "--tlscert",
                    resource("cert.pem").toString(),
                    "--tlskey",
                    resource("key.pem").toString()));
        NatsBus bus =
            NatsBus.connect(
                NatsConfig.fromEnvironment(
                    Map.of(
                        "NATS_URL", tls.url(), "NATS_TLS_CA", resource("cert.pem").toString())))) {
      RecordingHandler h = new RecordingHandler();
      bus.subscribe("tls.test", null, h);
      bus.publish(
          "tls.test",
          BusPacket.of(
              "secure",
              "t",
              Instant.EPOCH,
              JobRequest.builder().jobId("j").topic("job.x").build()));
      org.awaitility.Awaitility.await().until(() -> h.count() == 1);
      assertThat(bus.isConnected()).isTrue();
    }
  }
}
