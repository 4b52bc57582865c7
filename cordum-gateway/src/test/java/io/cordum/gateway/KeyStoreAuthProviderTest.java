package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import io.cordum.gateway.auth.RoleTable;
import io.cordum.memory.InMemoryApiKeyStore;
import io.cordum.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The key-store provider: tokens, expiry, revocation, rotation, config keys, bootstrap. */
class KeyStoreAuthProviderTest {
  final ManualClock clock = new ManualClock();
  final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

  KeyStoreAuthProvider provider() {
    return KeyStoreAuthProvider.builder().store(store).clock(clock).defaultTenant("main").build();
  }

  String key(String tenant, String role, Duration ttl) {
    String id = ApiKeySecrets.newId();
    ApiKeySecrets.Token t = ApiKeySecrets.newToken(id);
    store.create(
        new ApiKey(
            id,
            tenant,
            role,
            "p-" + id,
            "",
            List.of("s1"),
            ApiKeySecrets.hash(t.secret()),
            clock.instant(),
            ttl == null ? null : clock.instant().plus(ttl),
            null,
            null,
            null));
    return t.value();
  }

  static AuthRequest req(String key) {
    return new AuthRequest("GET", "/api/v1/jobs", "10.0.0.1", key, h -> null);
  }

  static AuthRequest bearer(String token) {
    return new AuthRequest(
        "GET",
        "/api/v1/jobs",
        "10.0.0.1",
        null,
        h -> h.equalsIgnoreCase("Authorization") ? "Bearer " + token : null);
  }

  @Test
  void aStoredKeyGivesItsTenantRoleAndPrincipalAndOnlyItsSecretWorks() {
    String token = key("team-a", "operator", null);
    KeyStoreAuthProvider p = provider();

    Principal who = p.authenticate(req(token)).orElseThrow();
    assertThat(who.tenant()).isEqualTo("team-a");
    assertThat(who.role()).isEqualTo("operator");
    assertThat(who.crossTenant()).isFalse();
    assertThat(who.id()).startsWith("p-");
    assertThat(who.attributes()).containsEntry(KeyStoreAuthProvider.SCOPES, "s1");
    assertThat(p.authenticate(bearer(token))).contains(who);
    // One character off, an unknown id, a bare secret: all refused.
    String off = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThat(p.authenticate(req(off))).isEmpty();
    assertThat(
            p.authenticate(
                req("ck_0000000000000000_" + token.substring(token.lastIndexOf('_') + 1))))
        .isEmpty();
    assertThat(p.authenticate(req(token.substring(token.lastIndexOf('_') + 1)))).isEmpty();
    assertThat(p.authenticate(req(null))).isEmpty();
    assertThat(p.authorize(who, Permission.JOBS_SUBMIT)).isTrue();
    assertThat(p.authorize(who, Permission.KEYS_MANAGE)).isFalse();
  }

  @Test
  void aCrossTenantKeyWorksInTheDefaultTenantAndReachesEveryTenant() {
    KeyStoreAuthProvider p = provider();
    Principal all = p.authenticate(req(key("*", "admin", null))).orElseThrow();
    Principal local = p.authenticate(req(key("team-a", "admin", null))).orElseThrow();

    assertThat(all.crossTenant()).isTrue();
    assertThat(all.tenant()).isEqualTo("main");
    assertThat(p.canAccessTenant(all, "team-z")).isTrue();
    assertThat(p.canAccessTenant(local, "team-z")).isFalse();
    assertThat(p.authorize(all, Permission.POLICY_WRITE)).isTrue();
    // Platform permissions need a cross-tenant key, whatever the role.
    assertThat(p.authorize(local, Permission.POLICY_WRITE)).isFalse();
    assertThat(p.authorize(local, Permission.KEYS_MANAGE)).isTrue();
  }

