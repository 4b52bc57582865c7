package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.cordum.api.ValidationException;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.JwtVerifier;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import io.cordum.memory.InMemoryApiKeyStore;
import io.cordum.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer JWTs: signature, expiry, issuer and audience, claims to tenant, role, principal. */
class JwtAuthTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-hmac";
  final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
  @TempDir Path tmp;

  JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .subject("alice")
        .claim("tenant", "team-a")
        .claim("role", "operator")
        .issuer("https://idp.example")
        .audience("cordum")
        .expirationTime(Date.from(clock.instant().plusSeconds(300)));
  }

  String hmac(UnaryOperator<JWTClaimsSet.Builder> c) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            c.apply(claims()).build());
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  KeyStoreAuthProvider provider(JwtVerifier v) {
    return KeyStoreAuthProvider.builder()
        .store(new InMemoryApiKeyStore())
        .clock(clock)
        .defaultTenant("main")
        .jwt(v)
        .build();
  }

  JwtVerifier.Builder verifier() {
    return JwtVerifier.builder()
        .issuer("https://idp.example")
        .audience("cordum")
        .clock(clock)
        .clockSkew(Duration.ZERO);
  }

  static Optional<Principal> auth(KeyStoreAuthProvider p, String token) {
    return p.authenticate(
        new AuthRequest(
            "GET",
            "/api/v1/jobs",
            "10.0.0.1",
            null,
            h -> h.equalsIgnoreCase("Authorization") ? "Bearer " + token : null));
  }

  @Test
  void aValidHmacTokenMapsItsClaims() throws Exception {
    KeyStoreAuthProvider p =
        provider(verifier().hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8)).build());

    Principal who = auth(p, hmac(c -> c.jwtID("t-1"))).orElseThrow();
    assertThat(who.id()).isEqualTo("alice");
    assertThat(who.tenant()).isEqualTo("team-a");
    assertThat(who.role()).isEqualTo("operator");
    assertThat(who.keyId()).isEqualTo("jwt:t-1");
    assertThat(p.authorize(who, Permission.JOBS_SUBMIT)).isTrue();
    assertThat(p.authorize(who, Permission.KEYS_MANAGE)).isFalse();
    Principal all =
        auth(p, hmac(c -> c.claim("tenant", "*").claim("role", List.of("unknown", "admin"))))
            .orElseThrow();
    assertThat(all.crossTenant()).isTrue();
    assertThat(all.role()).isEqualTo("admin");
  }

  @Test
  void badTokensAuthenticateNothing() throws Exception {
    KeyStoreAuthProvider p =
        provider(verifier().hmacSecret(SECRET.getBytes(StandardCharsets.UTF_8)).build());
    String good = hmac(c -> c);

    assertThat(auth(p, good.substring(0, good.length() - 2) + "xx")).isEmpty();
    assertThat(auth(p, hmac(c -> c.issuer("https://evil.example")))).isEmpty();
    assertThat(auth(p, hmac(c -> c.audience("other")))).isEmpty();
    assertThat(auth(p, hmac(c -> c.claim("role", "root")))).isEmpty();
    assertThat(auth(p, hmac(c -> c.claim("tenant", null)))).isEmpty();
    assertThat(auth(p, hmac(c -> c.expirationTime(null)))).isEmpty();
    assertThat(auth(p, new PlainJWT(new PlainHeader(), claims().build()).serialize())).isEmpty();
    clock.advance(Duration.ofSeconds(300));
    assertThat(auth(p, good)).isEmpty();
  }

  @Test
  void aJwksFileVerifiesRsaTokensAndTheEnvironmentConfiguresIt() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    Path jwks = tmp.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(key).toPublicJWKSet().toString());
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            claims().claim("grp", "team-r").claim("role", "viewer").build());
    jwt.sign(new RSASSASigner(key));

    GatewayConfig cfg =
        GatewayConfig.builder()
            .fromEnvironment(
                Map.of(
                    "CORDUM_AUTH_PROVIDER",
                    "key-store",
                    "CORDUM_JWT_JWKS_FILE",
                    jwks.toString(),
                    "CORDUM_JWT_ISSUER",
                    "https://idp.example",
                    "CORDUM_JWT_AUDIENCE",
                    "cordum",
                    "CORDUM_JWT_TENANT_CLAIM",
                    "grp"))
            .build();
    assertThat(cfg.jwt()).isNotNull();
    Principal who =
        auth(
                KeyStoreAuthProvider.builder()
                    .store(new InMemoryApiKeyStore())
                    .jwt(cfg.jwt())
                    .build(),
                jwt.serialize())
            .orElseThrow();
    assertThat(who.tenant()).isEqualTo("team-r");
    assertThat(who.role()).isEqualTo("viewer");
    // An HMAC token is not accepted by a public-key verifier (no algorithm confusion).
    assertThat(auth(provider(cfg.jwt()), hmac(c -> c))).isEmpty();

    assertThatThrownBy(
            () ->
                GatewayConfig.builder()
                    .fromEnvironment(Map.of("CORDUM_JWT_HMAC_SECRET", SECRET))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("key-store")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> JwtVerifier.builder().hmacSecret(new byte[8]).build())
        .hasMessageContaining("at least 32 bytes");
  }
}
