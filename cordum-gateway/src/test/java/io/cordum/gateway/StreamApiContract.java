package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.Heartbeat;
import io.cordum.api.cap.Subjects;
import io.cordum.api.job.JobSubmission;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The WebSocket stream (spec 50 §2, §6.3): auth, tenant scoping, filters, slow clients. */
abstract class StreamApiContract extends ApiFixture {

  @Override
  GatewayConfig.Builder configure(GatewayConfig.Builder b) {
    return b.streamClientBuffer(4);
  }

  /** A client that collects frames; {@code reading=false} never asks for one. */
  final class Listener implements WebSocket.Listener {
    final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    volatile String closeReason = "";
    final boolean reading;
    private final StringBuilder part = new StringBuilder();

    Listener(boolean reading) {
      this.reading = reading;
    }

    @Override
    public void onOpen(WebSocket ws) {
      if (reading) {
        ws.request(1);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        frames.add(Http.JSON.readTree(part.toString()));
        part.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      closeReason = reason;
      closed.complete(code);
      return null;
    }

    boolean sawJob(String jobId, String kind) {
      return frames.stream()
          .anyMatch(f -> f.has(kind) && jobId.equals(f.get(kind).path("jobId").asString("")));
    }
  }

  WebSocket connect(Listener l, String query, String... protocols) {
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (protocols.length > 0) {
      b.subprotocols(protocols[0], java.util.Arrays.copyOfRange(protocols, 1, protocols.length));
    }
    URI u = URI.create("ws://127.0.0.1:" + gateway.port() + "/api/v1/stream" + query);
    return b.buildAsync(u, l).orTimeout(10, TimeUnit.SECONDS).join();
  }

