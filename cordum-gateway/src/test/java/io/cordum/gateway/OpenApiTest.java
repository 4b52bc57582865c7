package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.route.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the router: every registered route is documented with its
 * permission, every documented operation is served (a request to it is routed, never 404/405), and
 * every schema reference resolves.
 */
class OpenApiTest {
  static Cordum cordum;
  static Gateway gateway;
  static Http http;
  static JsonNode doc;

  @BeforeAll
  static void start() {
    cordum = Cordum.builder().build().start();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .rateLimitPerSecond(0)
                    // The key store provider adds the key routes, which must be documented too.
                    .authProvider(GatewayConfig.AUTH_KEY_STORE)
                    .apiKeys(ApiKeys.of("k"))
                    .build())
            .build()
            .start();
    http = new Http(gateway.uri()).with("X-API-Key", "k");
    Http.Resp r = new Http(gateway.uri()).get("/api/v1/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    doc = r.json();
  }

  @AfterAll
  static void stop() {
    gateway.close();
    cordum.close();
  }

  @Test
  void everyRouteIsDocumentedWithItsPermission() {
    assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
    for (Route r : gateway.routes()) {
      JsonNode op = doc.get("paths").path(r.pattern()).path(r.method().toLowerCase(Locale.ROOT));
      assertThat(op.isObject()).as("%s documented", r).isTrue();
      assertThat(op.get("x-cordum-permission").asString()).isEqualTo(r.permission().name());
      assertThat(op.get("summary").asString()).isNotBlank();
      assertThat(op.get("responses").size()).isPositive();
      if (!r.permission().isPublic()) {
        assertThat(op.get("responses").has("401")).as("%s documents 401", r).isTrue();
      }
      for (String p : r.pathParams()) {
        assertThat(op.get("parameters").toString()).contains("\"name\":\"" + p + "\"");
      }
    }
  }

  @Test
  void everyDocumentedOperationIsServed() {
    Set<String> registered = new HashSet<>();
    gateway.routes().forEach(r -> registered.add(r.method() + " " + r.pattern()));
    List<String> documented = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        String method = op.getKey().toUpperCase(Locale.ROOT);
        documented.add(method + " " + path.getKey());
        String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
        Http.Resp resp = http.send(method, concrete, method.equals("GET") ? null : new byte[0]);
        assertThat(resp.header("X-Cordum-Error-Code"))
            .as("%s %s: %s", method, concrete, resp)
            .isNotIn("route_not_found", "method_not_allowed");
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
  }

  @Test
  void everySchemaReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/components/schemas/");
      String name = ref.substring("#/components/schemas/".length());
      assertThat(doc.get("components").get("schemas").has(name)).as(ref).isTrue();
    }
  }

  @Test
  void everyBuiltInPermissionIsUsedOrPublic() {
    Set<Permission> used = new HashSet<>();
    gateway.routes().forEach(r -> used.add(r.permission()));
    assertThat(used).contains(Permission.PUBLIC, Permission.JOBS_READ, Permission.JOBS_SUBMIT);
    assertThat(Permission.builtIn()).containsAll(used);
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asString());
        } else {
          collectRefs(e.getValue(), out);
        }
      }
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }
}
