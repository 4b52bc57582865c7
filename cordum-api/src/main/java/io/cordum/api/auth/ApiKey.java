package io.cordum.api.auth;

import io.cordum.api.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One API key as stored: who it stands for and what it may do, with the SHA-256 hash of its secret
 * (never the secret itself, which is shown once when the key is made).
 *
 * @param id the public id, also the middle part of the token ({@code ck_<id>_<secret>}): lowercase
 *     letters, digits and {@code -}, 1 to 64 characters
 * @param tenant the tenant the key works in
 * @param role the role name, looked up in the gateway's role table
 * @param principal the principal recorded as actor for what the key does
 * @param name a free label for people (may be empty)
 * @param scopes optional extra restrictions, free words without whitespace (may be empty)
 * @param secretHash the lowercase hex SHA-256 of the secret (64 characters)
 * @param createdAt when the key was made
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when it last authenticated a request (updated at most about once a minute), or
 *     {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param rotatedAt when its secret was last replaced, or {@code null}
 */
public record ApiKey(
    String id,
    String tenant,
    String role,
    String principal,
    String name,
    List<String> scopes,
    String secretHash,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant revokedAt,
    @Nullable Instant rotatedAt) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern WORD = Pattern.compile("\\S{1,128}");

  /** Checks every field; a failure names the field and the rule. */
  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(createdAt, "createdAt");
    scopes = List.copyOf(scopes);
    if (!ID.matcher(id).matches()) {
      throw new ValidationException(
          "id",
          "must be 1 to 64 lowercase letters, digits or '-', starting with a letter or digit");
    }
    word(tenant, "tenant");
    word(role, "role");
    word(principal, "principal");
    if (name.length() > 200) {
      throw new ValidationException("name", "must be at most 200 characters");
    }
    for (String s : scopes) {
      word(s, "scopes");
    }
    if (!HASH.matcher(secretHash).matches()) {
      throw new ValidationException("secret_hash", "must be 64 lowercase hex digits (SHA-256)");
    }
  }

  private static void word(String v, String field) {
    if (!WORD.matcher(v).matches()) {
      throw new ValidationException(field, "must be 1 to 128 characters without whitespace");
    }
  }

  /** Whether the key was revoked. */
  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** Whether the key has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Whether the key authenticates at {@code now}: neither revoked nor expired. */
  public boolean isActive(Instant now) {
    return !isRevoked() && !isExpired(now);
  }

  /** This key with another secret hash, replaced at {@code at}. */
  public ApiKey withSecret(String newSecretHash, Instant at) {
    return new ApiKey(
        id,
        tenant,
        role,
        principal,
        name,
        scopes,
        newSecretHash,
        createdAt,
        expiresAt,
        lastUsedAt,
        revokedAt,
        at);
  }

  /** This key revoked at {@code at} (unchanged if it already was). */
  public ApiKey revoked(Instant at) {
    return revokedAt != null
        ? this
        : new ApiKey(
            id,
            tenant,
            role,
            principal,
            name,
            scopes,
            secretHash,
            createdAt,
            expiresAt,
            lastUsedAt,
            at,
            rotatedAt);
  }

  /** This key last used at {@code at} (unchanged if it was used later already). */
  public ApiKey usedAt(Instant at) {
    return lastUsedAt != null && !at.isAfter(lastUsedAt)
        ? this
        : new ApiKey(
            id,
            tenant,
            role,
            principal,
            name,
            scopes,
            secretHash,
            createdAt,
            expiresAt,
            at,
            revokedAt,
            rotatedAt);
  }

  @Override
  public String toString() {
    // The hash is not a secret, but nothing gains from printing it.
    return "ApiKey["
        + id
        + ", tenant "
        + tenant
        + ", role "
        + role
        + ", principal "
        + principal
        + (revokedAt != null ? ", revoked" : "")
        + "]";
  }
}
