package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.gateway.auth.ApiKeyAuthProvider;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key parsing and the single-tenant provider (Go auth_test.go and gateway_test.go cases). */
class ApiKeysTest {

  static AuthRequest req(String key, Map<String, String> headers) {
    return new AuthRequest("GET", "/api/v1/status", "127.0.0.1", key, headers::get);
  }

  @Test
  void parsesEveryFormat() {
    assertThat(ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "[{\"key\":\"k1\"}]")).match("k1"))
        .isPresent();
    assertThat(ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "{\"k2\":{}}")).match("k2"))
        .isPresent();
    assertThat(
            ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "{\"keys\":[{\"key\":\"k3\"}]}"))
                .match("k3"))
        .isPresent();
    ApiKeys csv = ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "a, t4:key4:admin:alice"));
    assertThat(csv.size()).isEqualTo(2);
    assertThat(csv.match("key4").orElseThrow().principal()).isEqualTo("alice");
    assertThat(csv.match("key4").orElseThrow().tenant()).isEqualTo("t4");
    assertThat(csv.match("t4")).isEmpty();
    assertThat(csv.toString()).doesNotContain("key4");
  }

  @Test
  void singleKeyPrecedenceAndQuotes() {
    ApiKeys k =
        ApiKeys.fromEnvironment(
            Map.of(
                "CORDUM_SUPER_SECRET_API_TOKEN",
                " 's1' ",
                "CORDUM_API_KEY",
                "s2",
                "API_KEY",
                "s3"));
    assertThat(k.size()).isEqualTo(1);
    assertThat(k.match("s1")).isPresent();
    assertThat(k.match("\"s1\"")).isPresent();
    assertThat(ApiKeys.fromEnvironment(Map.of("API_KEY", "s3")).match("s3")).isPresent();
    assertThatThrownBy(() -> ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "[{bad")))
        .hasMessageContaining("CORDUM_API_KEYS")
        .hasMessageNotContaining("bad");
  }

  @Test
  void openWhenNoKeyIsConfigured() {
    ApiKeyAuthProvider p = new ApiKeyAuthProvider(ApiKeys.none(), "default");
    assertThat(p.isOpen()).isTrue();
    Principal who = p.authenticate(req(null, Map.of())).orElseThrow();
    assertThat(who.tenant()).isEqualTo("default");
    assertThat(p.authenticate(req("anything", Map.of()))).isPresent();
  }

  @Test
  void requiresAValidKeyWhenConfigured() {
    ApiKeyAuthProvider p = new ApiKeyAuthProvider(ApiKeys.of("key1"), "default");
    assertThat(p.isOpen()).isFalse();
    assertThat(p.authenticate(req(null, Map.of()))).isEmpty();
    assertThat(p.authenticate(req("wrong", Map.of()))).isEmpty();
    Optional<Principal> ok = p.authenticate(req("key1", Map.of()));
    assertThat(ok).isPresent();
    assertThat(ok.get().keyId()).isEqualTo("key-1");
    assertThat(p.describe()).doesNotContain("key1");
  }

  @Test
  void headersGrantNothing() {
    ApiKeyAuthProvider p = new ApiKeyAuthProvider(ApiKeys.of("key1"), "default");
    assertThat(
            p.authenticate(
                req(null, Map.of("X-Principal-Id", "root", "X-Principal-Role", "admin"))))
        .isEmpty();
    Principal who = p.authenticate(req("key1", Map.of("X-Principal-Id", "root"))).orElseThrow();
    assertThat(who.id()).isEqualTo("api-key-1");
  }

  @Test
  void tenantAndPrincipalResolution() {
    AuthProvider p =
        new ApiKeyAuthProvider(
            ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "default:bound:admin:alice,plain")),
            "default");
    Principal alice = p.authenticate(req("bound", Map.of())).orElseThrow();
    Principal plain = p.authenticate(req("plain", Map.of())).orElseThrow();
    assertThat(p.canAccessTenant(alice, "default")).isTrue();
    assertThat(p.canAccessTenant(alice, "team-b")).isFalse();
    assertThat(p.resolvePrincipal(alice, "")).isEqualTo("alice");
    assertThat(p.resolvePrincipal(alice, "alice")).isEqualTo("alice");
    assertThatThrownBy(() -> p.resolvePrincipal(alice, "bob"))
        .isInstanceOf(SecurityException.class);
    assertThat(p.resolvePrincipal(plain, "bob")).isEqualTo("bob");
    assertThat(p.authorize(alice, Permission.POLICY_WRITE)).isTrue();
  }

  @Test
  void entriesNamingAnotherTenantOrARoleOtherThanAdminAreRefusedNotIgnored() {
    // Ignored, such an entry would make a viewer of tenant acme an admin of the default tenant.
    for (String entry :
        new String[] {
          "acme:s3cr3t-key:admin:alice",
          "default:s3cr3t-key:viewer",
          "*:s3cr3t-key:admin:root",
          "[{\"key\":\"s3cr3t-key\",\"tenant\":\"acme\"}]",
          "{\"s3cr3t-key\":{\"role\":\"operator\"}}"
        }) {
      ApiKeys keys = ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", entry));
      assertThat(ApiKeyAuthProvider.refusedEntries(keys, "default")).as(entry).hasSize(1);
      assertThatThrownBy(() -> new ApiKeyAuthProvider(keys, "default"))
          .as(entry)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("CORDUM_API_KEYS: entry key-1 names ")
          .hasMessageContaining("CORDUM_AUTH_PROVIDER=key-store")
          .hasMessageNotContaining("s3cr3t");
    }
    assertThatThrownBy(
            () ->
                new ApiKeyAuthProvider(
                    ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "plain,acme:k2:viewer")),
                    "default"))
        .hasMessageContaining("entry key-2 names tenant 'acme' and role 'viewer'");
    // What the provider does anyway is fine: the default tenant, role admin (any case), or neither.
    assertThat(
            ApiKeyAuthProvider.refusedEntries(
                ApiKeys.fromEnvironment(
                    Map.of(
                        "CORDUM_API_KEYS",
                        "[{\"key\":\"k\",\"tenant\":\"main\",\"role\":\"admin\"}]")),
                "main"))
        .isEmpty();
    assertThat(
            ApiKeyAuthProvider.refusedEntries(
                ApiKeys.fromEnvironment(
                    Map.of("CORDUM_API_KEYS", "plain,main:k2:ADMIN:alice,:k3::bob")),
                "main"))
        .isEmpty();
    Principal alice =
        new ApiKeyAuthProvider(
                ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "main:k2:admin:alice")), "main")
            .authenticate(req("k2", Map.of()))
            .orElseThrow();
    assertThat(alice.id()).isEqualTo("alice");
    assertThat(alice.tenant()).isEqualTo("main");
  }

  @Test
  void aGatewayWithTheDefaultProviderRefusesSuchEntriesWhenBuilt() {
    try (io.cordum.core.Cordum cordum = io.cordum.core.Cordum.builder().build().start()) {
      GatewayConfig cfg =
          GatewayConfig.builder()
              .port(0)
              .apiKeys(
                  ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "acme:s3cr3t-key:viewer:bob")))
              .build();
      assertThatThrownBy(() -> Gateway.builder().cordum(cordum).config(cfg).build())
          .hasStackTraceContaining("CORDUM_API_KEYS: entry key-1 names tenant 'acme'");
      // The key-store provider honours tenants and roles: the same entry is fine there.
      Gateway.builder()
          .cordum(cordum)
          .config(
              GatewayConfig.builder()
                  .port(0)
                  .apiKeys(cfg.apiKeys())
                  .authProvider(GatewayConfig.AUTH_KEY_STORE)
                  .build())
          .build()
          .close();
    }
  }
}
