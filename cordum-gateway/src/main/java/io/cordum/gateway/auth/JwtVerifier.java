package io.cordum.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.cordum.api.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies bearer JWTs from an identity provider and reads who they stand for, for {@link
 * KeyStoreAuthProvider}: a signature by a configured key (an HMAC secret, or the public keys of a
 * JWKS file), the expiry (required) and not-before times, and when configured the issuer and
 * audience. The crypto is Nimbus JOSE + JWT's; only the algorithms of the configured keys are
 * accepted ({@code none} never is).
 *
 * <p>Claims map to the caller: the tenant claim (default {@code tenant}; {@code *} for a
 * cross-tenant token), the role claim (default {@code role}; a string, or a list whose first known
 * role wins) and the principal claim (default {@code sub}). A token without a tenant or a principal
 * is refused.
 */
public final class JwtVerifier {
  private static final Set<JWSAlgorithm> HMAC =
      Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
  private static final Set<JWSAlgorithm> PUBLIC_KEY =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  /**
   * Who a verified token stands for.
   *
   * @param tenant the tenant claim ({@code *}: cross-tenant)
   * @param roles the role claim's values, in order
   * @param principal the principal claim
   * @param tokenId the {@code jti} claim, or the principal when there is none (for rate limits and
   *     the audit log)
   */
  public record Identity(String tenant, List<String> roles, String principal, String tokenId) {}

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final String tenantClaim;
  private final String roleClaim;
  private final String principalClaim;

