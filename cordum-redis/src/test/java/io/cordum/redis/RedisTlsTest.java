package io.cordum.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.BackendException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.testkit.ManualClock;
import io.cordum.testkit.TestCertificates;
import io.cordum.testkit.servers.RedisServer;
import io.cordum.tls.internal.ClientTls;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The Redis stores over TLS, against private {@code redis-server}s that speak only TLS with a
 * certificate for {@link TestCertificates#SERVER_NAME}, reached at 127.0.0.1.
 */
class RedisTlsTest {

  private static RedisServer tlsServer(boolean requireClientCertificate) {
    return RedisServer.startTls(
        TestCertificates.serverCert(),
        TestCertificates.serverKey(),
        TestCertificates.ca(),
        requireClientCertificate);
  }

  /** Env for the server, over a plain redis:// URL: the TLS variables alone turn TLS on. */
  private static RedisConfig config(RedisServer server, String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("REDIS_URL", "redis://127.0.0.1:" + server.port());
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return RedisConfig.fromEnvironment(env).toBuilder()
        .connectTimeout(Duration.ofSeconds(1))
        .socketTimeout(Duration.ofSeconds(2))
        .build();
  }

  private static void assertPointerRoundTrip(RedisConnections connections) {
    RedisPointerStore store = new RedisPointerStore(connections, new ManualClock(Instant.EPOCH));
    String pointer = store.putContext("job-tls", "over tls".getBytes(StandardCharsets.UTF_8));
    assertThat(store.get(pointer))
        .hasValueSatisfying(
            b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("over tls"));
  }

  @Test
  void pointerStoreRoundTripVerifyingTheServerName() {
    try (RedisServer server = tlsServer(false);
        RedisConnections c =
            RedisConnections.create(
                config(
                    server,
                    "REDIS_TLS_CA",
                    TestCertificates.ca().toString(),
                    "REDIS_TLS_SERVER_NAME",
                    TestCertificates.SERVER_NAME))) {
      assertThat(c.config().usesTls()).isTrue();
      c.ping();
      assertPointerRoundTrip(c);
    }
  }

  @Test
  void jobStoreRoundTripWithAClientCertificate() {
    try (RedisServer server = tlsServer(true);
        RedisConnections c =
            RedisConnections.create(
                config(
                    server,
                    "REDIS_TLS_CA",
                    TestCertificates.ca().toString(),
                    "REDIS_TLS_CERT",
                    TestCertificates.clientCert().toString(),
                    "REDIS_TLS_KEY",
                    TestCertificates.clientKey().toString(),
                    "REDIS_TLS_SERVER_NAME",
                    TestCertificates.SERVER_NAME))) {
      RedisJobStore jobs = new RedisJobStore(c, new ManualClock(Instant.EPOCH));
      JobRecord saved =
          jobs.save(JobRequest.builder().jobId("job-mtls").topic("job.tls").build(), "trace-1");
      assertThat(saved.state()).isEqualTo(JobState.PENDING);
      assertThat(jobs.get("job-mtls"))
          .hasValueSatisfying(
              r -> {
                assertThat(r.topic()).isEqualTo("job.tls");
                assertThat(r.traceId()).isEqualTo("trace-1");
              });
      assertPointerRoundTrip(c);
    }
  }

  @Test
  void aServerThatRequiresAClientCertificateRejectsAClientWithout() {
    try (RedisServer server = tlsServer(true);
        RedisConnections c =
            RedisConnections.create(
                config(
                    server,
                    "REDIS_TLS_CA",
                    TestCertificates.ca().toString(),
                    "REDIS_TLS_SERVER_NAME",
                    TestCertificates.SERVER_NAME))) {
      assertThatThrownBy(c::ping).isInstanceOf(BackendException.class);
    }
  }

  @Test
  void aWrongServerNameFailsVerification() {
    try (RedisServer server = tlsServer(false);
        RedisConnections c =
            RedisConnections.create(
                config(
                    server,
                    "REDIS_TLS_CA",
                    TestCertificates.ca().toString(),
                    "REDIS_TLS_SERVER_NAME",
                    "other.cordum.test"))) {
      assertThatThrownBy(c::ping)
          .isInstanceOf(BackendException.class)
          .rootCause()
          .hasMessageContaining("other.cordum.test");
    }
  }

  @Test
  void withoutAServerNameTheUrlHostIsVerified() {
    try (RedisServer server = tlsServer(false);
        RedisConnections c =
            RedisConnections.create(
                config(server, "REDIS_TLS_CA", TestCertificates.ca().toString()))) {
      assertThatThrownBy(c::ping)
          .isInstanceOf(BackendException.class)
          .rootCause()
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void anUntrustedServerFailsVerification() {
    // No CA: the JVM's trust store does not know the test CA.
    try (RedisServer server = tlsServer(false);
        RedisConnections c =
            RedisConnections.create(
                config(server, "REDIS_TLS_SERVER_NAME", TestCertificates.SERVER_NAME))) {
      assertThatThrownBy(c::ping)
          .isInstanceOf(BackendException.class)
          .rootCause()
          .hasMessageContaining("certification path");
    }
  }

  @Test
  void insecureConnectsWithoutVerification() {
    try (RedisServer server = tlsServer(false);
        RedisConnections c =
            RedisConnections.create(config(server, "REDIS_TLS_INSECURE", "true"))) {
      assertPointerRoundTrip(c);
    }
  }

  @Test
  void negotiatesTls12OrNewer() throws Exception {
    try (RedisServer server = tlsServer(false)) {
      ClientTls tls =
          config(
                  server,
                  "REDIS_TLS_CA",
                  TestCertificates.ca().toString(),
                  "REDIS_TLS_SERVER_NAME",
                  TestCertificates.SERVER_NAME)
              .clientTls();
      assertThat(tls).isNotNull();
      try (SSLSocket s = (SSLSocket) tls.socketFactory().createSocket("127.0.0.1", server.port())) {
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isIn(ClientTls.PROTOCOLS);
        assertThat(s.getSession().getPeerHost()).isEqualTo(TestCertificates.SERVER_NAME);
      }
    }
  }
}
