package io.cordum.tls.internal;

import io.cordum.api.ValidationException;
import io.cordum.tls.TlsSettings;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The client side of a TLS connection as Cordum's {@code <PREFIX>_TLS_*} settings describe it (Go's
 * {@code tls.Config} with {@code MinVersion: TLS12}):
 *
 * <ul>
 *   <li>the CA bundle, if any, is what the server certificate must chain to (otherwise the JDK's
 *       trust store);
 *   <li>the client certificate and key, if any, are presented when the server asks;
 *   <li>the server name, if any, is sent as SNI and is the name the server certificate is verified
 *       against, instead of the host the client connects to (so a server reached at {@code
 *       127.0.0.1} can present a certificate for {@code redis.internal});
 *   <li>{@code insecure} skips the certificate and hostname checks;
 *   <li>only TLS 1.2 and 1.3 are enabled.
 * </ul>
 *
 * <p>Use {@link #sslContext()} with clients that take an {@link SSLContext} (jnats) or {@link
 * #socketFactory()} plus {@link #sslParameters()} with clients that take a socket factory (Jedis).
 * Immutable; the files are read once, when it is created. {@link #toString()} prints the file names
 * and settings, never key material.
 */
public final class ClientTls {
  /** The protocols a client offers, newest first: TLS 1.2 is the minimum. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  private final String prefix;
  private final @Nullable Path ca;
  private final @Nullable Path cert;
  private final @Nullable Path key;
  private final @Nullable String serverName;
  private final boolean insecure;
  private final List<X509Certificate> trusted;
  private final List<X509Certificate> chain;
  private final String[] protocols;
  private final SSLContext context;
  private final ClientSocketFactory socketFactory;

  private ClientTls(
      String prefix,
      @Nullable Path ca,
      @Nullable Path cert,
      @Nullable Path key,
      @Nullable String serverName,
      boolean insecure) {
    this.prefix = prefix;
    this.ca = ca;
    this.cert = cert;
    this.key = key;
    this.serverName = serverName;
    this.insecure = insecure;
    this.trusted = ca == null ? List.of() : PemTls.certificates(prefix + "_CA", ca);
    this.chain = cert == null ? List.of() : PemTls.certificates(prefix + "_CERT", cert);
    PrivateKey pk = key == null ? null : PemTls.privateKey(prefix + "_KEY", key);
    SSLContext base = PemTls.context(prefix, trusted, chain, pk, insecure);
    List<String> supported = Arrays.asList(base.getSupportedSSLParameters().getProtocols());
    List<String> offered = new ArrayList<>(PROTOCOLS);
    offered.retainAll(supported);
    if (offered.isEmpty()) {
      throw new ValidationException(prefix, "this JVM supports neither TLS 1.3 nor TLS 1.2");
    }
    this.protocols = offered.toArray(new String[0]);
    this.socketFactory = new ClientSocketFactory(base.getSocketFactory(), this);
    this.context = new ClientSslContext(base, this);
  }

  /**
   * Reads the files and checks the settings.
   *
   * @param prefix the settings' common prefix, such as {@code REDIS_TLS}; every error names a
   *     variable with it ({@code REDIS_TLS_CA}, ...)
   * @param ca PEM bundle of CA certificates the server's must chain to, or {@code null} for the
   *     JDK's trust store
   * @param cert PEM client certificate (chain), or {@code null}; set together with {@code key}
   * @param key PEM private key of {@code cert}, or {@code null}
   * @param serverName the name for SNI and for verifying the server certificate, or {@code null}
   *     (or blank) for the host connected to
   * @param insecure skip server certificate and hostname verification
   * @throws ValidationException naming the variable if a file cannot be read or holds nothing
   *     usable, or if only one of {@code cert} and {@code key} is given ("must be set together")
   */
  public static ClientTls create(
      String prefix,
      @Nullable Path ca,
      @Nullable Path cert,
      @Nullable Path key,
      @Nullable String serverName,
      boolean insecure) {
    Objects.requireNonNull(prefix, "prefix");
    PemTls.requirePair(prefix, cert, key);
    String name = serverName == null || serverName.isBlank() ? null : serverName.trim();
    if (name != null && !IP_LITERAL.matcher(name).matches()) {
      try {
        new SNIHostName(name);
      } catch (IllegalArgumentException e) {
        throw new ValidationException(
            prefix + "_SERVER_NAME",
            "must be a host name or an IP" + " address, was \"" + name + "\"");
      }
    }
    return new ClientTls(prefix, ca, cert, key, name, insecure);
  }

  /**
   * The client TLS of {@code settings} (reads the PEM files).
   *
   * @param prefix the settings' common prefix, such as {@code REDIS_TLS}, for error messages
   * @throws ValidationException naming the variable if a file cannot be read or holds nothing
   *     usable
   */
  public static ClientTls create(String prefix, TlsSettings settings) {
    return create(
        prefix,
        settings.ca(),
        settings.cert(),
        settings.key(),
        settings.serverName(),
        settings.insecure());
  }

  /** The settings' prefix, such as {@code NATS_TLS}. */
  public String prefix() {
    return prefix;
  }

  /** The name verified instead of the host connected to, or {@code null}. */
  public @Nullable String serverName() {
    return serverName;
  }

  /** Whether server verification is skipped. */
  public boolean insecure() {
    return insecure;
  }

  /** The CA certificates read from the CA file; empty when the JDK's trust store is used. */
  public List<X509Certificate> trustedCertificates() {
    return trusted;
  }

  /** The client certificate chain presented to the server; empty when there is none. */
  public List<X509Certificate> clientCertificateChain() {
    return chain;
  }

  /**
   * An SSLContext whose sockets and engines use the server name, TLS 1.2+ and hostname verification
   * (unless insecure). Its socket factory is {@link #socketFactory()}.
   */
  public SSLContext sslContext() {
    return context;
  }

  /**
   * A socket factory whose layered sockets ({@code createSocket(socket, host, port, autoClose)},
   * what clients use to upgrade a TCP connection) take the server name as the peer's name and get
   * {@link #sslParameters()}.
   */
  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /**
   * New parameters to apply to a socket or engine: the protocols, endpoint identification {@code
   * HTTPS} (none when insecure) and, for a server name that is not an IP address, SNI. Cipher
   * suites are left as they are.
   */
  public SSLParameters sslParameters() {
    return applyTo(new SSLParameters());
  }

  /** Sets this configuration's protocols, endpoint identification and SNI on {@code p}. */
  SSLParameters applyTo(SSLParameters p) {
    p.setProtocols(protocols.clone());
    p.setEndpointIdentificationAlgorithm(insecure ? null : "HTTPS");
    if (serverName != null && !IP_LITERAL.matcher(serverName).matches()) {
      p.setServerNames(List.of(new SNIHostName(serverName)));
    }
    return p;
  }

  /** The name the client gives the server: the server name if set, else the host. */
  @Nullable String peerName(@Nullable String host) {
    return serverName != null ? serverName : host;
  }

  @Override
  public String toString() {
    return "ClientTls[prefix="
        + prefix
        + ", ca="
        + ca
        + ", cert="
        + cert
        + ", key="
        + (key == null ? "none" : "(set)")
        + ", serverName="
        + serverName
        + ", insecure="
        + insecure
        + ", protocols="
        + Arrays.toString(protocols)
        + "]";
  }
}
