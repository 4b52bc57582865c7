package io.cordum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.gateway.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server takes the multi-tenant key settings (docs/rbac.md) as known settings. */
class RbacSettingsTest {
  @Test
  void theKeyStoreProviderIsSelectedBySetting() {
    CordumServer.Prepared p =
        CordumServer.builder()
            .environment(
                Map.of(
                    "CORDUM_AUTH_PROVIDER",
                    "key-store",
                    "CORDUM_TENANT_RATE_LIMIT_RPS",
                    "5",
                    "CORDUM_JWT_HMAC_SECRET",
                    "0123456789abcdef0123456789abcdef",
                    "CORDUM_JWT_ISSUER",
                    "https://idp.example"))
            .build();
    GatewayConfig g = p.gatewayConfig();
    assertThat(g.authProvider()).isEqualTo(GatewayConfig.AUTH_KEY_STORE);
    assertThat(g.tenantRateLimitPerSecond()).isEqualTo(5);
    assertThat(g.jwt()).isNotNull();
    assertThatThrownBy(
            () ->
                CordumServer.builder().environment(Map.of("CORDUM_AUTH_PROVIDER", "ldap")).build())
        .hasMessageContaining("auth_provider");
  }

  @Test
  void keyEntriesTheDefaultProviderCannotHonourStopStartupNamingTheSetting() {
    assertThatThrownBy(
            () ->
                CordumServer.builder()
                    .environment(Map.of("CORDUM_API_KEYS", "acme:s3cr3t-key:viewer:bob"))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("CORDUM_API_KEYS: entry key-1 names tenant 'acme' and role 'viewer'")
        .hasMessageContaining("CORDUM_AUTH_PROVIDER=key-store")
        .hasMessageNotContaining("s3cr3t");
    // The key-store provider honours the entry.
    CordumServer.Prepared p =
        CordumServer.builder()
            .environment(
                Map.of(
                    "CORDUM_API_KEYS", "acme:s3cr3t-key:viewer:bob",
                    "CORDUM_AUTH_PROVIDER", "key-store"))
            .build();
    assertThat(p.gatewayConfig().apiKeys().entries().get(0).tenant()).isEqualTo("acme");
    // An entry that says what the default provider does anyway is fine.
    assertThat(
            CordumServer.builder()
                .environment(Map.of("CORDUM_API_KEYS", "default:s3cr3t-key:admin:bob"))
                .build()
                .gatewayConfig()
                .apiKeys()
                .size())
        .isEqualTo(1);
  }
}
