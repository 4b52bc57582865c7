package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.job.JobSubmission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The job routes of spec 50 §1.2 (and the Go cases of jobs_http_test.go) on one backend. */
abstract class JobsApiContract extends ApiFixture {

  String submit(String body) {
    Http.Resp r = http.post("/api/v1/jobs", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.fieldNames()).containsExactlyInAnyOrder("job_id", "trace_id");
    return r.json().get("job_id").asString();
  }

  JsonNode awaitState(String id, String state) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = http.get("/api/v1/jobs/" + id).json();
              return state.equals(last[0].get("state").asString());
            });
    return last[0];
  }

  @Test
  void submitRunsTheJobAndTheDetailShowsInputAndResult() {
    // (Labels are placement constraints: a labelled job would wait for a labelled worker.)
    String id =
        submit(
            "{\"prompt\":\"hi\",\"topic\":\"job.test\",\"context\":{\"n\":1},"
                + "\"capability\":\"echo\",\"risk_tags\":[\"x\"]}");
    JsonNode job = awaitState(id, "SUCCEEDED");
    assertThat(job.get("topic").asString()).isEqualTo("job.test");
    assertThat(job.get("tenant").asString()).isEqualTo("default");
    assertThat(job.get("context_ptr").asString()).isEqualTo("redis://ctx:" + id);
    assertThat(job.get("context").get("prompt").asString()).isEqualTo("hi");
    assertThat(job.get("context").get("context").get("n").asInt()).isEqualTo(1);
    assertThat(job.get("result").get("echo").asString()).contains("\"prompt\":\"hi\"");
    assertThat(job.get("capability").asString()).isEqualTo("echo");
    assertThat(job.get("risk_tags").get(0).asString()).isEqualTo("x");
    assertThat(job.get("labels").isObject()).isTrue();
    String labelled =
        submit("{\"prompt\":\"l\",\"topic\":\"job.test\",\"labels\":{\"team\":\"a\"}}");
    assertThat(http.get("/api/v1/jobs/" + labelled).json().get("labels").get("team").asString())
        .isEqualTo("a");
    assertThat(job.get("actor_id").asString()).isEqualTo("alice");
    assertThat(job.get("safety_decision").asString()).isEqualTo("ALLOW");
    assertThat(job.has("approval_required")).isTrue();
  }

  @Test
  void submitAppliesCordumsDefaults() {
    String id = submit("{\"prompt\":\"d\",\"priority\":\"batch\",\"team_id\":\"t1\"}");
    var req = cordum.jobs().request(id).orElseThrow();
    assertThat(req.topic()).isEqualTo("job.default");
    assertThat(req.env())
        .containsEntry("max_input_tokens", "8000")
        .containsEntry("max_output_tokens", "1024")
        .containsEntry("tenant_id", "default")
        .containsEntry("team_id", "t1")
        .containsEntry("memory_id", "mem:" + id);
    assertThat(req.priority()).isEqualTo(io.cordum.api.cap.JobPriority.BATCH);
    assertThat(req.contextPtr()).isEqualTo("redis://ctx:" + id);
    assertThat(req.principalId()).isEqualTo("alice");
  }

  @Test
  void statusAndWorkers() {
    JsonNode status = http.get("/api/v1/status").json();
    assertThat(status.get("workers").get("count").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(status.get("build").has("version")).isTrue();
    assertThat(status.get("uptime_seconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(status.get("nats").get("connected").asBoolean()).isTrue();
    assertThat(status.get("redis").get("ok").asBoolean()).isTrue();
    JsonNode backends = status.get("backends");
    assertThat(backends.size()).isPositive();
    if (backend.name().equals("nats+redis")) {
      assertThat(backends.toString()).contains("\"nats\"").contains("\"redis\"");
      assertThat(status.get("nats").get("url").asString()).startsWith("nats://");
    }
    JsonNode workers = http.get("/api/v1/workers").json();
    assertThat(workers.isArray()).isTrue();
    assertThat(workers.toString()).contains("\"worker_id\":\"w1\"").contains("\"pool\":\"test\"");
  }

  @Test
  void aFailedJobShowsItsDeadLetter() {
    String id = submit("{\"prompt\":\"please fail\",\"topic\":\"job.test\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/v1/jobs/" + id).json().has("error_code"));
    JsonNode job = http.get("/api/v1/jobs/" + id).json();
    assertThat(job.get("state").asString()).isEqualTo("FAILED");
    assertThat(job.get("error_code").asString()).isEqualTo("boom");
    assertThat(job.get("error_status").asString()).isEqualTo("JOB_STATUS_FAILED");
  }

  @Test
  void submitValidatesEveryField() {
    assertBad("{\"topic\":\"job.test\"}", "prompt is required\n");
    assertBad("{\"prompt\":\"x\",\"topic\":\"nojob.x\"}", "topic must start with job.\n");
    assertBad("{\"prompt\":\"x\",\"max_output_tokens\":-1}", "token limits must be non-negative\n");
    assertBad("{\"prompt\":\"x\",\"deadline_ms\":-5}", "deadline_ms must be non-negative\n");
    assertBad(
        "{\"prompt\":\"x\",\"actor_type\":\"robot\"}", "actor_type must be 'human' or 'service'\n");
    assertBad(
        "{\"prompt\":\"x\",\"tags\":[" + "\"t\",".repeat(50) + "\"t\"]}",
        "too many tags (max 50)\n");
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
    }
    assertBad("{\"prompt\":\"x\",\"labels\":{" + labels + "}}", "too many labels (max 50)\n");
    assertBad("{\"prompt\":\"" + "x".repeat(100_001) + "\"}", "prompt too long (>100000 chars)\n");
    assertBad("{\"prompt\":", "invalid json\n");
    assertBad("{\"prompt\":5}", "invalid json: prompt must be a string\n");
    assertBad("[]", "invalid json: the body must be a JSON object\n");
    assertBad("", "invalid json: a JSON object body is required\n");
  }

  void assertBad(String body, String message) {
    Http.Resp r = http.post("/api/v1/jobs", body);
    assertThat(r.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
    assertThat(r.body()).isEqualTo(message);
    assertThat(r.header("X-Cordum-Error-Code")).isNotBlank();
  }

  @Test
  void tenantAndPrincipalComeFromTheKey() {
    Http.Resp other = http.post("/api/v1/jobs", "{\"prompt\":\"x\",\"org_id\":\"other\"}");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.body()).isEqualTo("tenant access denied\n");
    Http.Resp bob = http.post("/api/v1/jobs", "{\"prompt\":\"x\",\"principal_id\":\"bob\"}");
    assertThat(bob.status()).isEqualTo(403);
    assertThat(
            http.post(
                    "/api/v1/jobs",
                    "{\"prompt\":\"x\",\"topic\":\"job.test\","
                        + "\"org_id\":\"default\",\"principal_id\":\"alice\"}")
                .status())
        .isEqualTo(200);
    // Identity headers grant nothing and are not recorded.
    String id = submit("{\"prompt\":\"h\",\"topic\":\"job.test\"}");
    Http.Resp spoof =
        http.post(
            "/api/v1/jobs",
            "{\"prompt\":\"y\",\"topic\":\"job.test\"}",
            "X-Principal-Id",
            "mallory",
            "X-Principal-Role",
            "admin");
    assertThat(spoof.status()).isEqualTo(200);
    String sid = spoof.json().get("job_id").asString();
    assertThat(http.get("/api/v1/jobs/" + sid).json().get("actor_id").asString())
        .isEqualTo("alice");
    assertThat(id).isNotEqualTo(sid);
  }

  @Test
  void anIdempotencyKeyReturnsTheFirstJob() {
    String body =
        "{\"prompt\":\"x\",\"topic\":\"job.test\",\"idempotency_key\":\"idem-"
            + backend.name()
            + "\"}";
    Http.Resp a = http.post("/api/v1/jobs", body);
    Http.Resp b = http.post("/api/v1/jobs", body);
    assertThat(b.json().get("job_id").asString()).isEqualTo(a.json().get("job_id").asString());
    assertThat(b.json().get("trace_id").asString()).isEqualTo(a.json().get("trace_id").asString());
    Http.Resp other = http.post("/api/v1/jobs", body.replace("\"x\"", "\"y\""));
    assertThat(other.status()).as(other.toString()).isEqualTo(409);
    assertThat(other.body()).contains("input");
  }

  @Test
  void listingPagesNeverSkipOrRepeat() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      mine.add(submit("{\"prompt\":\"p" + i + "\",\"topic\":\"job.test\"}"));
    }
    mine.forEach(id -> awaitState(id, "SUCCEEDED"));
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Resp r =
          http.get(
              "/api/v1/jobs?limit=2&topic=job.test&state=succeeded"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode page = r.json();
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      for (JsonNode item : page.get("items")) {
        assertThat(seen.add(item.get("id").asString())).as("repeated %s", item).isTrue();
        assertThat(item.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(item.get("updated_at").asLong()).isPositive();
      }
      cursor =
          page.get("next_cursor").isNull()
              ? null
              : java.net.URLEncoder.encode(
                  page.get("next_cursor").asString(), java.nio.charset.StandardCharsets.UTF_8);
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).containsAll(mine);
  }

  @Test
  void listingFiltersAndNormalisesTimestamps() {
    String id = submit("{\"prompt\":\"f\",\"topic\":\"job.test\"}");
    awaitState(id, "SUCCEEDED");
    long nowSeconds = System.currentTimeMillis() / 1000;
    for (String before :
        List.of(
            Long.toString(nowSeconds + 60),
            Long.toString((nowSeconds + 60) * 1000),
            Long.toString((nowSeconds + 60) * 1_000_000))) {
      JsonNode p = http.get("/api/v1/jobs?limit=1000&updated_before=" + before).json();
      assertThat(ids(p)).contains(id);
    }
    assertThat(ids(http.get("/api/v1/jobs?updated_after=" + (nowSeconds + 3600)).json())).isEmpty();
    assertThat(
            ids(http.get("/api/v1/jobs?limit=1000&cursor=" + (nowSeconds + 60) * 1_000_000).json()))
        .contains(id);
    JsonNode byTrace =
        http.get(
                "/api/v1/jobs?trace_id="
                    + http.get("/api/v1/jobs/" + id).json().get("trace_id").asString())
            .json();
    assertThat(ids(byTrace)).containsExactly(id);
    assertThat(byTrace.get("next_cursor").isNull()).isTrue();
    assertThat(http.get("/api/v1/jobs?state=bogus").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs?limit=abc").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs?limit=0").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs?limit=100000").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/jobs?cursor=not-a-cursor").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs?updated_after=yesterday").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs?tenant=other").status()).isEqualTo(403);
  }

  static List<String> ids(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("id").asString()));
    return out;
  }

  @Test
  void anotherTenantsJobIsHidden() {
    String id =
        cordum
            .jobs()
            .submit(JobSubmission.builder().topic("job.test").tenant("other").input("{}").build())
            .jobId();
    String trace = cordum.jobs().get(id).orElseThrow().traceId();
    // Another tenant's job answers exactly as a missing one, so ids can not be probed.
    Http.Resp r = http.get("/api/v1/jobs/" + id);
    Http.Resp missing = http.get("/api/v1/jobs/no-such-job");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("job not found\n").isEqualTo(missing.body());
    assertThat(r.header("X-Cordum-Error-Code")).isEqualTo(missing.header("X-Cordum-Error-Code"));
    assertThat(http.get("/api/v1/jobs/" + id + "/decisions").status()).isEqualTo(404);
    assertThat(http.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/traces/" + trace).json().size()).isZero();
    assertThat(ids(http.get("/api/v1/jobs?limit=1000").json())).doesNotContain(id);
  }

  @Test
  void unknownJobIs404() {
    for (String path : List.of("/api/v1/jobs/nope", "/api/v1/jobs/nope/decisions")) {
      Http.Resp r = http.get(path);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body()).isEqualTo("job not found\n");
    }
    assertThat(http.post("/api/v1/jobs/nope/cancel", "").status()).isEqualTo(404);
  }

  @Test
  void decisionsAndTraces() {
    String id = submit("{\"prompt\":\"d\",\"topic\":\"job.test\"}");
    JsonNode job = awaitState(id, "SUCCEEDED");
    JsonNode d = http.get("/api/v1/jobs/" + id + "/decisions").json();
    assertThat(d.isArray()).isTrue();
    assertThat(d.size()).isGreaterThanOrEqualTo(1);
    assertThat(d.get(0).get("decision").asString()).isEqualTo("ALLOW");
    Http.Resp t = http.get("/api/v1/traces/" + job.get("trace_id").asString());
    assertThat(t.header("Content-Type")).startsWith("application/json");
    assertThat(t.json().get(0).get("id").asString()).isEqualTo(id);
  }

  @Test
  void cancelIsIdempotent() {
    String id = submit("{\"prompt\":\"slow\",\"topic\":\"job.test\"}");
    awaitState(id, "RUNNING");
    Http.Resp c = http.post("/api/v1/jobs/" + id + "/cancel", "");
    assertThat(c.status()).as(c.toString()).isEqualTo(200);
    assertThat(c.json().get("state").asString()).isEqualTo("CANCELLED");
    assertThat(c.json().has("reason")).isFalse();
    Http.Resp again = http.post("/api/v1/jobs/" + id + "/cancel", "");
    assertThat(again.json().get("state").asString()).isEqualTo("CANCELLED");
    assertThat(again.json().get("reason").asString()).isEqualTo("job already terminal");
  }
}
