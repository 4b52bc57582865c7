package io.cordum.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import io.cordum.api.ValidationException.Violation;
import io.cordum.api.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSettingsTest {

  @Test
  void readsTheFiveSettingsUnderAPrefix(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Path key = Files.writeString(dir.resolve("k.pem"), "x");
    Settings.Reader r =
        Settings.of(
                "test",
                Map.of(
                    "X_TLS_CA",
                    ca.toString(),
                    "X_TLS_CERT",
                    cert.toString(),
                    "X_TLS_KEY",
                    key.toString(),
                    "X_TLS_SERVER_NAME",
                    " srv ",
                    "X_TLS_INSECURE",
                    "yes"))
            .reader();
    TlsSettings t = TlsSettings.read(r, "X_TLS");
    r.validate();
    assertThat(t).isEqualTo(new TlsSettings(ca, cert, key, "srv", true));
    assertThat(t.enabled()).isTrue();
    assertThat(t.toBuilder().build()).isEqualTo(t);
    assertThat(t.toString())
        .contains("ca=" + ca, "key=(set)", "serverName=srv")
        .doesNotContain(key.toString());
  }

  @Test
  void nothingSetIsNone() {
    Settings.Reader r = Settings.of("test", Map.of("X_TLS_SERVER_NAME", " ")).reader();
    assertThat(TlsSettings.read(r, "X_TLS")).isEqualTo(TlsSettings.NONE);
    assertThat(TlsSettings.NONE.enabled()).isFalse();
    assertThat(r.violations()).isEmpty();
  }

  @Test
  void aCertificateWithoutItsKeyIsRejectedNamingTheMissingOne(@TempDir Path dir) throws Exception {
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Settings.Reader r = Settings.of("test", Map.of("X_TLS_CERT", cert.toString())).reader();
    assertThat(TlsSettings.read(r, "X_TLS")).isEqualTo(TlsSettings.NONE);
    assertThatThrownBy(r::validate)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("X_TLS_KEY")
        .hasMessageContaining("must be set together");
    assertThatThrownBy(() -> TlsSettings.builder().cert(cert).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tls_key");
  }

  @Test
  void badValuesAreRecordedNamingTheirVariable(@TempDir Path dir) {
    Settings.Reader r =
        Settings.of(
                "test", Map.of("X_TLS_CA", dir.resolve("no").toString(), "X_TLS_INSECURE", "maybe"))
            .reader();
    assertThat(TlsSettings.read(r, "X_TLS")).isEqualTo(TlsSettings.NONE);
    assertThat(r.violations())
        .extracting(v -> v.field())
        .containsExactlyInAnyOrder("X_TLS_CA", "X_TLS_INSECURE");
  }

  @Test
  void everyProblemOfTheRecordIsReportedAtOnce(@TempDir Path dir) throws Exception {
    Path key = Files.writeString(dir.resolve("k.pem"), "x");

    assertThatThrownBy(() -> TlsSettings.builder().key(key).serverName("bad name!").build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        new Violation(
                            "tls_cert", "must be set together with the client key (tls_key)"),
                        new Violation(
                            "tls_server_name",
                            "must be a host name or an IP address, was \"bad name!\"")));
    assertThat(TlsSettings.builder().serverName("10.0.0.7").build().serverName())
        .isEqualTo("10.0.0.7");
    assertThat(TlsSettings.builder().serverName("::1").build().serverName()).isEqualTo("::1");
  }

  @Test
  void aBadServerNameIsRecordedNamingItsVariable() {
    Settings.Reader r =
        Settings.of("test", Map.of("X_TLS_SERVER_NAME", "bad_name!", "X_TLS_INSECURE", "1"))
            .reader();

    assertThat(TlsSettings.read(r, "X_TLS")).isEqualTo(TlsSettings.NONE);
    assertThat(r.violations()).extracting(v -> v.field()).containsExactly("X_TLS_SERVER_NAME");
  }
}
