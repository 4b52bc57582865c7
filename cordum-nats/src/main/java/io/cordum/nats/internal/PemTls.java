package io.cordum.nats.internal;

import io.cordum.api.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/** Builds an SSLContext (TLS 1.2 or newer) from PEM files, as Cordum's NATS_TLS_* settings do. */
public final class PemTls {
  private PemTls() {}

  /**
   * The SSLContext for the given files.
   *
   * @param ca PEM bundle of CA certificates to trust, or {@code null} for the JDK's defaults
   * @param cert PEM client certificate (chain), or {@code null}
   * @param key PEM private key (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE KEY}),
   *     required exactly when {@code cert} is given
   * @param insecure skip server certificate verification
   */
  public static SSLContext context(@Nullable Path ca, @Nullable Path cert, @Nullable Path key,
      boolean insecure) {
    if ((cert == null) != (key == null)) {
      throw new ValidationException("NATS_TLS_CERT", "NATS_TLS_CERT and NATS_TLS_KEY must be"
          + " set together");
    }
    try {
      TrustManager[] trust;
      if (insecure) {
        trust = new TrustManager[] {new TrustAll()};
      } else if (ca != null) {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        List<X509Certificate> certs = certificates("NATS_TLS_CA", ca);
        for (int i = 0; i < certs.size(); i++) {
          ks.setCertificateEntry("ca-" + i, certs.get(i));
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = tmf.getTrustManagers();
      } else {
        trust = null;
      }
      javax.net.ssl.KeyManager[] keys = null;
      if (cert != null && key != null) {
        List<X509Certificate> chain = certificates("NATS_TLS_CERT", cert);
        PrivateKey pk = privateKey(key);
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setKeyEntry("client", pk, new char[0], chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        keys = kmf.getKeyManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new ValidationException("NATS_TLS", "cannot build the TLS settings: " + e);
    }
  }

  private static List<X509Certificate> certificates(String field, Path pem) {
    try {
      byte[] bytes = Files.readAllBytes(pem);
      Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : all) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new ValidationException(field, "no certificate found in " + pem);
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      throw new ValidationException(field, "cannot read certificates from " + pem + ": " + e);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    byte[] der;
    if (text.contains("-----BEGIN PRIVATE KEY-----")) {
      der = body(text, "PRIVATE KEY");
    } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
      der = pkcs1ToPkcs8(body(text, "RSA PRIVATE KEY"));
    } else {
      throw new ValidationException("NATS_TLS_KEY", pem + " must hold a PKCS#8 'PRIVATE KEY'"
          + " or PKCS#1 'RSA PRIVATE KEY' (convert EC keys with openssl pkcs8 -topk8)");
    }
    for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ValidationException("NATS_TLS_KEY", "unsupported key algorithm in " + pem);
  }

  private static byte[] body(String pem, String label) {
    int start = pem.indexOf("-----BEGIN " + label + "-----");
    int end = pem.indexOf("-----END " + label + "-----");
    String b64 = pem.substring(start + label.length() + 16, end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(b64);
  }

  // Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption).
  private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
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
    byte[] len = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }

  /** Trusts any server certificate: only for NATS_TLS_INSECURE. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
