package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's files: served without a key, from one folder only, with a content security policy
 * that keeps scripts, styles and connections on the gateway's own origin; off when the console is
 * switched off.
 */
class ConsoleAssetsTest {
  static Cordum cordum;
  static Gateway gateway;
  static Http http;

  @BeforeAll
  static void start() {
    cordum = Cordum.builder().build().start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(GatewayConfig.builder().port(0).apiKeys(ApiKeys.of("k")).build())
            .build()
            .start();
    http = new Http(gateway.uri());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    cordum.close();
  }

  @Test
  void thePageAndItsFilesAreServedWithAStrictPolicy() {
    Http.Resp page = http.get("/console");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body())
        .contains("<script type=\"module\" src=\"/console/app.js\">")
        .doesNotContain("http://")
        .doesNotContain("https://");
    String csp = page.header("Content-Security-Policy");
    assertThat(csp)
        .contains("default-src 'none'")
        .contains("script-src 'self'")
        .contains("connect-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    Http.Resp js = http.get("/console/app.js");
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.header("Content-Type")).startsWith("text/javascript");
    assertThat(http.get("/console/style.css").header("Content-Type")).startsWith("text/css");
    assertThat(http.get("/console/favicon.svg").header("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(http.send("HEAD", "/console/app.js", null).status()).isEqualTo(200);
  }

  @Test
  void noScriptComesFromElsewhere() {
    for (String f :
        new String[] {
          "app.js",
          "api.js",
          "ui.js",
          "jobs.js",
          "overview.js",
          "runs.js",
          "dag.js",
          "workflows.js",
          "approvals.js",
          "dlq.js",
          "policy.js",
          "config.js",
          "schemas.js",
          "locks.js",
          "artifacts.js",
          "style.css"
        }) {
      Http.Resp r = http.get("/console/" + f);
      assertThat(r.status()).as(f).isEqualTo(200);
      // XML namespace names are not addresses; anything else would be a fetch from elsewhere.
      String body = r.body().replace("http://www.w3.org/", "");
      assertThat(body)
          .as(f)
          .doesNotContain("http://")
          .doesNotContain("https://")
          .doesNotContain("localStorage.setItem")
          .doesNotContain("innerHTML");
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "(?m)(?:^(?:import .*|\\}) from '([^']+)';$|import\\('([^']+)'\\))")
              .matcher(body);
      while (m.find()) {
        assertThat(m.group(1) != null ? m.group(1) : m.group(2))
            .as(f + " imports")
            .startsWith("./");
      }
    }
  }

  @Test
  void onlyFilesOfTheConsoleFolderAreReachable() {
    assertThat(http.get("/console/nope.js").status()).isEqualTo(404);
    assertThat(http.get("/console/App.JS").status()).isEqualTo(404);
    assertThat(http.get("/console/..%2Fopenapi-components.json").status()).isEqualTo(404);
    assertThat(http.get("/console/%2e%2e").status()).isEqualTo(400);
    assertThat(http.get("/console/x/app.js").status()).isEqualTo(404);
    assertThat(http.get("/console/index.html").status()).isEqualTo(200);
  }

  @Test
  void theConsoleCanBeSwitchedOff() {
    try (Gateway off =
        Gateway.builder()
            .cordum(cordum)
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .fromEnvironment(java.util.Map.of("CORDUM_CONSOLE_ENABLED", "false"))
                    .build())
            .build()
            .start()) {
      Http h = new Http(off.uri());
      assertThat(h.get("/console").status()).isEqualTo(404);
      assertThat(h.get("/console/app.js").status()).isEqualTo(404);
      assertThat(off.routes().stream().noneMatch(r -> r.pattern().startsWith("/console"))).isTrue();
    }
  }
}
