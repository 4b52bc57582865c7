package io.cordum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.client.TestGateway;
import io.cordum.gateway.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code cordumctl auth ...} against a gateway running the key-store provider. */
class AuthCommandsTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static TestGateway gw;
  static Ctl admin;

  @BeforeAll
  static void start() {
    gw = TestGateway.start(b -> b.authProvider(GatewayConfig.AUTH_KEY_STORE));
    admin = new Ctl(gw.url(), TestGateway.KEY);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  static Ctl.Result ok(Ctl ctl, String... args) {
    Ctl.Result r = ctl.run(args);
    assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isZero();
    return r;
  }

  @Test
  void createUseListRotateRevokeAndAudit() {
    assertThat(
            JSON.readTree(ok(admin, "auth", "whoami", "-o", "json").out())
                .get("principal")
                .asString())
        .isEqualTo("alice");

    Ctl.Result made =
        ok(
            admin,
            "auth",
            "keys",
            "create",
            "--role",
            "viewer",
            "--name",
            "ci",
            "--principal",
            "ci-bot",
            "--ttl",
            "24h",
            "--scope",
            "a",
            "--scope",
            "b",
            "-q");
    String token = made.line();
    assertThat(token).startsWith("ck_");
    assertThat(made.err()).isEmpty();
    String id = token.substring(3, token.indexOf('_', 3));

    Ctl ci = new Ctl(gw.url(), token);
    Ctl.Result me = ok(ci, "auth", "whoami");
    assertThat(me.out())
        .contains("ci-bot")
        .contains("viewer")
        .contains("jobs.read")
        .doesNotContain("jobs.submit");
    Ctl.Result denied = ci.run("auth", "keys", "list");
    assertThat(denied.code()).isNotZero();
    assertThat(denied.err().lines()).hasSize(1);
    assertThat(denied.err()).contains("keys.manage");

    Ctl.Result table = ok(admin, "auth", "keys", "list");
    assertThat(table.out())
        .startsWith("ID")
        .contains("PRINCIPAL")
        .contains(id)
        .doesNotContain(token.substring(token.lastIndexOf('_') + 1));
    JsonNode one = JSON.readTree(ok(admin, "auth", "keys", "get", id, "-o", "json").out());
    assertThat(one.get("scopes").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(one.get("expires_at").asString()).isNotBlank();

    Ctl.Result rotated = ok(admin, "auth", "keys", "rotate", id);
    assertThat(rotated.err()).contains("shown this once");
    assertThat(rotated.out()).contains("Token");
    assertThat(ci.run("auth", "whoami").code()).isNotZero();

    Ctl.Result revoked = ok(admin, "auth", "keys", "revoke", id, "-o", "json");
    assertThat(JSON.readTree(revoked.out()).get("status").asString()).isEqualTo("revoked");

    JsonNode audit =
        JSON.readTree(ok(admin, "auth", "audit", "--outcome", "denied", "-o", "json").out());
    assertThat(audit.toString()).contains("/api/v1/auth/keys").contains("ci-bot");
    assertThat(ok(admin, "auth", "audit", "--limit", "5").out()).startsWith("TIME");
  }

  @Test
  void badInputIsOneLineNamingTheRule() {
    Ctl.Result role = admin.run("auth", "keys", "create", "--role", "root");
    assertThat(role.code()).isNotZero();
    assertThat(role.err()).contains("role must be one of [viewer, operator, secops, admin]");
    Ctl.Result when =
        admin.run("auth", "keys", "create", "--role", "viewer", "--expires-at", "tomorrow");
    assertThat(when.code()).isEqualTo(Exit.USAGE);
    assertThat(when.err()).contains("--expires-at must be an RFC 3339 time");
    assertThat(admin.run("auth", "keys", "get", "nope").code()).isNotZero();
  }
}
