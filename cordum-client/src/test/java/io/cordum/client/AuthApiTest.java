package io.cordum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.client.model.ApiKeyInfo;
import io.cordum.client.model.AuditEvent;
import io.cordum.client.model.CreatedApiKey;
import io.cordum.client.model.NewApiKey;
import io.cordum.gateway.GatewayConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link AuthApi} against a gateway running the key-store provider. */
class AuthApiTest {
  static TestGateway gw;
  static CordumClient admin;

  @BeforeAll
  static void start() {
    gw = TestGateway.start(b -> b.authProvider(GatewayConfig.AUTH_KEY_STORE));
    admin = gw.client();
  }

  @AfterAll
  static void stop() {
    admin.close();
    gw.close();
  }

  @Test
  void createUseRotateRevokeAndAudit() {
    CreatedApiKey made =
        admin
            .auth()
            .create(
                NewApiKey.builder("viewer")
                    .name("dash")
                    .principal("dash-bot")
                    .scopes(List.of("ui"))
                    .ttl(Duration.ofHours(2))
                    .build());
    assertThat(made.token()).startsWith("ck_" + made.key().id() + "_");
    assertThat(made.toString()).doesNotContain(made.token());
    ApiKeyInfo k = made.key();
    assertThat(k.tenant()).isEqualTo("default");
    assertThat(k.role()).isEqualTo("viewer");
    assertThat(k.isActive()).isTrue();
    assertThat(k.expiresAt()).isAfter(k.createdAt());

    try (CordumClient viewer =
        CordumClient.builder().gateway(gw.url()).apiKey(made.token()).build()) {
      Map<String, Object> me = viewer.auth().whoami();
      assertThat(me).containsEntry("principal", "dash-bot").containsEntry("role", "viewer");
      assertThatThrownBy(() -> viewer.auth().list(null)).isInstanceOf(AuthException.class);
    }
    assertThat(admin.auth().list(null)).extracting(ApiKeyInfo::id).contains(k.id());
    ApiKeyInfo got = admin.auth().get(k.id());
    assertThat(got.scopes()).containsExactly("ui");
    WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/auth/keys/" + k.id()), got);

    CreatedApiKey rotated = admin.auth().rotate(k.id());
    assertThat(rotated.token()).isNotEqualTo(made.token());
    assertThat(rotated.key().rotatedAt()).isNotNull();
    try (CordumClient old = CordumClient.builder().gateway(gw.url()).apiKey(made.token()).build()) {
      assertThatThrownBy(() -> old.auth().whoami()).isInstanceOf(AuthException.class);
    }
    ApiKeyInfo revoked = admin.auth().revoke(k.id());
    assertThat(revoked.status()).isEqualTo("revoked");
    assertThatThrownBy(() -> admin.auth().rotate(k.id())).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> admin.auth().get("nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> admin.auth().create(NewApiKey.builder("root").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("role must be one of");
    assertThatThrownBy(
            () -> admin.auth().create(NewApiKey.builder("viewer").tenant("other").build()))
        .isInstanceOf(AuthException.class);

    List<AuditEvent> audit = admin.auth().audit(null, null, null, 1000);
    assertThat(audit)
        .anyMatch(
            e ->
                e.route().equals("/api/v1/auth/keys/{id}/rotate")
                    && e.status() == 200
                    && e.principal().equals("alice"));
    assertThat(admin.auth().audit(null, null, "denied", 0)).allMatch(e -> e.status() == 403);
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/auth/audit?limit=1").get("items").get(0),
        admin.auth().audit(null, null, null, 1).get(0));
  }
}
