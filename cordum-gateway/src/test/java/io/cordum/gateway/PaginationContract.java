package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pagination (issue 11: limits capped, cursors never skip or repeat): with the page cap set to 3, a
 * {@code limit} above it gets 3 items on every list route, and walking each paged listing (jobs,
 * runs, approvals, dead letters) with its {@code next_cursor} returns every item exactly once,
 * although the items were made within the same second (Cordum's second-granularity cursors skipped
 * such items).
 */
abstract class PaginationContract extends ApiFixture {
  static final int CAP = 3;
  static final int ITEMS = 7;

  @Override
  Cordum.Builder configure(Cordum.Builder b) {
    try {
      java.nio.file.Path p = java.nio.file.Files.createTempFile("cordum-gw-pages", ".yaml");
      java.nio.file.Files.writeString(p, ControlApiContract.POLICY);
      p.toFile().deleteOnExit();
      return b.policy(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  GatewayConfig.Builder configure(GatewayConfig.Builder b) {
    return b.maxListLimit(CAP);
  }

  String post(String path, String body, String field) {
    Http.Resp r = http.post(path, body);
    assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    return r.json().get(field).asString();
  }

  /** Walks a paged listing; asserts the cap on every page and that nothing repeats. */
  List<String> walk(String path, Function<JsonNode, String> idOf) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Resp r =
          http.get(
              path
                  + (path.contains("?") ? "&" : "?")
                  + "limit=1000"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode page = r.json();
      assertThat(page.get("items").size()).as(path).isLessThanOrEqualTo(CAP);
      for (JsonNode item : page.get("items")) {
        seen.add(idOf.apply(item));
      }
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(seen).as(path + " repeats an item").doesNotHaveDuplicates();
    assertThat(pages).as(path + " pages").isGreaterThanOrEqualTo((ITEMS + CAP - 1) / CAP);
    return seen;
  }

  @Test
  void limitsAreCappedAndCursorsNeitherSkipNorRepeat() {
    String wf =
        post(
            "/api/v1/workflows",
            "{\"name\":\"p\",\"steps\":{\"approve\":" + "{\"type\":\"approval\"}}}",
            "id");
    Set<String> failed = new HashSet<>();
    Set<String> held = new HashSet<>();
    Set<String> runs = new HashSet<>();
    for (int i = 0; i < ITEMS; i++) {
      failed.add(post("/api/v1/jobs", "{\"prompt\":\"fail\",\"topic\":\"job.test\"}", "job_id"));
      held.add(post("/api/v1/jobs", "{\"prompt\":\"h\",\"topic\":\"job.hold\"}", "job_id"));
      runs.add(post("/api/v1/workflows/" + wf + "/runs", "{}", "run_id"));
      post("/api/v1/workflows", "{\"name\":\"w" + i + "\"}", "id");
      assertThat(http.post("/api/v1/schemas", "{\"id\":\"p/s" + i + "\",\"schema\":{}}").status())
          .isEqualTo(204);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Set<String> d =
                  new HashSet<>(walk("/api/v1/dlq/page", n -> n.get("job_id").asString()));
              return d.containsAll(failed)
                  && new HashSet<>(
                          walk("/api/v1/approvals", n -> n.get("job").get("id").asString()))
                      .containsAll(held);
            });

    assertThat(walk("/api/v1/jobs?state=failed&topic=job.test", n -> n.get("id").asString()))
        .containsExactlyInAnyOrderElementsOf(failed);
    assertThat(walk("/api/v1/approvals", n -> n.get("job").get("id").asString()))
        .containsExactlyInAnyOrderElementsOf(held);
    assertThat(walk("/api/v1/dlq/page", n -> n.get("job_id").asString()))
        .containsExactlyInAnyOrderElementsOf(failed);
    assertThat(walk("/api/v1/workflow-runs?workflow_id=" + wf, n -> n.get("id").asString()))
        .containsExactlyInAnyOrderElementsOf(runs);

    // Lists without a cursor are capped too.
    for (String list :
        new String[] {"/api/v1/dlq", "/api/v1/workflows", "/api/v1/workflows/" + wf + "/runs"}) {
      JsonNode items = http.get(list + "?limit=1000").json();
      assertThat(items.size()).as(list).isEqualTo(CAP);
    }
    assertThat(http.get("/api/v1/schemas?limit=1000").json().get("schemas").size()).isEqualTo(CAP);
    assertThat(http.get("/api/v1/jobs?limit=0").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/openapi.json").body()).contains("cap `limit` at " + CAP);
  }
}
