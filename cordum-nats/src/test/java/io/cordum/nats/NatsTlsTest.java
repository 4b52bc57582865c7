package io.cordum.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.BusPacket;
import io.cordum.api.cap.JobRequest;
import io.cordum.testkit.RecordingHandler;
import io.cordum.testkit.TestCertificates;
import io.cordum.testkit.servers.NatsServer;
import io.cordum.tls.TlsSettings;
import io.cordum.tls.internal.ClientTls;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * NATS over TLS against a private {@code nats-server} whose certificate names only {@link
 * TestCertificates#SERVER_NAME}, reached at 127.0.0.1.
 */
class NatsTlsTest {

  private static NatsServer tlsServer(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--tls",
                "--tlscert",
                TestCertificates.serverCert().toString(),
                "--tlskey",
                TestCertificates.serverKey().toString()));
    args.addAll(List.of(more));
    return NatsServer.start(args);
  }

  private static Map<String, String> env(NatsServer server, String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("NATS_URL", server.url());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  private static void assertRoundTrip(NatsBus bus) {
    RecordingHandler h = new RecordingHandler();
    bus.subscribe("tls.test", null, h);
    bus.publish(
        "tls.test",
        BusPacket.of(
            "secure", "t", Instant.EPOCH, JobRequest.builder().jobId("j").topic("job.x").build()));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.count() == 1);
    assertThat(bus.isConnected()).isTrue();
  }

  @Test
  void serverNameIsReadFromTheEnvironmentAndTurnsTlsOn() {
    NatsConfig c = NatsConfig.fromEnvironment(Map.of("NATS_TLS_SERVER_NAME", " nats.internal "));
    assertThat(c.tls().serverName()).isEqualTo("nats.internal");
    assertThat(c.usesTls()).isTrue();
    ClientTls tls = c.clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.serverName()).isEqualTo("nats.internal");
    assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    assertThat(tls.sslParameters().getServerNames()).hasSize(1);
  }

  @Test
  void noTlsVariablesMeanNoTls() {
    NatsConfig c = NatsConfig.fromEnvironment(Map.of("NATS_TLS_SERVER_NAME", "  "));
    assertThat(c.tls().serverName()).isNull();
    assertThat(c.usesTls()).isFalse();
    assertThat(c.clientTls()).isNull();
  }

  @Test
  void tlsIsVersion12OrNewer() {
    ClientTls tls = NatsConfig.fromEnvironment(Map.of("NATS_TLS_INSECURE", "yes")).clientTls();
    assertThat(tls).isNotNull();
    assertThat(tls.sslParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(tls.sslParameters().getEndpointIdentificationAlgorithm()).isNull();
  }

  @Test
  void badServerNameIsAClearError() {
    assertThatThrownBy(
            () ->
                NatsConfig.fromEnvironment(Map.of("NATS_TLS_SERVER_NAME", "bad_name!")).clientTls())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("NATS_TLS_SERVER_NAME");
  }

  @Test
  void verifiesTheCertificateAgainstTheServerName() {
    try (NatsServer server = tlsServer();
        NatsBus bus =
            NatsBus.connect(
                NatsConfig.fromEnvironment(
                    env(
                        server,
                        "NATS_TLS_CA",
                        TestCertificates.ca().toString(),
                        "NATS_TLS_SERVER_NAME",
                        TestCertificates.SERVER_NAME)))) {
      assertRoundTrip(bus);
    }
  }

  @Test
  void aWrongServerNameFailsVerification() {
    try (NatsServer server = tlsServer()) {
      NatsConfig config =
          NatsConfig.fromEnvironment(
              env(
                  server,
                  "NATS_TLS_CA",
                  TestCertificates.ca().toString(),
                  "NATS_TLS_SERVER_NAME",
                  "other.cordum.test"));
      assertThatThrownBy(() -> NatsBus.connect(config).close())
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("SSLHandshakeException")
          .hasMessageContaining("other.cordum.test")
          .hasMessageContaining("NATS_TLS_SERVER_NAME");
    }
  }

  @Test
  void withoutAServerNameTheUrlHostIsVerified() {
    try (NatsServer server = tlsServer()) {
      NatsConfig config =
          NatsConfig.fromEnvironment(env(server, "NATS_TLS_CA", TestCertificates.ca().toString()));
      assertThatThrownBy(() -> NatsBus.connect(config).close())
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1")
          .hasMessageContaining("set NATS_TLS_SERVER_NAME");
    }
  }

  @Test
  void insecureSkipsVerification() {
    try (NatsServer server = tlsServer();
        NatsBus bus =
            NatsBus.connect(NatsConfig.fromEnvironment(env(server, "NATS_TLS_INSECURE", "true")))) {
      assertRoundTrip(bus);
    }
  }

  @Test
  void presentsTheClientCertificateWhenTheServerRequiresOne() {
    Path ca = TestCertificates.ca();
    try (NatsServer server = tlsServer("--tlsverify", "--tlscacert", ca.toString())) {
      try (NatsBus bus =
          NatsBus.connect(
              NatsConfig.fromEnvironment(
                  env(
                      server,
                      "NATS_TLS_CA",
                      ca.toString(),
                      "NATS_TLS_SERVER_NAME",
                      TestCertificates.SERVER_NAME,
                      "NATS_TLS_CERT",
                      TestCertificates.clientCert().toString(),
                      "NATS_TLS_KEY",
                      TestCertificates.clientKey().toString())))) {
        assertRoundTrip(bus);
      }
      NatsConfig noCert =
          NatsConfig.builder()
              .url(server.url())
              .tls(TlsSettings.builder().ca(ca).serverName(TestCertificates.SERVER_NAME).build())
              .connectTimeout(Duration.ofSeconds(1))
              .build();
      assertThatThrownBy(() -> NatsBus.connect(noCert).close())
          .isInstanceOf(BackendException.class);
    }
  }
}
