package io.cordum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.cordum.client.model.StartRunOptions;
import io.cordum.client.model.SubmitJobRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries under the {@link RetryPolicy}, against a scripted HTTP server: which requests are
 * retried, that {@code Retry-After} is honoured and bounded, and what is thrown in the end. The
 * client's waits are recorded instead of slept.
 */
class RetryTest {
  HttpServer server;
  final Deque<int[]> script = new ArrayDeque<>(); // {status, retryAfterSeconds or -1}
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
  CordumClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          requests.add(
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestURI().getRawPath()
                  + " "
                  + ex.getRequestHeaders().getFirst("X-Request-Id"));
          int[] step = script.isEmpty() ? new int[] {200, -1} : script.poll();
          byte[] body =
              (step[0] == 200
                      ? "{\"job_id\":\"j1\",\"trace_id\":\"t1\",\"run_id\":\"r1\",\"id\":\"j1\","
                          + "\"state\":\"SUCCEEDED\"}"
                      : "busy\n")
                  .getBytes(StandardCharsets.UTF_8);
          if (step[1] >= 0) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(step[1]));
          }
          ex.getResponseHeaders().add("X-Cordum-Error-Code", step[0] == 200 ? "" : "busy");
          ex.getResponseHeaders()
              .add(
                  "Content-Type",
                  step[0] == 200 ? "application/json" : "text/plain; charset=utf-8");
          ex.sendResponseHeaders(step[0], body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    client = client(RetryPolicy.DEFAULT);
  }

  CordumClient client(RetryPolicy p) {
    return CordumClient.builder()
        .gateway("http://127.0.0.1:" + server.getAddress().getPort())
        .retry(p)
        .sleeper(waits::add)
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void readsAreRetriedOn503And429HonouringRetryAfter() {
    script.add(new int[] {503, 7});
    script.add(new int[] {429, 2});
    assertThat(client.jobs().get("j1").id()).isEqualTo("j1");
    assertThat(requests).hasSize(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
    // One logical call: the same request id on every attempt.
    assertThat(requests.stream().map(r -> r.split(" ")[2]).distinct()).hasSize(1);
  }

  @Test
  void withoutRetryAfterTheWaitGrowsWithJitter() {
    script.add(new int[] {503, -1});
    script.add(new int[] {503, -1});
    client.jobs().get("j1");
    assertThat(waits).hasSize(2);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void attemptsAreBoundedAndTheLastErrorIsTyped() {
    for (int i = 0; i < 5; i++) {
      script.add(new int[] {429, 1});
    }
    assertThatThrownBy(() -> client.jobs().get("j1"))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
              assertThat(e.errorCode()).isEqualTo("busy");
              assertThat(e.detail()).isEqualTo("busy");
              assertThat(e.retryable()).isTrue();
            });
    assertThat(requests).hasSize(3);
  }

  @Test
  void aRetryAfterBeyondTheBoundIsNotWaitedFor() {
    script.add(new int[] {503, 3600});
    assertThatThrownBy(() -> client.jobs().get("j1")).isInstanceOf(ServerException.class);
    assertThat(requests).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void unkeyedSubmitsAreNotRetriedKeyedOnesAre() {
    script.add(new int[] {503, 1});
    assertThatThrownBy(() -> client.jobs().submit(SubmitJobRequest.builder("x").build()))
        .isInstanceOf(ServerException.class);
    assertThat(requests).hasSize(1);
    script.add(new int[] {503, 1});
    client.jobs().submit(SubmitJobRequest.builder("x").idempotencyKey("k").build());
    assertThat(requests).hasSize(3);
    script.add(new int[] {429, 1});
    assertThatThrownBy(() -> client.runs().start("wf", StartRunOptions.DEFAULT))
        .isInstanceOf(RateLimitedException.class);
    script.add(new int[] {429, 1});
    assertThat(client.runs().start("wf", StartRunOptions.builder().idempotencyKey("k").build()))
        .isEqualTo("r1");
  }

  @Test
  void noRetriesWithPolicyNone() {
    try (CordumClient once = client(RetryPolicy.NONE)) {
      script.add(new int[] {503, 1});
      assertThatThrownBy(() -> once.jobs().get("j1")).isInstanceOf(ServerException.class);
      assertThat(requests).hasSize(1);
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenATransportError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (CordumClient gone =
        CordumClient.builder().gateway("http://127.0.0.1:" + port).sleeper(waits::add).build()) {
      assertThatThrownBy(() -> gone.jobs().submit(SubmitJobRequest.builder("x").build()))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.timedOut()).isFalse();
                assertThat(e.getMessage()).contains("can not connect to http://127.0.0.1:" + port);
              });
      assertThat(waits).hasSize(2); // three attempts: the request never reached a server
    }
  }

  @Test
  void policyValidation() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(10))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("maxBackoff");
    assertThat(RetryPolicy.DEFAULT.backoff(10, 1.0)).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> CordumClient.builder().gateway("ftp://x"))
        .hasMessageContaining("http:// or https://");
  }
}