  @Test
  void expiryIsCheckedOnEveryRequest() {
    String token = key("t", "viewer", Duration.ofMinutes(5));
    KeyStoreAuthProvider p = provider();

    assertThat(p.authenticate(req(token))).isPresent();
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.authenticate(req(token))).isEmpty();
  }

  @Test
  void revocationAndRotationTakeEffectAtOnceOnEveryReplica() {
    String token = key("t", "viewer", null);
    String id = ApiKeySecrets.parse(token).orElseThrow().id();
    KeyStoreAuthProvider one = provider();
    KeyStoreAuthProvider two = provider();
    assertThat(one.authenticate(req(token))).isPresent();
    assertThat(two.authenticate(req(token))).isPresent();

    ApiKeySecrets.Token next = ApiKeySecrets.newToken(id);
    store.rotate(id, ApiKeySecrets.hash(next.secret()), clock.instant());
    assertThat(two.authenticate(req(token))).isEmpty();
    assertThat(two.authenticate(req(next.value()))).isPresent();

    store.revoke(id, clock.instant());
    assertThat(one.authenticate(req(next.value()))).isEmpty();
    assertThat(two.authenticate(req(next.value()))).isEmpty();
  }

  @Test
  void lastUseIsRecordedAtMostOncePerInterval() {
    String token = key("t", "viewer", null);
    String id = ApiKeySecrets.parse(token).orElseThrow().id();
    KeyStoreAuthProvider p = provider();

    p.authenticate(req(token));
    var first = store.get(id).orElseThrow().lastUsedAt();
    assertThat(first).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(30));
    p.authenticate(req(token));
    assertThat(store.get(id).orElseThrow().lastUsedAt()).isEqualTo(first);
    clock.advance(Duration.ofSeconds(31));
    p.authenticate(req(token));
    assertThat(store.get(id).orElseThrow().lastUsedAt()).isEqualTo(clock.instant());
  }

  @Test
  void configuredKeysKeepWorkingWithTheirTenantRoleAndPrincipal() {
    KeyStoreAuthProvider p =
        KeyStoreAuthProvider.builder()
            .store(store)
            .clock(clock)
            .defaultTenant("main")
            .configuredKeys(
                ApiKeys.fromEnvironment(
                    Map.of("CORDUM_API_KEYS", "team-b:kb:viewer:bob,*:kall:admin:root,plain")))
            .build();

    Principal bob = p.authenticate(req("kb")).orElseThrow();
    assertThat(bob.tenant()).isEqualTo("team-b");
    assertThat(bob.role()).isEqualTo("viewer");
    assertThat(bob.id()).isEqualTo("bob");
    assertThat(p.authenticate(req("kall")).orElseThrow().crossTenant()).isTrue();
    Principal plain = p.authenticate(req("plain")).orElseThrow();
    assertThat(plain.tenant()).isEqualTo("main");
    assertThat(plain.role()).isEqualTo("admin");
    assertThat(p.bootstrap()).isEmpty();
    assertThatThrownBy(
            () ->
                KeyStoreAuthProvider.builder()
                    .store(store)
                    .configuredKeys(
                        ApiKeys.fromEnvironment(Map.of("CORDUM_API_KEYS", "t:k:root:x")))
                    .build())
        .hasMessageContaining("root")
        .hasMessageNotContaining(":k:");
  }

  @Test
  void bootstrapMakesOneCrossTenantAdminKeyOnce() {
    KeyStoreAuthProvider one = provider();
    KeyStoreAuthProvider two = provider();

    Optional<ApiKeySecrets.Token> t = one.bootstrap();
    assertThat(t).isPresent();
    assertThat(two.bootstrap()).isEmpty();
    assertThat(one.bootstrap()).isEmpty();
    Principal admin = two.authenticate(req(t.get().value())).orElseThrow();
    assertThat(admin.crossTenant()).isTrue();
    assertThat(admin.role()).isEqualTo("admin");
    assertThat(store.list(null))
        .singleElement()
        .satisfies(k -> assertThat(k.secretHash()).isNotEqualTo(t.get().secret()));
  }

  @Test
  void secretsNeverReachLogsOrDescriptions() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      String token = key("t", "viewer", null);
      KeyStoreAuthProvider p = provider();
      p.authenticate(req(token));
      p.authenticate(req(token + "x"));
      String secret = token.substring(token.lastIndexOf('_') + 1);
      assertThat(p.describe()).doesNotContain(secret);
      assertThat(ApiKeySecrets.parse(token).orElseThrow().toString()).doesNotContain(secret);
      assertThat(store.list(null).toString()).doesNotContain(secret);
      assertThat(req(token).toString()).doesNotContain(secret);
      assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(secret));
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void theRoleTableIsData() {
    RoleTable t = RoleTable.standard();
    assertThat(t.roles())
        .extracting(RoleTable.Role::name)
        .containsExactly("viewer", "operator", "secops", "admin");
    assertThat(t.grants("viewer", false, Permission.JOBS_READ)).isTrue();
    assertThat(t.grants("viewer", false, Permission.JOBS_SUBMIT)).isFalse();
    assertThat(t.grants("viewer", false, Permission.MEMORY_READ)).isFalse();
    assertThat(t.grants("operator", false, Permission.APPROVALS_DECIDE)).isTrue();
    assertThat(t.grants("operator", false, Permission.KEYS_MANAGE)).isFalse();
    assertThat(t.grants("secops", true, Permission.POLICY_WRITE)).isTrue();
    assertThat(t.grants("secops", false, Permission.POLICY_WRITE)).isFalse();
    assertThat(t.grants("ADMIN ", false, Permission.KEYS_MANAGE)).isTrue();
    assertThat(t.grants("nobody", true, Permission.JOBS_READ)).isFalse();
    assertThat(t.markdown()).contains("| `keys.manage` |").contains("| `policy.write` |");
  }
}
