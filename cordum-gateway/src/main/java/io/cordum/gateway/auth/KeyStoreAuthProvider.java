package io.cordum.gateway.auth;

import io.cordum.api.ConflictException;
import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.api.auth.ApiKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-tenant API keys with roles: each key names its tenant, role and principal, and the {@link
 * RoleTable} decides what it may do. Keys live in an {@link ApiKeyStore} (in-memory or Redis,
 * shared by every replica) and are managed through {@code /api/v1/auth/keys}; the {@code
 * tenant:key:role:principal} entries of {@code CORDUM_API_KEYS} keep working beside them.
 *
 * <p><b>Tokens.</b> A stored key is presented as {@code ck_<id>_<secret>} in {@code X-API-Key} (or
 * {@code Authorization: Bearer}, or the WebSocket subprotocol). The id finds the record; the
 * SHA-256 of the secret is compared with the stored hash in constant time. An unknown id costs the
 * same comparison against a dummy hash. Every request reads the store, so a revocation or a
 * rotation takes effect at once on every replica; the last-used time is written at most once per
 * {@link Builder#touchInterval} per key and replica.
 *
 * <p><b>Bearer JWTs.</b> With a {@link JwtVerifier} ({@link Builder#jwt}), a JWT in {@code
 * Authorization: Bearer} (or {@code X-API-Key}) that it accepts authenticates as its claims say:
 * tenant, role (the first the role table knows) and principal.
 *
 * <p><b>Tenants.</b> A key's tenant is where it works; tenant {@code *} makes a cross-tenant key,
 * which works in the default tenant and may reach every tenant's objects. Platform permissions (see
 * {@link RoleTable#PLATFORM}) need a cross-tenant key.
 *
 * <p><b>First key.</b> With no stored key and no configured key, {@link #bootstrap()} makes a
 * cross-tenant admin key and returns its token once (the server prints it once); concurrent
 * replicas race on one fixed id, so exactly one key is made.
 */
public final class KeyStoreAuthProvider implements AuthProvider {
  private static final Logger log = LoggerFactory.getLogger(KeyStoreAuthProvider.class);

  /** The tenant value of a cross-tenant key. */
  public static final String ANY_TENANT = "*";

  /** The id of the key {@link #bootstrap()} makes. */
  public static final String BOOTSTRAP_ID = "bootstrap";

  /** Principal attribute: where the key came from, {@code store} or {@code config}. */
  public static final String SOURCE = "key_source";

  /** Principal attribute: the key's scopes, space-separated (absent when it has none). */
  public static final String SCOPES = "scopes";

  // Compared against when the id is unknown, so that a miss costs what a hit costs.
  private static final String DUMMY_HASH = ApiKeySecrets.hash("no such key");

  private final ApiKeyStore store;
  private final RoleTable roles;
  private final ApiKeys configured;
  private final String defaultTenant;
  private final InstantSource clock;
  private final Duration touchInterval;
  private final @Nullable JwtVerifier jwt;
  private final Map<String, Instant> touched = new ConcurrentHashMap<>();

  private KeyStoreAuthProvider(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store is required");
    this.roles = b.roles;
    this.configured = b.configured;
    this.defaultTenant = b.defaultTenant;
    this.clock = b.clock;
    this.touchInterval = b.touchInterval;
    this.jwt = b.jwt;
    for (ApiKeys.Entry e : configured.entries()) {
      if (!e.role().isEmpty() && roles.role(e.role()).isEmpty()) {
        throw new IllegalArgumentException(
            "CORDUM_API_KEYS: entry "
                + e.id()
                + " names role '"
                + e.role()
                + "', which is not one of "
                + roleNames());
      }
    }
  }

  /** A builder; {@link Builder#store} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    String presented = request.apiKey();
    if (presented == null) {
      presented = bearer(request.header("Authorization"));
    }
    if (presented == null || presented.isBlank()) {
      return Optional.empty();
    }
    Optional<ApiKeySecrets.Token> token = ApiKeySecrets.parse(presented.trim());
    if (token.isPresent()) {
      return fromStore(token.get());
    }
    if (jwt != null && JwtVerifier.looksLikeJwt(presented.trim())) {
      return jwt.verify(presented.trim()).flatMap(this::fromJwt);
    }
    return configured.match(presented).map(this::fromConfig);
  }

  private Optional<Principal> fromJwt(JwtVerifier.Identity id) {
    // The first role the table knows; a token naming none authenticates nothing.
    Optional<String> role =
        id.roles().stream()
            .map(r -> r.toLowerCase(java.util.Locale.ROOT))
            .filter(r -> roles.role(r).isPresent())
            .findFirst();
    if (role.isEmpty()) {
      return Optional.empty();
    }
    boolean cross = ANY_TENANT.equals(id.tenant());
    return Optional.of(
        new Principal(
            id.principal(),
            cross ? defaultTenant : id.tenant(),
            role.get(),
            "jwt:" + id.tokenId(),
            cross,
            Map.of(SOURCE, "jwt")));
  }

  private static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null
        || authorization.length() < 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  private Optional<Principal> fromStore(ApiKeySecrets.Token token) {
    Optional<ApiKey> stored = store.get(token.id());
    boolean match =
        ApiKeySecrets.matches(token.secret(), stored.map(ApiKey::secretHash).orElse(DUMMY_HASH));
    Instant now = clock.instant();
    if (stored.isEmpty()
        || !match
        || !stored.get().isActive(now)
        || roles.role(stored.get().role()).isEmpty()) {
      return Optional.empty();
    }
    ApiKey k = stored.get();
    touch(k.id(), now);
    boolean cross = ANY_TENANT.equals(k.tenant());
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(SOURCE, "store");
    if (!k.scopes().isEmpty()) {
      attrs.put(SCOPES, String.join(" ", k.scopes()));
    }
    return Optional.of(
        new Principal(
            k.principal(),
            cross ? defaultTenant : k.tenant(),
            k.role().toLowerCase(java.util.Locale.ROOT),
            k.id(),
            cross,
            attrs));
  }

  private Principal fromConfig(ApiKeys.Entry e) {
    String tenant = e.tenant().isEmpty() ? defaultTenant : e.tenant();
    boolean cross = ANY_TENANT.equals(tenant);
    String role = e.role().isEmpty() ? "admin" : e.role().toLowerCase(java.util.Locale.ROOT);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(SOURCE, "config");
    if (e.principal().isEmpty()) {
      attrs.put(PRINCIPAL_UNBOUND, "true");
    }
    return new Principal(
        e.principal().isEmpty() ? "api-" + e.id() : e.principal(),
        cross ? defaultTenant : tenant,
        role,
        e.id(),
        cross,
        attrs);
  }

  private void touch(String id, Instant now) {
    Instant last = touched.get(id);
    if (last != null && Duration.between(last, now).compareTo(touchInterval) < 0) {
      return;
    }
    touched.put(id, now);
    try {
      store.touch(id, now);
    } catch (RuntimeException e) {
      // The last-used time is advisory; a failed write must not fail the request.
      log.debug("recording the use of key {} failed: {}", id, e.toString());
    }
  }

  @Override
  public boolean authorize(Principal principal, Permission permission) {
    return roles.grants(principal.role(), principal.crossTenant(), permission);
  }

  /**
   * Makes the first key when there is none: a cross-tenant {@code admin} key with id {@value
   * #BOOTSTRAP_ID}, unless a key is stored or configured. The token is returned once and stored
   * nowhere; the caller shows it to the operator.
   *
   * @return the new key's token, or empty when keys exist (or another replica made it first)
   */
  public Optional<ApiKeySecrets.Token> bootstrap() {
    if (!configured.isEmpty() || !store.list(null).isEmpty()) {
      return Optional.empty();
    }
    ApiKeySecrets.Token token = ApiKeySecrets.newToken(BOOTSTRAP_ID);
    try {
      store.create(
          new ApiKey(
              BOOTSTRAP_ID,
              ANY_TENANT,
              "admin",
              "bootstrap-admin",
              "first admin key, made at first start",
              List.of(),
              ApiKeySecrets.hash(token.secret()),
              clock.instant(),
              null,
              null,
              null,
              null));
    } catch (ConflictException e) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /** The store the keys live in. */
  public ApiKeyStore store() {
    return store;
  }

  /** The role table. */
  public RoleTable roles() {
    return roles;
  }

  /** The time source (expiry, creation and use times). */
  public InstantSource clock() {
    return clock;
  }

  /** The tenant cross-tenant keys work in. */
  public String defaultTenant() {
    return defaultTenant;
  }

  private String roleNames() {
    return roles.roles().stream().map(RoleTable.Role::name).toList().toString();
  }

  @Override
  public String describe() {
    return "API key store with roles "
        + roleNames()
        + " ("
        + configured.size()
        + " configured keys"
        + (jwt == null ? "" : ", bearer JWTs")
        + ")";
  }

  /** Builds {@link KeyStoreAuthProvider}s. */
  public static final class Builder {
    private @Nullable ApiKeyStore store;
    private RoleTable roles = RoleTable.standard();
    private ApiKeys configured = ApiKeys.none();
    private String defaultTenant = "default";
    private InstantSource clock = InstantSource.system();
    private Duration touchInterval = Duration.ofMinutes(1);
    private @Nullable JwtVerifier jwt;

    private Builder() {}

    /**
     * Also accepts bearer JWTs ({@code Authorization: Bearer <jwt>}) that this verifier accepts,
     * mapping their claims to tenant, role and principal (default: none accepted).
     */
    public Builder jwt(@Nullable JwtVerifier v) {
      this.jwt = v;
      return this;
    }

    /** Where keys live (such as {@code cordum.apiKeys()}). Required. */
    public Builder store(ApiKeyStore v) {
      this.store = Objects.requireNonNull(v);
      return this;
    }

    /** The role table (default: {@link RoleTable#standard()}). */
    public Builder roles(RoleTable v) {
      this.roles = Objects.requireNonNull(v);
      return this;
    }

    /**
     * Keys from configuration ({@code CORDUM_API_KEYS} entries {@code tenant:key:role:principal};
     * an entry without a role is an {@code admin}, without a tenant works in the default tenant).
     */
    public Builder configuredKeys(ApiKeys v) {
      this.configured = Objects.requireNonNull(v);
      return this;
    }

    /** The tenant of configured keys that name none, and of cross-tenant keys. */
    public Builder defaultTenant(String v) {
      if (v.isBlank()) {
        throw new IllegalArgumentException("defaultTenant must not be blank");
      }
      this.defaultTenant = v.trim();
      return this;
    }

    /** The time source (default: the system clock). */
    public Builder clock(InstantSource v) {
      this.clock = Objects.requireNonNull(v);
      return this;
    }

    /** How often per key and replica the last-used time is written (default: one minute). */
    public Builder touchInterval(Duration v) {
      this.touchInterval = Objects.requireNonNull(v);
      return this;
    }

    /** The provider. */
    public KeyStoreAuthProvider build() {
      return new KeyStoreAuthProvider(this);
    }
  }
}
