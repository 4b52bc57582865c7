package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workflows and runs (spec 50 §1.4), the smoke flows of §4.4 and the Go cases of workflows_test.go
 * and workflow_runs_test.go, on one backend.
 */
abstract class WorkflowsApiContract extends ApiFixture {

  String createWorkflow(String json) {
    Http.Resp r = http.post("/api/v1/workflows", json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  String startRun(String wf, String body, String... headers) {
    Http.Resp r = http.post("/api/v1/workflows/" + wf + "/runs", body, headers);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("run_id").asString();
  }

  JsonNode awaitRun(String run, String status) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = http.get("/api/v1/workflow-runs/" + run).json();
              return status.equals(last[0].get("status").asString());
            });
    return last[0];
  }

  static String approvalWorkflow(String name) {
    return "{\"name\":\""
        + name
        + "\",\"org_id\":\"default\",\"steps\":{\"approve\":"
        + "{\"type\":\"approval\",\"name\":\"Approve\"}}}";
  }

  @Test
  void platformSmokeFlow() {
    String wf = createWorkflow(approvalWorkflow("platform-smoke"));
    String run = startRun(wf, "{}");
    awaitRun(run, "waiting");
    Http.Resp a =
        http.post(
            "/api/v1/workflows/" + wf + "/runs/" + run + "/steps/approve/approve",
            "{\"approved\":true}");
    assertThat(a.status()).as(a.toString()).isEqualTo(204);
    JsonNode done = awaitRun(run, "succeeded");
    assertThat(done.get("steps").get("approve").get("status").asString()).isEqualTo("succeeded");
    assertThat(done.get("steps").get("approve").get("decided_by").asString()).isEqualTo("alice");
    assertThat(http.delete("/api/v1/workflow-runs/" + run).status()).isEqualTo(204);
    assertThat(http.delete("/api/v1/workflows/" + wf).status()).isEqualTo(204);
    assertThat(http.get("/api/v1/workflows/" + wf).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/workflow-runs/" + run).status()).isEqualTo(404);
  }

  @Test
  void aWorkerStepRunsAndTheTimelineShowsIt() {
    String wf =
        createWorkflow(
            "{\"name\":\"work\",\"steps\":{\"a\":{\"type\":\"worker\","
                + "\"topic\":\"job.test\",\"input\":{\"n\":\"${input.n}\"}}}}");
    JsonNode def = http.get("/api/v1/workflows/" + wf).json();
    assertThat(def.get("org_id").asString()).isEqualTo("default");
    assertThat(def.get("steps").get("a").get("topic").asString()).isEqualTo("job.test");
    assertThat(def.get("created_by").asString()).isEqualTo("alice");
    String run = startRun(wf, "{\"n\":\"7\"}");
    JsonNode done = awaitRun(run, "succeeded");
    assertThat(done.get("input").get("n").asString()).isEqualTo("7");
    assertThat(done.get("steps").get("a").get("job_id").asString()).startsWith(run + ":a@");
    JsonNode timeline = http.get("/api/v1/workflow-runs/" + run + "/timeline").json();
    assertThat(timeline.isArray()).isTrue();
    assertThat(timeline.size()).isGreaterThan(1);
    assertThat(timeline.get(0).get("type").asString()).isNotBlank();
    JsonNode runs = http.get("/api/v1/workflows/" + wf + "/runs").json();
    assertThat(runs.get(0).get("id").asString()).isEqualTo(run);
    JsonNode listed =
        http.get("/api/v1/workflow-runs?workflow_id=" + wf + "&status=succeeded").json();
    assertThat(listed.get("items").get(0).get("id").asString()).isEqualTo(run);
    assertThat(http.get("/api/v1/workflows").json().toString()).contains(wf);
  }

  @Test
  void runListingPagesAreExact() {
    String wf = createWorkflow(approvalWorkflow("pages"));
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      mine.add(startRun(wf, "{}"));
    }
    mine.forEach(r -> awaitRun(r, "waiting"));
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      JsonNode p =
          http.get(
                  "/api/v1/workflow-runs?limit=2&workflow_id="
                      + wf
                      + (cursor == null
                          ? ""
                          : "&cursor="
                              + java.net.URLEncoder.encode(
                                  cursor, java.nio.charset.StandardCharsets.UTF_8)))
              .json();
      p.get("items").forEach(i -> assertThat(seen.add(i.get("id").asString())).isTrue());
      cursor = p.get("next_cursor").isNull() ? null : p.get("next_cursor").asString();
    } while (cursor != null);
    assertThat(seen).isEqualTo(mine);
    mine.forEach(r -> http.post("/api/v1/workflows/" + wf + "/runs/" + r + "/cancel", ""));
    assertThat(http.get("/api/v1/workflow-runs?status=bogus").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/workflow-runs?org_id=other").status()).isEqualTo(403);
  }

  @Test
  void upsertKeepsStepsAndValidates() {
    String wf = createWorkflow(approvalWorkflow("before"));
    assertThat(
            http.post("/api/v1/workflows", "{\"id\":\"" + wf + "\",\"name\":\"after\"}").status())
        .isEqualTo(201);
    JsonNode def = http.get("/api/v1/workflows/" + wf).json();
    assertThat(def.get("name").asString()).isEqualTo("after");
    assertThat(def.get("steps").has("approve")).isTrue();
    Http.Resp cycle =
        http.post(
            "/api/v1/workflows",
            "{\"name\":\"c\",\"steps\":{"
                + "\"a\":{\"type\":\"approval\",\"depends_on\":[\"b\"]},"
                + "\"b\":{\"type\":\"approval\",\"depends_on\":[\"a\"]}}}");
    assertThat(cycle.status()).isEqualTo(400);
    assertThat(cycle.body()).contains("a -> b -> a");
    assertThat(http.post("/api/v1/workflows", "{\"name\":\"x\",\"bogus\":1}").status())
        .isEqualTo(400);
    assertThat(http.post("/api/v1/workflows", "{\"name\":\"x\",\"org_id\":\"other\"}").status())
        .isEqualTo(403);
    assertThat(http.post("/api/v1/workflows/nope/runs", "{}").status()).isEqualTo(404);
    assertThat(http.post("/api/v1/workflows/" + wf + "/runs?org_id=other", "{}").status())
        .isEqualTo(403);
    assertThat(http.post("/api/v1/workflows/" + wf + "/runs", "[1]").status()).isEqualTo(400);
  }

  @Test
  void idempotentStartsCancelAndRerun() {
    String wf = createWorkflow(approvalWorkflow("idem"));
    String key = UUID.randomUUID().toString();
    String a = startRun(wf, "{}", "Idempotency-Key", key);
    String b = startRun(wf, "{}", "Idempotency-Key", key);
    assertThat(b).isEqualTo(a);
    awaitRun(a, "waiting");
    assertThat(http.post("/api/v1/workflows/" + wf + "/runs/" + a + "/cancel", "").status())
        .isEqualTo(204);
    awaitRun(a, "cancelled");
    Http.Resp again = http.post("/api/v1/workflows/" + wf + "/runs/" + a + "/cancel", "");
    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    Http.Resp rerun = http.post("/api/v1/workflow-runs/" + a + "/rerun", "{\"dry_run\":true}");
    assertThat(rerun.status()).as(rerun.toString()).isEqualTo(200);
    String r2 = rerun.json().get("run_id").asString();
    assertThat(r2).isNotEqualTo(a);
    JsonNode run2 = http.get("/api/v1/workflow-runs/" + r2).json();
    assertThat(run2.get("rerun_of").asString()).isEqualTo(a);
    assertThat(run2.get("dry_run").asBoolean()).isTrue();
    assertThat(http.post("/api/v1/workflow-runs/nope/rerun", "").status()).isEqualTo(404);
    Http.Resp noBody =
        http.post("/api/v1/workflows/" + wf + "/runs/" + r2 + "/steps/approve/approve", "");
    assertThat(noBody.status()).isEqualTo(400);
    http.post("/api/v1/workflows/" + wf + "/runs/" + r2 + "/cancel", "");
  }

  @Test
  void theRunLimitAnswers429() {
    String wf = createWorkflow(approvalWorkflow("limited"));
    int active = 0;
    for (String s : new String[] {"pending", "running", "waiting"}) {
      active += http.get("/api/v1/workflow-runs?limit=1000&status=" + s).json().get("items").size();
    }
    Http.Resp set =
        http.post(
            "/api/v1/config",
            "{\"scope\":\"workflow\",\"scope_id\":\""
                + wf
                + "\",\"data\":{\"limits\":{\"max_concurrent_runs\":"
                + (active + 1)
                + "}}}");
    assertThat(set.status()).as(set.toString()).isEqualTo(204);
    String first = startRun(wf, "{}");
    Http.Resp second = http.post("/api/v1/workflows/" + wf + "/runs", "{}");
    assertThat(second.status()).as(second.toString()).isEqualTo(429);
    assertThat(second.body()).isEqualTo("max concurrent runs reached\n");
    assertThat(second.header("Retry-After")).isNotBlank();
    http.post("/api/v1/workflows/" + wf + "/runs/" + first + "/cancel", "");
  }

  @Test
  void policyRoutesWithoutAKernelAre503() {
    Http.Resp r = http.post("/api/v1/policy/evaluate", "{\"topic\":\"job.test\"}");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("safety kernel unavailable\n");
  }
}
