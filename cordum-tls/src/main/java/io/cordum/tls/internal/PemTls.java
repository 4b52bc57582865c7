package io.cordum.tls.internal;

import io.cordum.api.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Reads PEM files into the JDK's TLS types, as Cordum's {@code <prefix>_CA}, {@code <prefix>_CERT}
 * and {@code <prefix>_KEY} settings name them (prefix {@code NATS_TLS} or {@code REDIS_TLS}). Every
 * error is a {@link ValidationException} naming the variable ({@code NATS_TLS_CA}, {@code
 * REDIS_TLS_KEY}, ...) and the rule, so a message tells the operator which setting to fix.
 *
 * <p>Most callers want {@link ClientTls}, which adds the server name, TLS 1.2 as the minimum
 * version and hostname verification on top of the {@link SSLContext} built here.
 */
public final class PemTls {
  private PemTls() {}

  /**
   * The SSLContext for the given files.
   *
   * @param prefix the variables' common prefix, such as {@code NATS_TLS}; errors name {@code
   *     <prefix>_CA}, {@code <prefix>_CERT} and {@code <prefix>_KEY}
   * @param ca PEM bundle of CA certificates to trust, or {@code null} for the JDK's defaults
   * @param cert PEM client certificate (chain), or {@code null}
   * @param key PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}),
   *     required exactly when {@code cert} is given
   * @param insecure skip server certificate verification (a given CA file is still read, and a bad
   *     one is still an error)
   * @throws ValidationException if a file cannot be read or holds no usable content, or if only one
   *     of {@code cert} and {@code key} is given
   */
  public static SSLContext context(
      String prefix, @Nullable Path ca, @Nullable Path cert, @Nullable Path key, boolean insecure) {
    requirePair(prefix, cert, key);
    List<X509Certificate> trust = ca == null ? List.of() : certificates(prefix + "_CA", ca);
    List<X509Certificate> chain = cert == null ? List.of() : certificates(prefix + "_CERT", cert);
    PrivateKey pk = key == null ? null : privateKey(prefix + "_KEY", key);
    return context(prefix, trust, chain, pk, insecure);
  }

  /** The SSLContext for certificates and a key already read; see the public overload. */
  static SSLContext context(
      String prefix,
      List<X509Certificate> trust,
      List<X509Certificate> chain,
      @Nullable PrivateKey key,
      boolean insecure) {
    try {
      TrustManager[] trustManagers = null;
      if (insecure) {
        trustManagers = new TrustManager[] {new TrustAll()};
      } else if (!trust.isEmpty()) {
        trustManagers = trustManagers(trust);
      }
      KeyManager[] keyManagers = null;
      if (!chain.isEmpty() && key != null) {
        keyManagers = keyManagers(chain, key);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers, trustManagers, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new ValidationException(prefix, "cannot build the TLS settings: " + e);
    }
  }

  /**
   * Rejects a certificate without its key and a key without its certificate.
   *
   * @throws ValidationException naming {@code <prefix>_CERT} (or {@code _KEY}), rule "... must be
   *     set together"
   */
  public static void requirePair(String prefix, @Nullable Object cert, @Nullable Object key) {
    if ((cert == null) != (key == null)) {
      throw new ValidationException(
          prefix + (cert == null ? "_CERT" : "_KEY"),
          prefix + "_CERT and " + prefix + "_KEY must be set together");
    }
  }

  /**
   * Every certificate in a PEM file.
   *
   * @param variable the setting that named the file, for the error message
   * @throws ValidationException if the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> certificates(String variable, Path pem) {
    try {
      byte[] bytes = Files.readAllBytes(pem);
      Collection<? extends Certificate> all =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : all) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new ValidationException(variable, "no certificate found in " + pem);
      }
      return List.copyOf(out);
    } catch (IOException | GeneralSecurityException e) {
      throw new ValidationException(variable, "cannot read certificates from " + pem + ": " + e);
    }
  }

  /**
   * The private key in a PEM file: PKCS#8 {@code PRIVATE KEY} (RSA, EC or Ed25519) or PKCS#1 {@code
   * RSA PRIVATE KEY}.
   *
   * @param variable the setting that named the file, for the error message
   * @throws ValidationException if the file cannot be read or holds no supported key
   */
  public static PrivateKey privateKey(String variable, Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ValidationException(variable, "cannot read the key file " + pem + ": " + e);
    }
    byte[] der;
    try {
      if (text.contains("-----BEGIN PRIVATE KEY-----")) {
        der = body(text, "PRIVATE KEY");
      } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
        der = pkcs1ToPkcs8(body(text, "RSA PRIVATE KEY"));
      } else {
        throw new ValidationException(
            variable,
            pem
                + " must hold a PKCS#8 'PRIVATE KEY'"
                + " or PKCS#1 'RSA PRIVATE KEY' (convert EC keys with openssl pkcs8 -topk8)");
      }
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw new ValidationException(variable, "malformed PEM in " + pem + ": " + e.getMessage());
    }
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ValidationException(variable, "unsupported key algorithm in " + pem);
  }

  private static TrustManager[] trustManagers(List<X509Certificate> cas)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      ks.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    return kmf.getKeyManagers();
  }

  private static byte[] body(String pem, String label) {
    int start = pem.indexOf("-----BEGIN " + label + "-----");
    int end = pem.indexOf("-----END " + label + "-----");
    String b64 = pem.substring(start + label.length() + 16, end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(b64);
  }

  // Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption).
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octet = der(0x04, pkcs1);
    byte[] version = {0x02, 0x01, 0x00};
    byte[] inner = new byte[version.length + algId.length + octet.length];
    System.arraycopy(version, 0, inner, 0, version.length);
    System.arraycopy(algId, 0, inner, version.length, algId.length);
    System.arraycopy(octet, 0, inner, version.length + algId.length, octet.length);
    return der(0x30, inner);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len =
        n < 0x80
            ? new byte[] {(byte) n}
            : n < 0x100
                ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000
                    ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                    : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }

  /**
   * Trusts any server certificate: only for {@code *_TLS_INSECURE}. An {@link
   * X509ExtendedTrustManager}, so the JDK adds no hostname check of its own either.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
