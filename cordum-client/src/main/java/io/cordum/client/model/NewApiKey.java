package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An API key to make ({@code POST /api/v1/auth/keys}). Only the role is required; build with {@link
 * #builder(String)}.
 *
 * @param role a role of the gateway's role table
 * @param tenant the tenant, or {@code null} for the caller's ({@code *}: cross-tenant)
 * @param principal the principal, or {@code null} for {@code key-<id>}
 * @param name a label, or {@code null}
 * @param scopes extra words the key carries
 * @param expiresAt when it stops working, or {@code null}
 * @param ttl instead of {@code expiresAt}: how long it works, as a Go duration ({@code 720h})
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NewApiKey(
    String role,
    @Nullable String tenant,
    @Nullable String principal,
    @Nullable String name,
    List<String> scopes,
    @Nullable Instant expiresAt,
    @Nullable String ttl) {
  /** Checks the values. */
  public NewApiKey {
    Objects.requireNonNull(role, "role");
    scopes = Norm.list(scopes);
  }

  /** A builder for a key of the role. */
  public static Builder builder(String role) {
    return new Builder(role);
  }

  /** Builds {@link NewApiKey}s. */
  public static final class Builder {
    private final String role;
    private @Nullable String tenant;
    private @Nullable String principal;
    private @Nullable String name;
    private List<String> scopes = List.of();
    private @Nullable Instant expiresAt;
    private @Nullable String ttl;

    private Builder(String role) {
      this.role = Objects.requireNonNull(role, "role");
    }

    /** The tenant ({@code *} for a cross-tenant key). */
    public Builder tenant(@Nullable String v) {
      this.tenant = v;
      return this;
    }

    /** The principal recorded for what the key does. */
    public Builder principal(@Nullable String v) {
      this.principal = v;
      return this;
    }

    /** A label for people. */
    public Builder name(@Nullable String v) {
      this.name = v;
      return this;
    }

    /** Extra words the key carries. */
    public Builder scopes(List<String> v) {
      this.scopes = List.copyOf(v);
      return this;
    }

    /** When the key stops working. */
    public Builder expiresAt(@Nullable Instant v) {
      this.expiresAt = v;
      return this;
    }

    /** How long the key works (whole seconds are sent). */
    public Builder ttl(@Nullable Duration v) {
      this.ttl = v == null ? null : Math.max(1, v.toSeconds()) + "s";
      return this;
    }

    /** The key to make. */
    public NewApiKey build() {
      return new NewApiKey(role, tenant, principal, name, scopes, expiresAt, ttl);
    }
  }
}