  private JwtVerifier(Builder b) {
    JWKSource<SecurityContext> keys;
    Set<JWSAlgorithm> algs;
    if (b.secret != null) {
      if (b.secret.length < 32) {
        throw new ValidationException("jwt_hmac_secret", "must be at least 32 bytes");
      }
      keys = new ImmutableSecret<>(b.secret);
      algs = HMAC;
    } else if (b.jwks != null) {
      keys = new ImmutableJWKSet<>(b.jwks);
      algs = PUBLIC_KEY;
    } else {
      throw new ValidationException("jwt", "needs an HMAC secret or a JWKS file");
    }
    this.tenantClaim = b.tenantClaim;
    this.roleClaim = b.roleClaim;
    this.principalClaim = b.principalClaim;
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (b.issuer != null) {
      exact.issuer(b.issuer);
    }
    InstantSource clock = b.clock;
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            b.audience == null ? null : Set.of(b.audience),
            exact.build(),
            new HashSet<>(List.of("exp", tenantClaim, principalClaim)),
            null) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew((int) b.clockSkew.toSeconds());
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algs, keys));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** A builder; give {@link Builder#hmacSecret} or {@link Builder#jwks}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The verifier the variables describe, if any: {@code CORDUM_JWT_HMAC_SECRET} or {@code
   * CORDUM_JWT_JWKS_FILE}, with {@code CORDUM_JWT_ISSUER}, {@code CORDUM_JWT_AUDIENCE}, {@code
   * CORDUM_JWT_TENANT_CLAIM}, {@code CORDUM_JWT_ROLE_CLAIM} and {@code CORDUM_JWT_PRINCIPAL_CLAIM}.
   *
   * @throws ValidationException naming the variable when a value is unusable (never echoing a
   *     secret)
   */
  public static Optional<JwtVerifier> fromEnvironment(Map<String, String> env) {
    String secret = get(env, "CORDUM_JWT_HMAC_SECRET");
    String jwks = get(env, "CORDUM_JWT_JWKS_FILE");
    // Every name is read, so a host that reports unread settings sees them as known.
    String issuer = get(env, "CORDUM_JWT_ISSUER");
    String audience = get(env, "CORDUM_JWT_AUDIENCE");
    String tenantClaim = get(env, "CORDUM_JWT_TENANT_CLAIM");
    String roleClaim = get(env, "CORDUM_JWT_ROLE_CLAIM");
    String principalClaim = get(env, "CORDUM_JWT_PRINCIPAL_CLAIM");
    if (secret == null && jwks == null) {
      if (issuer != null || audience != null) {
        throw new ValidationException(
            issuer != null ? "CORDUM_JWT_ISSUER" : "CORDUM_JWT_AUDIENCE",
            "needs CORDUM_JWT_HMAC_SECRET or CORDUM_JWT_JWKS_FILE");
      }
      return Optional.empty();
    }
    Builder b = builder();
    if (secret != null) {
      b.hmacSecret(secret.getBytes(StandardCharsets.UTF_8));
    } else {
      try {
        b.jwks(Path.of(jwks));
      } catch (ValidationException e) {
        throw new ValidationException("CORDUM_JWT_JWKS_FILE", e.getMessage());
      }
    }
    Optional.ofNullable(issuer).ifPresent(b::issuer);
    Optional.ofNullable(audience).ifPresent(b::audience);
    Optional.ofNullable(tenantClaim).ifPresent(b::tenantClaim);
    Optional.ofNullable(roleClaim).ifPresent(b::roleClaim);
    Optional.ofNullable(principalClaim).ifPresent(b::principalClaim);
    return Optional.of(b.build());
  }

  private static @Nullable String get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Whether the text has the shape of a compact JWS (three dot-separated parts). */
  public static boolean looksLikeJwt(String token) {
    int first = token.indexOf('.');
    return first > 0
        && token.indexOf('.', first + 1) > first + 1
        && token.chars().filter(c -> c == '.').count() == 2;
  }

  /** Who the token stands for, or empty when it is not valid (the reason is not told). */
  public Optional<Identity> verify(String token) {
    JWTClaimsSet c;
    try {
      c = processor.process(token, null);
    } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
    String tenant = string(c.getClaim(tenantClaim));
    String principal = string(c.getClaim(principalClaim));
    if (tenant.isEmpty() || principal.isEmpty()) {
      return Optional.empty();
    }
    Object r = c.getClaim(roleClaim);
    List<String> roles =
        r instanceof List<?> l
            ? l.stream().map(JwtVerifier::string).filter(s -> !s.isEmpty()).toList()
            : List.of(string(r)).stream().filter(s -> !s.isEmpty()).toList();
    String jti = c.getJWTID();
    return Optional.of(
        new Identity(tenant, roles, principal, jti == null || jti.isBlank() ? principal : jti));
  }

  private static String string(@Nullable Object o) {
    return o instanceof String s ? s.trim() : "";
  }

  @Override
  public String toString() {
    return "JwtVerifier[tenant claim "
        + tenantClaim
        + ", role claim "
        + roleClaim
        + ", principal claim "
        + principalClaim
        + "]";
  }

  /** Builds {@link JwtVerifier}s. */
  public static final class Builder {
    private byte @Nullable [] secret;
    private @Nullable JWKSet jwks;
    private @Nullable String issuer;
    private @Nullable String audience;
    private String tenantClaim = "tenant";
    private String roleClaim = "role";
    private String principalClaim = "sub";
    private InstantSource clock = InstantSource.system();
    private Duration clockSkew = Duration.ofSeconds(60);

    private Builder() {}

    /** Tokens signed with HMAC (HS256/384/512) under this secret (at least 32 bytes). */
    public Builder hmacSecret(byte[] v) {
      this.secret = v.clone();
      return this;
    }

    /** Tokens signed (RS, PS, ES) by one of the public keys of this JWKS document. */
    public Builder jwks(String jwksJson) {
      try {
        this.jwks = JWKSet.parse(jwksJson).toPublicJWKSet();
      } catch (ParseException e) {
        throw new ValidationException("jwks", "not a JWKS document: " + e.getMessage());
      }
      return this;
    }

    /** The same, read from a file. */
    public Builder jwks(Path file) {
      try {
        return jwks(Files.readString(file));
      } catch (IOException e) {
        throw new ValidationException("jwks", "can not read " + file + ": " + e.getMessage());
      }
    }

    /** The issuer ({@code iss}) every token must name. */
    public Builder issuer(String v) {
      this.issuer = Objects.requireNonNull(v);
      return this;
    }

    /** An audience ({@code aud}) every token must name. */
    public Builder audience(String v) {
      this.audience = Objects.requireNonNull(v);
      return this;
    }

    /** The claim that names the tenant (default {@code tenant}). */
    public Builder tenantClaim(String v) {
      this.tenantClaim = Objects.requireNonNull(v);
      return this;
    }

    /** The claim that names the role (default {@code role}). */
    public Builder roleClaim(String v) {
      this.roleClaim = Objects.requireNonNull(v);
      return this;
    }

    /** The claim that names the principal (default {@code sub}). */
    public Builder principalClaim(String v) {
      this.principalClaim = Objects.requireNonNull(v);
      return this;
    }

    /** The time source for {@code exp} and {@code nbf} (default: the system clock). */
    public Builder clock(InstantSource v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    /** The clock skew allowed on {@code exp} and {@code nbf} (default 60 s). */
    public Builder clockSkew(Duration v) {
      this.clockSkew = Objects.requireNonNull(v);
      return this;
    }

    /** The verifier. */
    public JwtVerifier build() {
      return new JwtVerifier(this);
    }
  }
}
