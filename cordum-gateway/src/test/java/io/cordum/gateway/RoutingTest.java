package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing semantics of spec 50 §0.3 and the middleware chain, over a real socket. */
class RoutingTest {
  static Cordum cordum;
  static Gateway gateway;
  static Http http;
  static Http anon;

  @BeforeAll
  static void start() {
    cordum = Cordum.builder().build().start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().port(0).apiKeys(ApiKeys.of("k1")).build())
            .build()
            .start();
    anon = new Http(gateway.uri());
    http = anon.with("X-API-Key", "k1");
  }

  @AfterAll
  static void stop() {
    gateway.close();
    cordum.close();
  }

  @Test
  void healthIsPublicAndPlainText() {
    Http.Resp r = anon.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.header("X-Request-Id")).hasSize(32);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405WithAllow() {
    Http.Resp nf = http.get("/api/v1/nope");
    assertThat(nf.status()).isEqualTo(404);
    assertThat(nf.body()).isEqualTo("404 page not found\n");
    assertThat(nf.header("X-Cordum-Error-Code")).isEqualTo("route_not_found");
    Http.Resp na = http.put("/api/v1/jobs", "{}");
    assertThat(na.status()).isEqualTo(405);
    assertThat(na.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
  }

  @Test
  void encodedSlashStaysInsideASegment() {
    Http.Resp r = http.get("/api/v1/jobs/a%2Fb");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("job not found\n");
  }

  @Test
  void dotSegmentsAndEmptySegmentsAreRejected() {
    assertThat(http.get("/api/v1//jobs").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs/%2e%2e").status()).isEqualTo(400);
  }

  @Test
  void badUtf8InThePathIsTheRoutersOwn400() {
    // Jetty lets it through to the router, which reads the body before answering (a server
    // that refuses early and closes can lose its answer to the reset of the unread body).
    Http.Resp r = http.post("/api/v1/schemas/%c3%28", "{\"x\":\"" + "y".repeat(200_000) + "\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("X-Cordum-Error-Code")).isEqualTo("invalid_path");
    assertThat(r.body()).contains("malformed percent-encoding");
    assertThat(http.get("/api/v1/artifacts/redis%3A%2F%2Fart%3Anone").status()).isEqualTo(404);
  }

  @Test
  void apiNeedsAKey() {
    Http.Resp r = anon.get("/api/v1/status");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("unauthorized\n");
    assertThat(anon.with("X-API-Key", "wrong").get("/api/v1/status").status()).isEqualTo(401);
    assertThat(anon.get("/api/v1/nope").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/status").status()).isEqualTo(200);
  }

  @Test
  void problemJsonWhenAsked() {
    Http.Resp r = anon.get("/api/v1/status", "Accept", "application/problem+json");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("code").asString()).isEqualTo("unauthorized");
    assertThat(r.json().get("request_id").asString()).isEqualTo(r.header("X-Request-Id"));
  }

  @Test
  void headAnswersLikeGet() {
    Http.Resp r = http.send("HEAD", "/api/v1/status", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bytes()).isEmpty();
  }

  @Test
  void jettysOwnErrorsArePlainTextWithACode() throws Exception {
    try (io.cordum.testkit.http.RawHttp raw =
        new io.cordum.testkit.http.RawHttp("127.0.0.1", gateway.port(), 5000)) {
      String head = "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(40_000) + "\r\n\r\n";
      io.cordum.testkit.http.RawHttp.Response r =
          raw.send(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.head())
          .containsIgnoringCase("X-Cordum-Error-Code: headers_too_large")
          .containsIgnoringCase("Content-Type: text/plain");
      assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("<html");
    }
    Http.Resp ws = http.get("/api/v1/nope", "Sec-WebSocket-Version", "13");
    assertThat(ws.status()).isEqualTo(404);
    assertThat(ws.body()).doesNotContain("<html");
  }

  @Test
  void requestIdIsEchoed() {
    assertThat(http.get("/health", "X-Request-Id", "abc-123").header("X-Request-Id"))
        .isEqualTo("abc-123");
  }
}
