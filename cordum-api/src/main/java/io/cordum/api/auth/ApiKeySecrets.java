package io.cordum.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes and reads API key tokens. A token is {@code ck_<id>_<secret>}: the public id, by which the
 * key is looked up, and 32 random bytes as unpadded base64url. Only the SHA-256 of the secret is
 * stored; as the secret is 256 random bits, a fast hash is enough (a slow password hash guards
 * against guessing low-entropy secrets, which these are not).
 */
public final class ApiKeySecrets {
  /** The prefix of every token. */
  public static final String PREFIX = "ck_";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /**
   * A token split into its parts.
   *
   * @param id the key id
   * @param secret the secret part
   */
  public record Token(String id, String secret) {
    /** The token as the client sends it. */
    public String value() {
      return PREFIX + id + "_" + secret;
    }

    @Override
    public String toString() {
      return "Token[" + id + ", secret hidden]";
    }
  }

  /** A new random key id: 16 lowercase hex digits. */
  public static String newId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A new random secret: 32 bytes as unpadded base64url (43 characters). */
  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A new token for the key id. */
  public static Token newToken(String id) {
    return new Token(id, newSecret());
  }

  /**
   * Splits a presented token; empty when it does not have the token shape (then it may be a plain
   * configured key).
   */
  public static Optional<Token> parse(@Nullable String presented) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    // The id has no '_'; the secret (base64url) may.
    int sep = presented.indexOf('_', PREFIX.length());
    if (sep < 0) {
      return Optional.empty();
    }
    String id = presented.substring(PREFIX.length(), sep);
    String secret = presented.substring(sep + 1);
    if (!ID.matcher(id).matches() || !SECRET.matcher(secret).matches()) {
      return Optional.empty();
    }
    return Optional.of(new Token(id, secret));
  }

  /** The lowercase hex SHA-256 of a secret, as {@link ApiKey#secretHash()} stores it. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  /**
   * Whether the secret matches the stored hash, compared in constant time (every byte is compared;
   * no early exit at the first difference).
   */
  public static boolean matches(String secret, String secretHash) {
    byte[] expected;
    try {
      expected = HexFormat.of().parseHex(secretHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret), expected);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
