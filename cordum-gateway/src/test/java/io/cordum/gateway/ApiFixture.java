package io.cordum.gateway;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the route tests: one backend, one control plane with a worker, one gateway on a free port
 * with key {@code test-key} (principal {@code alice}), per test class. Subclasses pick the backend,
 * so the same test bodies run in memory and on NATS + Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiFixture {
  static final String KEY = "test-key";

  Backend backend;
  Cordum cordum;
  Gateway gateway;
  Http http;
  Http anon;
  final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  abstract Backend backend();

  /** Adjusts the control plane (policy and so on). */
  Cordum.Builder configure(Cordum.Builder b) {
    return b;
  }

  /** Adjusts the gateway settings. */
  GatewayConfig.Builder configure(GatewayConfig.Builder b) {
    return b;
  }

  @BeforeAll
  void startAll() {
    // Poll fast: the conditions are cheap HTTP reads on loopback.
    org.awaitility.Awaitility.setDefaultPollDelay(java.time.Duration.ZERO);
    org.awaitility.Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(10));
    backend = backend();
    cordum = configure(backend.cordum()).build().start();
    backend.worker(cordum, "w1");
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .meterRegistry(registry)
            .config(
                configure(
                        GatewayConfig.builder()
                            .port(0)
                            .rateLimitPerSecond(0)
                            .apiKeys(
                                ApiKeys.fromEnvironment(
                                    java.util.Map.of(
                                        "CORDUM_API_KEYS", "default:" + KEY + ":admin:alice"))))
                    .build())
            .build()
            .start();
    anon = new Http(gateway.uri());
    http = anon.with("X-API-Key", KEY);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (cordum != null) {
      cordum.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  static UnaryOperator<String> quote = s -> "\"" + s + "\"";
}
