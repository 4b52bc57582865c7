package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.route.Reply;
import io.cordum.testkit.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS, rate limits, body limits, error hygiene, binding rules and metrics, over a socket. */
class MiddlewareTest {
  static Cordum cordum;
  static Gateway gateway;
  static ManualClock clock = new ManualClock();
  static SimpleMeterRegistry registry = new SimpleMeterRegistry();
  static Http anon;
  static Http k1;
  static Http k2;

  @BeforeAll
  static void start() {
    cordum = Cordum.builder().build().start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .clock(clock)
            .meterRegistry(registry)
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .apiKeys(ApiKeys.of("k1", "k2"))
                    .rateLimitPerSecond(1)
                    .rateLimitBurst(3)
                    .maxBodyBytes(1024)
                    .allowedOrigins(List.of("https://console.example"))
                    .build())
            .routes(
                r -> {
                  r.get("/api/v1/test/boom")
                      .permission(Permission.STATUS_READ)
                      .summary("t")
                      .okText()
                      .handle(
                          c -> {
                            throw new IllegalStateException(
                                "secret backend text at redis://u:p@host");
                          });
                  r.get("/api/v1/test/down")
                      .permission(Permission.STATUS_READ)
                      .summary("t")
                      .okText()
                      .handle(
                          c -> {
                            throw new BackendException("redis said: ERR secret detail", null);
                          });
                  r.post("/api/v1/test/echo")
                      .permission(Permission.STATUS_READ)
                      .summary("t")
                      .okText()
                      .handle(c -> Reply.text(Integer.toString(c.body().length)));
                })
            .build()
            .start();
    anon = new Http(gateway.uri());
    k1 = anon.with("X-API-Key", "k1");
    k2 = anon.with("X-API-Key", "k2");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    cordum.close();
  }

  @Test
  void corsAllowlist() {
    Http.Resp ok = anon.get("/health", "Origin", "https://console.example");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example");
    assertThat(ok.header("Vary")).contains("Origin");
    Http.Resp no = anon.get("/health", "Origin", "https://evil.example");
    assertThat(no.status()).isEqualTo(403);
    assertThat(no.body()).isEqualTo("origin not allowed\n");
    assertThat(no.header("Access-Control-Allow-Origin")).isNull();
    assertThat(anon.get("/health", "Origin", "null").status()).isEqualTo(403);
    Http.Resp pre =
        anon.send(
            "OPTIONS",
            "/api/v1/policy/bundles/x",
            null,
            "Origin",
            "https://console.example",
            "Access-Control-Request-Method",
            "PUT");
    assertThat(pre.status()).isEqualTo(204);
    assertThat(pre.header("Access-Control-Allow-Methods")).contains("PUT");
    assertThat(pre.header("Access-Control-Allow-Headers")).contains("Idempotency-Key");
  }

  @Test
  void rateLimitIsPerKeyAfterAuthWithRetryAfter() {
    clock.advance(Duration.ofHours(1)); // full buckets
    for (int i = 0; i < 3; i++) {
      assertThat(k1.get("/api/v1/status").status()).isEqualTo(200);
    }
    Http.Resp limited = k1.get("/api/v1/status");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body()).isEqualTo("rate limited\n");
    assertThat(limited.header("Retry-After")).isEqualTo("1");
    assertThat(k2.get("/api/v1/status").status()).as("another key").isEqualTo(200);
    for (int i = 0; i < 10; i++) {
      assertThat(anon.get("/api/v1/status").status()).as("anonymous").isEqualTo(401);
    }
    assertThat(anon.get("/health").status()).as("health is never limited").isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(k1.get("/api/v1/status").status()).isEqualTo(200);
  }

  @Test
  void bodyLimit() throws Exception {
    clock.advance(Duration.ofHours(1));
    assertThat(k1.post("/api/v1/test/echo", "x".repeat(1024)).body()).isEqualTo("1024");
    Http.Resp big = k1.post("/api/v1/test/echo", "x".repeat(1025));
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.header("X-Cordum-Error-Code")).isEqualTo("body_too_large");
    // Chunked (no Content-Length): cut off while reading.
    try (Socket s = new Socket("127.0.0.1", gateway.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/test/echo HTTP/1.1\r\nHost: x\r\nX-API-Key: k1\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 3; i++) {
        out.write(("200\r\n" + "y".repeat(512) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void internalErrorsNeverLeakBackendText() {
    clock.advance(Duration.ofHours(1));
    Http.Resp boom = k1.get("/api/v1/test/boom");
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.body()).doesNotContain("secret").contains(boom.header("X-Request-Id"));
    assertThat(boom.header("X-Cordum-Error-Code")).isEqualTo("internal_error");
    Http.Resp down = k1.get("/api/v1/test/down", "Accept", "application/problem+json");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body()).doesNotContain("secret");
    assertThat(down.json().get("code").asString()).isEqualTo("backend_unavailable");
  }

  @Test
  void requestMetricsPerRouteAndStatus() {
    clock.advance(Duration.ofHours(1));
    k1.get("/api/v1/status");
    k1.get("/api/v1/nothing-here");
    // Recorded when the handler returns, which may be just after the client has the response.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(
                      registry
                          .find("cordum.gateway.http.requests")
                          .tag("route", "/api/v1/status")
                          .tag("status", "200")
                          .timer())
                  .isNotNull();
              assertThat(
                      registry
                          .find("cordum.gateway.http.requests")
                          .tag("route", "unmatched")
                          .tag("status", "404")
                          .timer())
                  .isNotNull();
            });
  }

  @Test
  void refusesToExposeAnOpenGateway() {
    Gateway open =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().host("0.0.0.0").port(0).build())
            .build();
    assertThatThrownBy(open::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without an API key")
        .hasMessageContaining("CORDUM_AUTH_DISABLED");
    try (Gateway loop =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().port(0).build())
            .build()
            .start()) {
      assertThat(new Http(loop.uri()).get("/api/v1/status").status()).isEqualTo(200);
    }
    try (Gateway off =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().host("0.0.0.0").port(0).authDisabled(true).build())
            .build()
            .start()) {
      assertThat(new Http(off.uri()).get("/api/v1/status").status()).isEqualTo(200);
    }
  }

  @Test
  void grpcAndPacksAreNotServed() {
    clock.advance(Duration.ofHours(1));
    Http.Resp g =
        anon.post("/cordum.v1.CordumApi/SubmitJob", "x", "Content-Type", "application/grpc");
    assertThat(g.status()).isEqualTo(501);
    assertThat(g.body()).contains("gRPC");
    Http.Resp p = k1.get("/api/v1/packs");
    assertThat(p.status()).isEqualTo(501);
    assertThat(p.header("X-Cordum-Error-Code")).isEqualTo("not_implemented");
  }
}
