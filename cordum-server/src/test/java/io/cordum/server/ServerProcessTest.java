package io.cordum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged jar as a real process: serve, probe, submit over HTTP, stop on SIGTERM. */
class ServerProcessTest {

  @Test
  void servesInMemoryAndStopsCleanlyOnSigterm() throws Exception {
    // JSON logs at DEBUG, so that the scheduler's lines about the job carry its MDC.
    try (ServerProcess s =
        ServerProcess.start(
                List.of("--CORDUM_LOG_LEVEL=DEBUG"), Map.of("CORDUM_LOG_FORMAT", "json"))
            .awaitReady()) {
      HttpResponse<String> health = ServerProcess.get(s.management("/health"));
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"UP\"");
      HttpResponse<String> ready = ServerProcess.get(s.management("/ready"));
      assertThat(ready.body()).contains("\"backend\":\"memory\"");

      HttpResponse<String> submitted =
          ServerProcess.post(
              s.api("/api/v1/jobs"), "{\"topic\":\"job.default\",\"prompt\":\"hello\"}");
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
      Matcher m = Pattern.compile("\"job_id\":\"([^\"]+)\"").matcher(submitted.body());
      assertThat(m.find()).as(submitted.body()).isTrue();
      HttpResponse<String> job = ServerProcess.get(s.api("/api/v1/jobs/" + m.group(1)));
      assertThat(job.statusCode()).isEqualTo(200);
      assertThat(job.body()).contains(m.group(1));

      // The gateway's request metrics and the engine's are on the management port.
      String metrics = ServerProcess.get(s.management("/metrics")).body();
      assertThat(metrics).contains("cordum_gateway_http_requests").contains("jvm_memory_used");
      assertThat(s.output()).contains("IN-MEMORY MODE").contains("LOST");
      String jobId = m.group(1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  jsonLines(s).stream()
                      .anyMatch(
                          n ->
                              n.has("job_id")
                                  && n.get("job_id").asString().equals(jobId)
                                  && n.has("trace_id")));

      s.process.destroy(); // SIGTERM
      assertThat(s.awaitExit(Duration.ofSeconds(60))).as(s.output()).isZero();
      assertThat(s.output()).contains("Cordum server stopping").contains("Cordum server stopped");
    }
  }

  /** Every log line of the output, parsed; a line that is not JSON fails the test. */
  private static List<JsonNode> jsonLines(ServerProcess s) {
    JsonMapper json = JsonMapper.builder().build();
    return s.output()
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("WARNING:"))
        .map(
            l -> {
              try {
                return json.readTree(l);
              } catch (RuntimeException e) {
                throw new AssertionError("not a JSON log line: " + l, e);
              }
            })
        .toList();
  }

  @Test
  void anUnknownSettingOrABadValueStopsStartupNamingIt(@TempDir Path dir) throws Exception {
    try (ServerProcess s =
        ServerProcess.startRaw(
            List.of("--GATEWAY_HTTP_ADR=127.0.0.1:1", "--CORDUM_SHUTDOWN_TIMEOUT=soon"),
            Map.of())) {
      assertThat(s.awaitExit(Duration.ofSeconds(60))).isEqualTo(Main.EXIT_CONFIG);
      assertThat(s.output())
          .contains("GATEWAY_HTTP_ADR: is not a Cordum setting")
          .contains("CORDUM_SHUTDOWN_TIMEOUT: must be a positive duration")
          .contains("from the command line");
    }
    try (ServerProcess s = ServerProcess.startRaw(List.of("--help"), Map.of())) {
      assertThat(s.awaitExit(Duration.ofSeconds(60))).isZero();
      assertThat(s.output()).contains("Usage: java -jar cordum-server.jar");
    }
    Path file = Files.writeString(dir.resolve("cordum.yaml"), "api_rate_limit_burst: many\n");
    try (ServerProcess s = ServerProcess.startRaw(List.of("--config", file.toString()), Map.of())) {
      assertThat(s.awaitExit(Duration.ofSeconds(60))).isEqualTo(Main.EXIT_CONFIG);
      assertThat(s.output()).contains("API_RATE_LIMIT_BURST");
    }
  }

  @Test
  void refusesAPublicAddressWithoutAnApiKey() throws Exception {
    int port = ServerProcess.freePort();
    try (ServerProcess s =
        ServerProcess.startRaw(
            List.of("--GATEWAY_HTTP_ADDR=0.0.0.0:" + port, "--GATEWAY_METRICS_ADDR=127.0.0.1:0"),
            Map.of())) {
      assertThat(s.awaitExit(Duration.ofSeconds(60))).isEqualTo(Main.EXIT_FAILURE);
      assertThat(s.output())
          .contains("refusing to listen on 0.0.0.0")
          .contains("CORDUM_AUTH_DISABLED");
    }
  }
}
