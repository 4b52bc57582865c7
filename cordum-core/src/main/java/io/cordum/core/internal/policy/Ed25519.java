package io.cordum.core.internal.policy;

import io.cordum.api.ValidationException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 signature checks of policy bytes with the JDK's provider. Keys are raw 32-byte public
 * keys, signatures raw 64 bytes, each written as hex or base64. Decoding is strict, so the two
 * encodings never get confused: text of exactly 64 (key) or 128 (signature) hex digits is hex,
 * anything else must be base64 of the right length.
 */
final class Ed25519 {
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final PublicKey key;

  private Ed25519(PublicKey key) {
    this.key = key;
  }

  /**
   * A verifier for a public key written as hex or base64.
   *
   * @throws ValidationException if the key does not decode to 32 bytes
   */
  public static Ed25519 publicKey(String encoded) {
    byte[] raw = decode(encoded, 32, "public key");
    byte[] der = new byte[X509_PREFIX.length + raw.length];
    System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, raw.length);
    try {
      return new Ed25519(
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException e) {
      throw new ValidationException("public key", "is not a usable Ed25519 key: " + e);
    }
  }

  /**
   * Decodes hex or base64 text of the expected length.
   *
   * @throws ValidationException naming {@code what} if it does not decode to {@code length}
   */
  public static byte[] decode(String text, int length, String what) {
    String t = text.trim();
    if (t.length() == length * 2 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return HexFormat.of().parseHex(t);
    }
    byte[] out;
    try {
      out = Base64.getDecoder().decode(t);
    } catch (IllegalArgumentException e) {
      try {
        out = Base64.getUrlDecoder().decode(t);
      } catch (IllegalArgumentException e2) {
        throw new ValidationException(
            what, "must be " + length + " bytes as hex (" + length * 2 + " digits) or base64");
      }
    }
    if (out.length != length) {
      throw new ValidationException(what, "must be " + length + " bytes, got " + out.length);
    }
    return out;
  }

  /**
   * The signature bytes of a signature file: 64 raw bytes, or hex/base64 text.
   *
   * @throws ValidationException if it is neither
   */
  public static byte[] signatureFile(byte[] content) {
    if (content.length == 64) {
      return content;
    }
    return decode(new String(content, java.nio.charset.StandardCharsets.US_ASCII), 64, "signature");
  }

  /** Whether {@code signature} is a valid signature of {@code data}. */
  public boolean verify(byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
