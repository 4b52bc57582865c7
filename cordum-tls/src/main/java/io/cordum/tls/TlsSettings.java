package io.cordum.tls;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import org.jspecify.annotations.Nullable;

/**
 * The client side of a TLS connection to a server (NATS, Redis), as Cordum's five {@code
 * <PREFIX>_TLS_*} settings describe it: TLS 1.2 or newer; the server certificate must chain to
 * {@code ca} (or the JVM's trust store) and be for {@code serverName} (or the host connected to);
 * the client certificate is presented when the server asks. The PEM files are read when the
 * connection is made, not here.
 *
 * @param ca PEM bundle of CA certificates the server's must chain to ({@code <PREFIX>_CA}), or
 *     {@code null} for the JVM's trust store
 * @param cert PEM client certificate (chain) ({@code <PREFIX>_CERT}), or {@code null}; set together
 *     with {@code key}
 * @param key PEM private key of {@code cert} ({@code <PREFIX>_KEY}), or {@code null}
 * @param serverName the name sent as SNI and verified against the server certificate instead of the
 *     host connected to ({@code <PREFIX>_SERVER_NAME}), or {@code null}; blank counts as {@code
 *     null}
 * @param insecure skip server certificate and hostname verification ({@code <PREFIX>_INSECURE})
 */
public record TlsSettings(
    @Nullable Path ca,
    @Nullable Path cert,
    @Nullable Path key,
    @Nullable String serverName,
    boolean insecure) {

  /** No TLS setting (a connection then uses TLS only if its URL asks for it). */
  public static final TlsSettings NONE = new TlsSettings(null, null, null, null, false);

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  /**
   * Checks the settings, reporting every problem at once.
   *
   * @throws ValidationException naming {@code tls_cert} or {@code tls_key} if only one of them is
   *     given, and {@code tls_server_name} if the server name is neither a host name nor an IP
   *     address
   */
  public TlsSettings {
    List<Violation> bad = new ArrayList<>();
    if (cert != null && key == null) {
      bad.add(
          new Violation("tls_key", "must be set together with the client certificate (tls_cert)"));
    }
    if (key != null && cert == null) {
      bad.add(new Violation("tls_cert", "must be set together with the client key (tls_key)"));
    }
    if (serverName != null) {
      serverName = serverName.isBlank() ? null : serverName.trim();
    }
    if (serverName != null && !isHostNameOrIp(serverName)) {
      bad.add(
          new Violation(
              "tls_server_name",
              "must be a host name or an IP address, was \"" + serverName + "\""));
    }
    if (!bad.isEmpty()) {
      throw new ValidationException(bad);
    }
  }

  /** An IP literal (sent without SNI), or a name SNI can carry. */
  private static boolean isHostNameOrIp(String name) {
    if (IP_LITERAL.matcher(name).matches()) {
      return true;
    }
    try {
      new SNIHostName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether any setting is present (then the connection uses TLS, as in Cordum). */
  public boolean enabled() {
    return ca != null || cert != null || key != null || serverName != null || insecure;
  }

  /** A builder with no setting. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    return new Builder().ca(ca).cert(cert).key(key).serverName(serverName).insecure(insecure);
  }

  /**
   * Reads {@code <prefix>_CA}, {@code <prefix>_CERT}, {@code <prefix>_KEY} (readable files), {@code
   * <prefix>_SERVER_NAME} (a host name or IP address) and {@code <prefix>_INSECURE} (a boolean).
   * Every problem is recorded in {@code settings}, naming its variable; then the result is {@link
   * #NONE}.
   *
   * @param prefix such as {@code REDIS_TLS}
   */
  public static TlsSettings read(Settings.Reader settings, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    int problems = settings.violations().size();
    Builder b = builder();
    settings.existingFile(prefix + "_CA").ifPresent(b::ca);
    settings.existingFile(prefix + "_CERT").ifPresent(b::cert);
    settings.existingFile(prefix + "_KEY").ifPresent(b::key);
    settings.string(prefix + "_SERVER_NAME").ifPresent(b::serverName);
    settings.bool(prefix + "_INSECURE").ifPresent(b::insecure);
    if (settings.violations().size() > problems) {
      return NONE;
    }
    if ((b.cert == null) != (b.key == null)) {
      settings.reject(
          prefix + (b.cert == null ? "_CERT" : "_KEY"),
          prefix + "_CERT and " + prefix + "_KEY must be set together");
      return NONE;
    }
    try {
      return b.build();
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        String suffix = v.field().equals("tls_server_name") ? "_SERVER_NAME" : "";
        settings.reject(prefix + suffix, v.rule());
      }
      return NONE;
    }
  }

  /** {@code TlsSettings[...]} with the file names and settings (files hold the secrets). */
  @Override
  public String toString() {
    if (!enabled()) {
      return "TlsSettings[none]";
    }
    return "TlsSettings["
        + (ca == null ? "" : "ca=" + ca + ", ")
        + (cert == null ? "" : "cert=" + cert + ", ")
        + (key == null ? "" : "key=(set), ")
        + (serverName == null ? "" : "serverName=" + serverName + ", ")
        + "insecure="
        + insecure
        + "]";
  }

  /** Builds {@link TlsSettings}; every setting starts unset. */
  public static final class Builder {
    private @Nullable Path ca;
    private @Nullable Path cert;
    private @Nullable Path key;
    private @Nullable String serverName;
    private boolean insecure;

    private Builder() {}

    /** The CA bundle (PEM) the server certificate must chain to. */
    public Builder ca(@Nullable Path v) {
      this.ca = v;
      return this;
    }

    /** The client certificate (PEM), set together with {@link #key}. */
    public Builder cert(@Nullable Path v) {
      this.cert = v;
      return this;
    }

    /** The client key (PEM), set together with {@link #cert}. */
    public Builder key(@Nullable Path v) {
      this.key = v;
      return this;
    }

    /** The name to verify the server certificate against instead of the host (SNI). */
    public Builder serverName(@Nullable String v) {
      this.serverName = v;
      return this;
    }

    /** Skip server certificate and hostname verification. */
    public Builder insecure(boolean v) {
      this.insecure = v;
      return this;
    }

    /**
     * The settings.
     *
     * @throws ValidationException listing every problem: only one of the certificate and the key
     *     set, a server name that is neither a host name nor an IP address
     */
    public TlsSettings build() {
      return new TlsSettings(ca, cert, key, serverName, insecure);
    }
  }
}
