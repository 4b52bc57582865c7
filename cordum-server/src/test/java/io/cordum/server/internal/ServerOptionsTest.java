package io.cordum.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.api.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  private static Settings.Reader reader(Map<String, String> values) {
    return Settings.of("the environment", values).reader();
  }

  @Test
  void tracingIsOffUnlessAnEndpointIsSet() {
    Settings.Reader r = reader(Map.of());
    assertThat(ServerOptions.read(r).tracing()).isNull();
    assertThat(r.violations()).isEmpty();
  }

  @Test
  void theBaseEndpointGetsTheTracesPathAndTheFullOneIsKept() {
    ServerOptions.Tracing t =
        ServerOptions.read(
                reader(
                    Map.of(
                        "OTEL_EXPORTER_OTLP_ENDPOINT",
                        "http://collector:4318/",
                        "OTEL_EXPORTER_OTLP_HEADERS",
                        "api-key=a%3Db,x=y",
                        "OTEL_BSP_SCHEDULE_DELAY",
                        "250")))
            .tracing();
    assertThat(t).isNotNull();
    assertThat(t.endpoint()).isEqualTo("http://collector:4318/v1/traces");
    assertThat(t.headers()).containsEntry("api-key", "a=b").containsEntry("x", "y");
    assertThat(t.scheduleDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(t.serviceName()).isEqualTo("cordum-server");
    assertThat(
            ServerOptions.read(
                    reader(
                        Map.of(
                            "OTEL_EXPORTER_OTLP_ENDPOINT",
                            "http://a:1",
                            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                            "https://b:2/custom")))
                .tracing()
                .endpoint())
        .isEqualTo("https://b:2/custom");
    assertThat(
            ServerOptions.read(
                    reader(
                        Map.of(
                            "OTEL_EXPORTER_OTLP_ENDPOINT",
                            "http://a:1",
                            "OTEL_SDK_DISABLED",
                            "true")))
                .tracing())
        .isNull();
  }

  @Test
  void unsupportedOrMalformedTracingSettingsAreNamed() {
    Settings.Reader r =
        reader(
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "grpc",
                "OTEL_EXPORTER_OTLP_HEADERS",
                "novalue"));
    ServerOptions.read(r);
    assertThat(r.violations())
        .extracting(v -> v.field())
        .containsExactlyInAnyOrder(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS");
  }

  @Test
  void theManagementAddressAndShutdownTimeoutAreRead() {
    ServerOptions o =
        ServerOptions.read(
            reader(Map.of("GATEWAY_METRICS_ADDR", ":9999", "CORDUM_SHUTDOWN_TIMEOUT", "3s")));
    assertThat(o.managementHost()).isEqualTo("0.0.0.0");
    assertThat(o.managementPort()).isEqualTo(9999);
    assertThat(o.shutdownTimeout()).isEqualTo(Duration.ofSeconds(3));
    Settings.Reader bad = reader(Map.of("GATEWAY_METRICS_ADDR", "localhost"));
    ServerOptions.read(bad);
    assertThat(bad.violations()).extracting(v -> v.field()).containsExactly("GATEWAY_METRICS_ADDR");
  }
}
