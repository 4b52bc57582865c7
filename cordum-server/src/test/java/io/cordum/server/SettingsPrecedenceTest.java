package io.cordum.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordum.api.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags over environment over file over defaults, and every bad name or value named. */
class SettingsPrecedenceTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    return Files.writeString(dir.resolve("cordum.yaml"), yaml);
  }

  private static int port(CordumServer.Prepared p) {
    return p.gatewayConfig().port();
  }

  @Test
  void flagsWinOverEnvironmentOverFileOverDefaults() throws Exception {
    Path f = file("GATEWAY_HTTP_ADDR: 127.0.0.1:1001\nAPI_RATE_LIMIT_BURST: 7\n");
    Map<String, String> env = Map.of("GATEWAY_HTTP_ADDR", "127.0.0.1:1002");
    String flag = "--GATEWAY_HTTP_ADDR=127.0.0.1:1003";

    assertThat(port(CordumServer.builder().environment(Map.of()).build())).isEqualTo(8081);
    assertThat(
            port(
                CordumServer.builder()
                    .args("--config", f.toString())
                    .environment(Map.of())
                    .build()))
        .isEqualTo(1001);
    assertThat(port(CordumServer.builder().args("--config", f.toString()).environment(env).build()))
        .isEqualTo(1002);
    CordumServer.Prepared all =
        CordumServer.builder().args("--config", f.toString(), flag).environment(env).build();
    assertThat(port(all)).isEqualTo(1003);
    // What only the file sets still applies under the flags and the environment.
    assertThat(all.gatewayConfig().rateLimitBurst()).isEqualTo(7);
  }

  @Test
  void theFileMayNestAndUseLowerCaseAndCorduMConfigNamesIt() throws Exception {
    Path f =
        file(
            """
        gateway:
          http-addr: "127.0.0.1:1004"
        cordum:
          allowed_origins: [https://a.example, https://b.example]
        """);
    CordumServer.Prepared p =
        CordumServer.builder().environment(Map.of("CORDUM_CONFIG", f.toString())).build();
    assertThat(port(p)).isEqualTo(1004);
    assertThat(p.gatewayConfig().allowedOrigins())
        .containsExactly("https://a.example", "https://b.example");
    assertThat(
            port(
                CordumServer.builder()
                    .args("--gateway-http-addr", "127.0.0.1:1005")
                    .environment(Map.of())
                    .build()))
        .isEqualTo(1005);
  }

  @Test
  void theExampleFileOfTheDocsIsValid() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "server.md"));
    int start = doc.indexOf("# cordum.yaml\n");
    String yaml = doc.substring(start, doc.indexOf("```", start));
    CordumServer.Prepared p =
        CordumServer.builder()
            .args("--config", file(yaml).toString())
            .environment(Map.of())
            .build();
    assertThat(p.gatewayConfig().host()).isEqualTo("0.0.0.0");
    assertThat(p.gatewayConfig().apiKeys().isEmpty()).isFalse();
    assertThat(p.gatewayConfig().allowedOrigins()).containsExactly("https://ops.example.com");
  }

  @Test
  void everyBadNameAndValueIsReportedAtOnceWithItsSource() throws Exception {
    Path f = file("GATEWAY_HTTP_ADRESS: 127.0.0.1:1\nCORDUM_LOG_FORMAT: xml\n");
    assertThatThrownBy(
            () ->
                CordumServer.builder()
                    .args("--config", f.toString(), "--API_RATE_LIMIT_BURST=lots")
                    .environment(
                        Map.of("CORDUM_SHUTDOWN_TIMEOUT", "-5s", "SOME_OTHER_PROGRAMS_VAR", "x"))
                    .build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .extracting(v -> v.field() + ": " + v.rule())
                    .anySatisfy(
                        v ->
                            assertThat(v)
                                .startsWith("GATEWAY_HTTP_ADRESS: is not a Cordum")
                                .contains(f.toString()))
                    .anySatisfy(
                        v ->
                            assertThat(v)
                                .startsWith("CORDUM_LOG_FORMAT: must be text or json")
                                .contains(f.toString()))
                    .anySatisfy(v -> assertThat(v).startsWith("API_RATE_LIMIT_BURST"))
                    .anySatisfy(
                        v ->
                            assertThat(v)
                                .startsWith("CORDUM_SHUTDOWN_TIMEOUT")
                                .contains("the environment"))
                    .noneSatisfy(v -> assertThat(v).contains("SOME_OTHER_PROGRAMS_VAR")));
  }

  @Test
  void aBrokenOrMissingFileIsNamed() throws Exception {
    Path f = file("GATEWAY_HTTP_ADDR: [unclosed\n");
    assertThatThrownBy(
            () ->
                CordumServer.builder().args("--config", f.toString()).environment(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not valid YAML")
        .hasMessageContaining(f.toString());
    assertThatThrownBy(
            () ->
                CordumServer.builder()
                    .args("--config", dir.resolve("nope.yaml").toString())
                    .environment(Map.of())
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> CordumServer.builder().args("stray").environment(Map.of()).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("stray: is not an option");
  }
}
