package io.cordum.tls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.tls.TlsSettings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM files to TLS contexts, and the client TLS built on them. */
class PemTlsTest {

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(PemTlsTest.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void tlsContextsFromPem() throws Exception {
    assertThat(
            PemTls.context(
                    "NATS_TLS",
                    resource("cert.pem"),
                    resource("cert.pem"),
                    resource("key.pem"),
                    false)
                .getProtocol())
        .isEqualTo("TLS");
    assertThat(
            PemTls.context(
                "NATS_TLS", null, resource("cert.pem"), resource("key-pkcs1.pem"), false))
        .isNotNull();
    assertThat(PemTls.context("NATS_TLS", (Path) null, null, null, true)).isNotNull();
  }

  @Test
  void badTlsFilesAreClearErrorsNamingTheVariable(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    assertThatThrownBy(() -> PemTls.context("NATS_TLS", junk, null, null, false))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_TLS_CA");
    assertThatThrownBy(() -> PemTls.context("NATS_TLS", null, resource("cert.pem"), junk, false))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_TLS_KEY");
    assertThatThrownBy(() -> PemTls.context("NATS_TLS", null, resource("cert.pem"), null, false))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void clientTlsFromSettingsReadsTheFilesAndSetsTheServerName() throws Exception {
    ClientTls tls =
        ClientTls.create(
            "REDIS_TLS",
            TlsSettings.builder()
                .ca(resource("cert.pem"))
                .cert(resource("cert.pem"))
                .key(resource("key.pem"))
                .serverName(" redis.internal ")
                .build());

    assertThat(tls.prefix()).isEqualTo("REDIS_TLS");
    assertThat(tls.serverName()).isEqualTo("redis.internal");
    assertThat(tls.insecure()).isFalse();
    assertThat(tls.trustedCertificates()).hasSize(1);
    assertThat(tls.clientCertificateChain()).hasSize(1);
    SSLParameters p = tls.sslParameters();
    assertThat(p.getProtocols()).containsExactlyElementsOf(ClientTls.PROTOCOLS);
    assertThat(p.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(p.getServerNames()).containsExactly(new SNIHostName("redis.internal"));
    assertThat(tls.toString()).contains("key=(set)").doesNotContain("PRIVATE KEY");
  }

  @Test
  void insecureClientTlsChecksNoHostnameAndAnIpServerNameSendsNoSni() {
    ClientTls tls = ClientTls.create("NATS_TLS", null, null, null, "127.0.0.1", true);

    SSLParameters p = tls.sslParameters();
    assertThat(p.getEndpointIdentificationAlgorithm()).isNull();
    assertThat(p.getServerNames()).isNull();
    assertThat(tls.trustedCertificates()).isEmpty();
  }

  @Test
  void aBadServerNameOrAHalfPairIsRejectedNamingTheVariable() throws Exception {
    assertThatThrownBy(() -> ClientTls.create("NATS_TLS", null, null, null, "bad name!", false))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_TLS_SERVER_NAME");
    Path cert = resource("cert.pem");
    assertThatThrownBy(() -> ClientTls.create("NATS_TLS", null, cert, null, null, false))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be set together");
  }
}
