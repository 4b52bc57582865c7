package io.cordum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.cordum.worker.CordumWorker;
import io.cordum.worker.CpuLoad;
import io.cordum.worker.JobOutput;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans of a job submitted over HTTP reach an OTLP/HTTP receiver (a tiny one in the test that keeps
 * the protobuf bodies), all in the job's trace.
 */
class TracingExportTest {
  private HttpServer receiver;
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<String> types = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    receiver.createContext(
        "/v1/traces",
        ex -> {
          try (ex) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ex.getRequestBody().transferTo(out);
            bodies.add(out.toByteArray());
            types.add(String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            ex.sendResponseHeaders(200, -1);
          }
        });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private boolean received(String text) {
    return received(text.getBytes(StandardCharsets.UTF_8));
  }

  private boolean received(byte[] needle) {
    return bodies.stream().anyMatch(b -> indexOf(b, needle) >= 0);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void aJobSubmittedOverHttpIsTracedFromSubmitToResult() throws Exception {
    Map<String, String> env =
        Map.of(
            "GATEWAY_HTTP_ADDR",
            "127.0.0.1:0",
            "GATEWAY_METRICS_ADDR",
            "127.0.0.1:0",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "http://127.0.0.1:" + receiver.getAddress().getPort(),
            "OTEL_BSP_SCHEDULE_DELAY",
            "50",
            "OTEL_SERVICE_NAME",
            "cordum-test");
    try (CordumServer server = CordumServer.builder().environment(env).build().start();
        CordumWorker w =
            CordumWorker.builder()
                .workerId("w1")
                .pool("default")
                .topics("job.default")
                .cpuLoad(CpuLoad.fixed(0))
                .bus(server.cordum().bus())
                .pointers(server.cordum().pointers())
                .handler(j -> JobOutput.of("ok"))
                .build()
                .start()) {
      HttpResponse<String> r =
          ServerProcess.post(
              server.apiUri().resolve("/api/v1/jobs"),
              "{\"topic\":\"job.default\",\"prompt\":\"hi\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      Matcher m = Pattern.compile("\"trace_id\":\"([^\"]+)\"").matcher(r.body());
      assertThat(m.find()).isTrue();
      byte[] traceId = HexFormat.of().parseHex(m.group(1).replace("-", ""));
      await().atMost(Duration.ofSeconds(20)).until(() -> received("cordum.job.result"));
      assertThat(received("cordum.job.submit")).isTrue();
      assertThat(received("cordum.job.safety_decision")).isTrue();
      assertThat(received("cordum.job.dispatch")).isTrue();
      assertThat(received("cordum-test")).as("the service name").isTrue();
      // The OTel trace id is the job's trace id (a UUID's 16 bytes).
      assertThat(received(traceId)).isTrue();
      assertThat(types).allSatisfy(t -> assertThat(t).startsWith("application/x-protobuf"));
    }
  }
}