  static String b64(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theKeyInTheSubprotocolOpensTheStreamAndEventsCarryThePayloadWrapper() {
    Listener l = new Listener(true);
    WebSocket ws = connect(l, "", "cordum-api-key", b64(KEY));
    assertThat(ws.getSubprotocol()).isEqualTo("cordum-api-key");
    // The server registers a client just after the handshake: a fast job could end before.
    await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() >= 1);
    String id =
        http.post("/api/v1/jobs", "{\"prompt\":\"s\",\"topic\":\"job.test\"}")
            .json()
            .get("job_id")
            .asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> l.sawJob(id, "jobResult"));
    JsonNode result =
        l.frames.stream()
            .filter(
                f -> f.has("jobResult") && id.equals(f.get("jobResult").path("jobId").asString("")))
            .findFirst()
            .orElseThrow();
    assertThat(result.get("jobResult").get("status").asString()).isEqualTo("JOB_STATUS_SUCCEEDED");
    assertThat(result.get("payload").get("jobResult").get("jobId").asString()).isEqualTo(id);
    // The server registers a client just after the handshake, so the first job's request can
    // go out before: once frames arrive, a second job's request and result must both come.
    String second =
        http.post("/api/v1/jobs", "{\"prompt\":\"s2\",\"topic\":\"job.test\"}")
            .json()
            .get("job_id")
            .asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> l.sawJob(second, "jobResult"));
    assertThat(l.sawJob(second, "jobRequest")).isTrue();
    ws.sendClose(1000, "bye").join();
  }

  @Test
  void noKeyIs401BeforeTheUpgrade() {
    assertThatThrownBy(() -> connect(new Listener(true), ""))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(401));
    assertThatThrownBy(() -> connect(new Listener(true), "", "cordum-api-key", b64("wrong")))
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class);
    assertThatThrownBy(() -> connect(new Listener(true), "?kind=bogus", "cordum-api-key", b64(KEY)))
        .cause()
        .isInstanceOf(WebSocketHandshakeException.class)
        .satisfies(
            e ->
                assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                    .isEqualTo(400));
    assertThat(http.get("/api/v1/stream").status()).isEqualTo(400);
  }

  @Test
  void eventsAreScopedToTheCallersTenant() throws Exception {
    Listener l = new Listener(true);
    WebSocket ws = connect(l, "?payload=false", "cordum-api-key", b64(KEY));
    await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() >= 1);
    String foreign =
        cordum
            .jobs()
            .submit(JobSubmission.builder().topic("job.test").tenant("other").input("{}").build())
            .jobId();
    cordum.jobs().awaitTerminal(foreign).get(20, TimeUnit.SECONDS);
    String own =
        http.post("/api/v1/jobs", "{\"prompt\":\"t\",\"topic\":\"job.test\"}")
            .json()
            .get("job_id")
            .asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> l.sawJob(own, "jobResult"));
    assertThat(l.frames).noneMatch(f -> f.toString().contains(foreign));
    assertThat(l.frames).allMatch(f -> !f.has("payload"));
    ws.sendClose(1000, "bye").join();
  }

  @Test
  void filtersByJobAndKind() {
    Listener l = new Listener(true);
    String id =
        http.post("/api/v1/jobs", "{\"prompt\":\"slow\",\"topic\":\"job.test\"}")
            .json()
            .get("job_id")
            .asString();
    WebSocket ws =
        connect(l, "?job_id=" + id + "&kind=jobCancel,jobResult", "cordum-api-key", b64(KEY));
    await().atMost(Duration.ofSeconds(10)).until(() -> streamClients() >= 1);
    String other =
        http.post("/api/v1/jobs", "{\"prompt\":\"o\",\"topic\":\"job.test\"}")
            .json()
            .get("job_id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(http.get("/api/v1/jobs/" + other).json().get("state").asString()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> "RUNNING".equals(http.get("/api/v1/jobs/" + id).json().get("state").asString()));
    http.post("/api/v1/jobs/" + id + "/cancel", "");
    await().atMost(Duration.ofSeconds(20)).until(() -> l.sawJob(id, "jobCancel"));
    assertThat(l.frames).allMatch(f -> f.has("jobCancel") || f.has("jobResult"));
    assertThat(l.frames).noneMatch(f -> f.toString().contains(other));
    ws.sendClose(1000, "bye").join();
  }

  @Test
  void aSlowClientIsClosedAndOthersKeepReceiving() {
    Listener slow = new Listener(false);
    Listener fast = new Listener(true);
    WebSocket s = connect(slow, "?kind=heartbeat", "cordum-api-key", b64(KEY));
    WebSocket f = connect(fast, "?kind=heartbeat", "cordum-api-key", b64(KEY));
    String big = "x".repeat(64 * 1024);
    double before = slowClosed();
    // One event at a time, each read by the fast client before the next: only the client that
    // reads nothing falls behind (its socket buffers fill, then its 4-event queue).
    for (int i = 0; i < 3000 && slowClosed() == before; i++) {
      cordum
          .bus()
          .publish(
              Subjects.HEARTBEAT,
              BusPacket.of(
                  "t",
                  "test",
                  Instant.now(),
                  Heartbeat.builder()
                      .workerId("flood-" + i)
                      .pool("none")
                      .labels(Map.of("blob", big))
                      .build()));
      int want = i + 1;
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fast.frames.size() >= want);
    }
    assertThat(slowClosed()).isGreaterThan(before);
    int seen = fast.frames.size();
    cordum
        .bus()
        .publish(
            Subjects.HEARTBEAT,
            BusPacket.of(
                "t",
                "test",
                Instant.now(),
                Heartbeat.builder().workerId("after").pool("none").build()));
    await().atMost(Duration.ofSeconds(10)).until(() -> fast.frames.size() > seen);
    assertThat(fast.closed).isNotDone();
    f.sendClose(1000, "bye").join();
    s.abort();
  }

  @Test
  void aClientThatFellBehindReadsTheSlowCloseCodeAndReasonOnceItReadsAgain() throws Exception {
    Listener slow = new Listener(false);
    Listener fast = new Listener(true);
    WebSocket s = connect(slow, "?kind=heartbeat", "cordum-api-key", b64(KEY));
    WebSocket f = connect(fast, "?kind=heartbeat", "cordum-api-key", b64(KEY));
    String big = "y".repeat(64 * 1024);
    double before = slowClosed();
    // Paced by a client that reads (no backlog is left for the next test): the one that does
    // not read fills its socket buffers, then its 4-event buffer, and is closed.
    for (int i = 0; i < 3000 && slowClosed() == before; i++) {
      cordum
          .bus()
          .publish(
              Subjects.HEARTBEAT,
              BusPacket.of(
                  "t",
                  "test",
                  Instant.now(),
                  Heartbeat.builder()
                      .workerId("behind-" + i)
                      .pool("none")
                      .labels(Map.of("blob", big))
                      .build()));
      int want = i + 1;
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fast.frames.size() >= want);
    }
    assertThat(slowClosed()).isGreaterThan(before);
    s.request(Long.MAX_VALUE);
    assertThat(slow.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
    assertThat(slow.closeReason).startsWith("too slow: more than 4 events waiting");
    assertThat(fast.closed).isNotDone();
    f.sendClose(1000, "bye").join();
  }

  double streamClients() {
    return registry.find("cordum.gateway.stream.clients").gauge().value();
  }

  double slowClosed() {
    return registry.find("cordum.gateway.stream.slow.closed").counter().count();
  }
}
