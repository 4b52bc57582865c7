package io.cordum.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.route.Route;
import io.cordum.gateway.route.Routes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Go ServeMux semantics of the router, and the timestamp normalisation. */
class RouterTest {
  static List<Route> table() {
    Routes r = new Routes();
    for (String[] m :
        new String[][] {
          {"GET", "/api/v1/policy/bundles/{id}"},
          {"PUT", "/api/v1/policy/bundles/{id}"},
          {"GET", "/api/v1/policy/bundles/snapshots"},
          {"POST", "/api/v1/policy/bundles/snapshots"},
          {"GET", "/api/v1/artifacts/{ptr}"},
          {"DELETE", "/api/v1/dlq/{job_id}"},
          {"GET", "/"}
        }) {
      Routes.Builder b =
          switch (m[0]) {
            case "GET" -> r.get(m[1]);
            case "PUT" -> r.put(m[1]);
            case "POST" -> r.post(m[1]);
            default -> r.delete(m[1]);
          };
      b.permission(Permission.PUBLIC).summary(m[0] + " " + m[1]).okText().handle(c -> "");
    }
    return r.build();
  }

  final Router router = new Router(table());

  @Test
  void literalBeatsParameterInTheGatewaysWholeTable() {
    // Sorting every route with one comparator (not transitive across path lengths) once put
    // /api/v1/jobs/{id} before /api/v1/jobs/counts in the real table.
    try (io.cordum.core.Cordum c = io.cordum.core.Cordum.builder().build()) {
      Router big = new Router(io.cordum.gateway.Gateway.builder().cordum(c).build().routes());
      for (String literal :
          List.of(
              "/api/v1/jobs/counts",
              "/api/v1/dlq/page",
              "/api/v1/policy/bundles/snapshots",
              "/api/v1/config/effective")) {
        assertThat(((Router.Found) big.match("GET", literal)).route().pattern()).isEqualTo(literal);
      }
      assertThat(((Router.Found) big.match("GET", "/api/v1/jobs/abc")).route().pattern())
          .isEqualTo("/api/v1/jobs/{id}");
    }
  }

  @Test
  void literalBeatsParameterWhateverTheOrder() {
    Router.Found f = (Router.Found) router.match("GET", "/api/v1/policy/bundles/snapshots");
    assertThat(f.route().pattern()).isEqualTo("/api/v1/policy/bundles/snapshots");
    Router.Found p = (Router.Found) router.match("PUT", "/api/v1/policy/bundles/snapshots");
    assertThat(p.route().pattern()).isEqualTo("/api/v1/policy/bundles/{id}");
    assertThat(p.params()).containsEntry("id", "snapshots");
  }

  @Test
  void encodedSlashIsKeptInsideTheSegment() {
    Router.Found f =
        (Router.Found) router.match("GET", "/api/v1/artifacts/redis%3A%2F%2Fart%3Aabc");
    assertThat(f.params()).containsEntry("ptr", "redis://art:abc");
    assertThat(router.match("GET", "/api/v1/artifacts/redis://art:abc"))
        .isInstanceOf(Router.BadPath.class);
  }

  @Test
  void wrongMethodListsTheAllowedOnes() {
    Router.MethodNotAllowed m = (Router.MethodNotAllowed) router.match("GET", "/api/v1/dlq/x");
    assertThat(m.allow()).containsExactly("DELETE", "OPTIONS");
    assertThat(router.match("HEAD", "/api/v1/artifacts/x")).isInstanceOf(Router.Found.class);
    assertThat(router.match("GET", "/api/v1/dlq/x/y")).isInstanceOf(Router.NotFound.class);
    assertThat(router.match("GET", "/")).isInstanceOf(Router.Found.class);
  }

  @Test
  void malformedPaths() {
    assertThat(router.match("GET", "/api/v1/artifacts/%zz")).isInstanceOf(Router.BadPath.class);
    assertThat(router.match("GET", "/api/v1/artifacts/%c3%28")).isInstanceOf(Router.BadPath.class);
    assertThat(router.match("GET", "/api/v1/../v1/artifacts/x")).isInstanceOf(Router.BadPath.class);
    assertThat(router.match("GET", "/api/v1/artifacts/")).isInstanceOf(Router.BadPath.class);
    assertThat(router.match("GET", "api")).isInstanceOf(Router.BadPath.class);
  }

  @Test
  void timestampUnitsAreGuessedByMagnitude() {
    Instant s = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(Timestamps.fromNumber(1_700_000_000L, false)).isEqualTo(s);
    assertThat(Timestamps.fromNumber(1_700_000_000_000L, false)).isEqualTo(s);
    assertThat(Timestamps.fromNumber(1_700_000_000_000_000L, false)).isEqualTo(s);
    assertThat(Timestamps.fromNumber(1_700_000_000_000_000_000L, false)).isEqualTo(s);
    assertThat(Timestamps.fromNumber(1_700_000_000L, true)).isEqualTo(s.plusNanos(999_999_999));
    assertThat(Timestamps.fromNumber(1_700_000_000_000L, true)).isEqualTo(s.plusNanos(999_999));
    assertThat(Timestamps.fromNumber(1_700_000_000_000_001L, true)).isEqualTo(s.plusNanos(1999));
  }

  @Test
  void corsDefaultRule() {
    Cors cors = new Cors(null);
    assertThat(cors.allowed(null, "x")).isTrue();
    assertThat(cors.allowed("http://localhost:5173", "api:8081")).isTrue();
    assertThat(cors.allowed("http://[::1]:3000", "api:8081")).isTrue();
    assertThat(cors.allowed("https://api.example:9000", "api.example:8081")).isTrue();
    assertThat(cors.allowed("https://evil.example", "api.example:8081")).isFalse();
    assertThat(cors.allowed("not a url", "x")).isFalse();
    assertThat(new Cors(List.of("*")).allowed("https://any.example", "x")).isTrue();
    assertThat(new Cors(List.of("https://a.example")).allowed("http://localhost", "x")).isFalse();
  }
}
