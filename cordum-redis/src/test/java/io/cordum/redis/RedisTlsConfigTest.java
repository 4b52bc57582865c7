package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.testkit.TestCertificates;
import io.cordum.tls.TlsSettings;
import io.cordum.tls.internal.ClientTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code REDIS_TLS_*} settings (Cordum's redisutil tests 26-29, and more), without I/O. */
class RedisTlsConfigTest {

  @Test
  void noEnvironmentMeansNoTls() {
    RedisConfig c = RedisConfig.fromEnvironment(Map.of());
    assertThat(c.usesTls()).isFalse();
    assertThat(c.clientTls()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "TRUE", "yes", "Y", "on", " On "})
  void insecureGivesTlsWithoutVerification(String value) {
    RedisConfig c =
        RedisConfig.fromEnvironment(
            Map.of("REDIS_URL", "redis://h:6379", "REDIS_TLS_INSECURE", value));
    assertThat(c.usesTls()).isTrue();
    ClientTls tls = c.clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.insecure()).isTrue();
    assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "no", "off", ""})
  void falseInsecureValuesLeaveTlsOff(String value) {
    RedisConfig c = RedisConfig.fromEnvironment(Map.of("REDIS_TLS_INSECURE", value));
    assertThat(c.tls().insecure()).isFalse();
    assertThat(c.usesTls()).isFalse();
  }

  @Test
  void caCertAndKeyGiveTrustAndExactlyOneClientCertificate() {
    RedisConfig c =
        RedisConfig.fromEnvironment(
            Map.of(
                "REDIS_TLS_CA", TestCertificates.ca().toString(),
                "REDIS_TLS_CERT", TestCertificates.clientCert().toString(),
                "REDIS_TLS_KEY", TestCertificates.clientKey().toString()));
    assertThat(c.usesTls()).isTrue();
    ClientTls tls = c.clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.trustedCertificates()).hasSize(1);
    assertThat(tls.trustedCertificates().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=Cordum Test CA");
    assertThat(tls.clientCertificateChain()).hasSize(1);
    assertThat(tls.insecure()).isFalse();
    assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void certificateWithoutKeyIsAnError() {
    assertThatThrownBy(
            () ->
                RedisConfig.fromEnvironment(
                    Map.of("REDIS_TLS_CERT", TestCertificates.clientCert().toString())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("REDIS_TLS_KEY")
        .hasMessageContaining("must be set together");
    assertThatThrownBy(() -> TlsSettings.builder().key(TestCertificates.clientKey()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tls_cert")
        .hasMessageContaining("must be set together");
  }

  @Test
  void unreadableOrEmptyCaIsAnErrorNamingTheVariable(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "no certificate here");
    RedisConfig c = RedisConfig.fromEnvironment(Map.of("REDIS_TLS_CA", junk.toString()));
    assertThatThrownBy(c::clientTls)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("REDIS_TLS_CA")
        .hasMessageContaining(junk.toString());
    Path missing = dir.resolve("missing.pem"); // now refused when the variable is read
    assertThatThrownBy(
            () -> RedisConfig.fromEnvironment(Map.of("REDIS_TLS_CA", missing.toString())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("REDIS_TLS_CA")
        .hasMessageContaining("does not exist");
  }

  @Test
  void badKeyIsAnErrorNamingTheVariable(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("key.pem"), "not a key");
    RedisConfig c =
        RedisConfig.builder()
            .tls(TlsSettings.builder().cert(TestCertificates.clientCert()).key(junk).build())
            .build();
    assertThatThrownBy(c::clientTls)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("REDIS_TLS_KEY");
  }

  @Test
  void serverNameAloneTurnsTlsOnAndIsSentAsSni() {
    RedisConfig c =
        RedisConfig.fromEnvironment(Map.of("REDIS_TLS_SERVER_NAME", " redis.internal "));
    assertThat(c.tls().serverName()).isEqualTo("redis.internal");
    ClientTls tls = c.clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.serverName()).isEqualTo("redis.internal");
    assertThat(tls.sslParameters().getServerNames()).hasSize(1);
    assertThat(tls.trustedCertificates()).isEmpty(); // the JVM's trust store
  }

  @Test
  void blankValuesCountAsUnset() {
    RedisConfig c =
        RedisConfig.fromEnvironment(Map.of("REDIS_TLS_CA", " ", "REDIS_TLS_SERVER_NAME", ""));
    assertThat(c.tls().ca()).isNull();
    assertThat(c.tls().serverName()).isNull();
    assertThat(c.usesTls()).isFalse();
  }

  @Test
  void redissUrlUsesTlsWithTheJvmTrustStore() {
    RedisConfig c = RedisConfig.builder().url("rediss://h:6380").build();
    assertThat(c.usesTls()).isTrue();
    ClientTls tls = c.clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.trustedCertificates()).isEmpty();
    assertThat(tls.insecure()).isFalse();
  }

  @Test
  void onlyTls12AndNewerAreOffered() {
    ClientTls tls =
        RedisConfig.builder().tls(TlsSettings.builder().insecure(true).build()).build().clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @Test
  void typedBuilderSettingsSurviveToBuilder() {
    RedisConfig c =
        RedisConfig.builder()
            .tls(
                TlsSettings.builder()
                    .ca(TestCertificates.ca())
                    .cert(TestCertificates.clientCert())
                    .key(TestCertificates.clientKey())
                    .serverName("redis.internal")
                    .insecure(true)
                    .build())
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void toStringNamesFilesButNeverSecrets() {
    RedisConfig c =
        RedisConfig.builder()
            .url("rediss://user:s3cret@h:6380/0")
            .tls(
                TlsSettings.builder()
                    .ca(TestCertificates.ca())
                    .cert(TestCertificates.clientCert())
                    .key(TestCertificates.clientKey())
                    .serverName("redis.internal")
                    .build())
            .build();
    String text = c.toString();
    assertThat(text)
        .contains(
            "usesTls=true",
            "ca=" + TestCertificates.ca(),
            "serverName=redis.internal",
            "key=(set)");
    assertThat(text)
        .doesNotContain("s3cret")
        .doesNotContain(TestCertificates.clientKey().toString())
        .doesNotContain("PRIVATE KEY");
    assertThat(c.clientTls()).isNotNull();
    assertThat(c.clientTls().toString())
        .doesNotContain(TestCertificates.clientKey().toString())
        .doesNotContain("PRIVATE KEY");
  }
}
