package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.core.Cordum;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/auth/keys} and {@code /api/v1/auth/audit} on a gateway that selected the key-store
 * provider by setting ({@code CORDUM_AUTH_PROVIDER=key-store}), over {@code Cordum.apiKeys()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRoutesTest {
  Cordum cordum;
  Gateway gateway;
  Http anon;
  Http root;

  @BeforeAll
  void start() {
    cordum = Cordum.builder().build().start();
    ApiKeySecrets.Token t = ApiKeySecrets.newToken("root");
    cordum
        .apiKeys()
        .create(
            new ApiKey(
                "root",
                "*",
                "admin",
                "root-admin",
                "",
                List.of(),
                ApiKeySecrets.hash(t.secret()),
                Instant.now(),
                null,
                null,
                null,
                null));
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .rateLimitPerSecond(0)
                    .fromEnvironment(java.util.Map.of("CORDUM_AUTH_PROVIDER", "key-store"))
                    .build())
            .build()
            .start();
    anon = new Http(gateway.uri());
    root = anon.with("X-API-Key", t.value());
  }

  @AfterAll
  void stop() {
    gateway.close();
    cordum.close();
  }

  JsonNode create(Http as, String body) {
    Http.Resp r = as.post("/api/v1/auth/keys", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  @Test
  void createShowsTheTokenOnceThenListGetRotateAndRevoke() {
    JsonNode made =
        create(
            root,
            "{\"tenant\":\"team-a\",\"role\":\"viewer\",\"name\":\"ci\","
                + "\"principal\":\"ci-bot\",\"ttl\":\"720h\"}");
    String token = made.get("token").asString();
    String id = made.get("key").get("id").asString();
    assertThat(token).startsWith("ck_" + id + "_");
    assertThat(made.get("key").get("status").asString()).isEqualTo("active");
    assertThat(made.get("key").get("expires_at").isNull()).isFalse();
    assertThat(made.get("key").has("secret_hash")).isFalse();

    Http ci = anon.with("X-API-Key", token);
    JsonNode me = ci.get("/api/v1/auth/whoami").json();
    assertThat(me.get("tenant").asString()).isEqualTo("team-a");
    assertThat(me.get("role").asString()).isEqualTo("viewer");
    assertThat(me.get("principal").asString()).isEqualTo("ci-bot");

    String secret = token.substring(token.lastIndexOf('_') + 1);
    Http.Resp list = root.get("/api/v1/auth/keys?tenant=team-a");
    assertThat(list.body()).contains(id).doesNotContain(secret);
    Http.Resp one = root.get("/api/v1/auth/keys/" + id);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body()).doesNotContain(secret);

    JsonNode rotated = root.post("/api/v1/auth/keys/" + id + "/rotate", "").json();
    String next = rotated.get("token").asString();
    assertThat(next).isNotEqualTo(token);
    assertThat(ci.get("/api/v1/auth/whoami").status()).isEqualTo(401);
    Http ci2 = anon.with("X-API-Key", next);
    assertThat(ci2.get("/api/v1/auth/whoami").status()).isEqualTo(200);

    Http.Resp revoked = root.delete("/api/v1/auth/keys/" + id);
    assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");
    assertThat(ci2.get("/api/v1/auth/whoami").status()).isEqualTo(401);
    assertThat(root.post("/api/v1/auth/keys/" + id + "/rotate", "").status()).isEqualTo(409);
    assertThat(root.delete("/api/v1/auth/keys/" + id).status()).isEqualTo(200);
    assertThat(root.get("/api/v1/auth/keys/nope").status()).isEqualTo(404);
  }

  @Test
  void aTenantAdminManagesItsTenantOnlyAndCanNotEscalate() {
    String token =
        create(root, "{\"tenant\":\"team-b\",\"role\":\"admin\"}").get("token").asString();
    Http admin = anon.with("X-API-Key", token);
    JsonNode own = create(admin, "{\"role\":\"operator\"}");
    assertThat(own.get("key").get("tenant").asString()).isEqualTo("team-b");
    assertThat(
            admin.post("/api/v1/auth/keys", "{\"role\":\"viewer\",\"tenant\":\"team-c\"}").status())
        .isEqualTo(403);
    assertThat(admin.post("/api/v1/auth/keys", "{\"role\":\"viewer\",\"tenant\":\"*\"}").status())
        .isEqualTo(403);
    // The cross-tenant key is invisible to it.
    assertThat(admin.get("/api/v1/auth/keys/root").status()).isEqualTo(404);
    assertThat(admin.delete("/api/v1/auth/keys/root").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/auth/keys").body())
        .doesNotContain("\"root\"")
        .contains(own.get("key").get("id").asString());
    Http operator = anon.with("X-API-Key", own.get("token").asString());
    assertThat(operator.get("/api/v1/auth/keys").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/auth/keys", "{\"role\":\"viewer\"}").status()).isEqualTo(403);
  }

  @Test
  void badInputNamesTheFieldAndTheRule() {
    Http.Resp role = root.post("/api/v1/auth/keys", "{\"role\":\"root\"}");
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.body()).contains("role must be one of [viewer, operator, secops, admin]");
    assertThat(
            root.post(
                    "/api/v1/auth/keys",
                    "{\"role\":\"viewer\",\"expires_at\":" + "\"2000-01-01T00:00:00Z\"}")
                .body())
        .contains("expires_at must be in the future");
    assertThat(root.post("/api/v1/auth/keys", "{\"role\":\"viewer\",\"ttl\":\"soon\"}").body())
        .contains("ttl must be a positive duration");
    assertThat(root.post("/api/v1/auth/keys", "{\"role\":\"viewer\",\"principal\":\"a b\"}").body())
        .contains("principal");
    assertThat(root.post("/api/v1/auth/keys", "{}").status()).isEqualTo(400);
  }

  @Test
  void theAuditLogRecordsKeyManagementAndFailuresScopedByTenant() {
    assertThat(anon.with("X-API-Key", "wrong").get("/api/v1/jobs").status()).isEqualTo(401);
    String token =
        create(root, "{\"tenant\":\"team-d\",\"role\":\"admin\"}").get("token").asString();
    Http admin = anon.with("X-API-Key", token);
    create(admin, "{\"role\":\"viewer\"}");
    Http viewer =
        anon.with("X-API-Key", create(admin, "{\"role\":\"viewer\"}").get("token").asString());
    assertThat(viewer.post("/api/v1/jobs", "{\"prompt\":\"x\"}").status()).isEqualTo(403);

    JsonNode all = root.get("/api/v1/auth/audit?limit=1000").json().get("items");
    assertThat(all.toString()).contains("\"outcome\":\"unauthenticated\"").doesNotContain("wrong");
    JsonNode mine = admin.get("/api/v1/auth/audit?limit=1000").json().get("items");
    assertThat(mine.size()).isGreaterThanOrEqualTo(3);
    for (JsonNode e : mine) {
      assertThat(e.get("tenant").asString()).isEqualTo("team-d");
    }
    assertThat(mine.toString())
        .contains("\"route\":\"/api/v1/auth/keys\"")
        .contains("\"outcome\":\"denied\"")
        .contains("\"reason\":\"permission_denied\"");
    assertThat(
            admin
                .get("/api/v1/auth/audit?outcome=denied")
                .json()
                .get("items")
                .get(0)
                .get("path")
                .asString())
        .isEqualTo("/api/v1/jobs");
    assertThat(viewer.get("/api/v1/auth/audit").status()).isEqualTo(403);
  }

  @Test
  void aRefusedStreamUpgradeIsAudited() {
    java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                c.newWebSocketBuilder()
                    .header("X-API-Key", "ck_0123456789abcdef_" + "x".repeat(43))
                    .buildAsync(
                        java.net.URI.create("ws://127.0.0.1:" + gateway.port() + "/api/v1/stream"),
                        new java.net.http.WebSocket.Listener() {})
                    .join())
        .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
    JsonNode events =
        root.get("/api/v1/auth/audit?outcome=unauthenticated&limit=1000").json().get("items");
    assertThat(events.toString())
        .contains("\"route\":\"/api/v1/stream\"")
        .doesNotContain("xxxxxxxx");
  }
}
