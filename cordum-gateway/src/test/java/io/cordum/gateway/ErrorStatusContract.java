package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import io.cordum.gateway.auth.ApiKeys;
import io.cordum.gateway.route.Route;
import io.micrometer.core.instrument.Timer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every error status each route documents (its OpenAPI {@code responses}), provoked through a real
 * HTTP client on one backend; then a check, from the gateway's own request metrics, that every
 * documented (route, status) pair was answered at least once, so that a new route or a new
 * documented status cannot go untested. Objects of another tenant are made through a second gateway
 * on the same control plane whose key works in tenant {@code other}. Also: every route that needs a
 * key answers 401 without one, and every route with a body answers 413 above its limit.
 */
abstract class ErrorStatusContract extends ApiFixture {
  static final long BODY_LIMIT = 8 * 1024;

  /**
   * Documented statuses provoked elsewhere, with where: they need a control plane without a safety
   * kernel, or concurrent writers.
   */
  static final Map<String, String> ELSEWHERE =
      Map.of(
          "503",
              "no safety kernel: WorkflowsApiContract.policyRoutesWithoutAKernelAre503 (a "
                  + "control plane built without a policy)",
          "POST /api/v1/policy/publish 409",
              "a concurrent change outlasting the retries of the "
                  + "bundle service's compare-and-set",
          "POST /api/v1/policy/rollback 409",
              "a concurrent change outlasting the retries of the "
                  + "bundle service's compare-and-set");

  Http other;

  @Override
  Cordum.Builder configure(Cordum.Builder b) {
    try {
      java.nio.file.Path p = java.nio.file.Files.createTempFile("cordum-gw-errors", ".yaml");
      java.nio.file.Files.writeString(p, ControlApiContract.POLICY);
      p.toFile().deleteOnExit();
      return b.policy(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  GatewayConfig.Builder configure(GatewayConfig.Builder b) {
    return b.maxBodyBytes(BODY_LIMIT).maxArtifactBodyBytes(2 * BODY_LIMIT);
  }

  static void is(int status, Http.Resp r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("X-Cordum-Error-Code")).as(r.toString()).isNotBlank();
  }

  String id(Http as, String path, String body, String field) {
    Http.Resp r = as.post(path, body);
    assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    return r.json().get(field).asString();
  }

  void awaitJob(Http as, String id, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> state.equals(as.get("/api/v1/jobs/" + id).json().path("state").asString("")));
  }

  void awaitRun(Http as, String id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                status.equals(
                    as.get("/api/v1/workflow-runs/" + id).json().path("status").asString("")));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void everyDocumentedErrorStatusOfEveryRoute() {
    try (Gateway second =
        Gateway.builder()
            .cordum(cordum)
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .rateLimitPerSecond(0)
                    .defaultTenant("other")
                    .apiKeys(ApiKeys.of("other-key"))
                    .build())
            .build()
            .start()) {
      other = new Http(second.uri()).with("X-API-Key", "other-key");
      provokeEveryError();
    }
    everyRouteNeedsItsKeyAndLimitsItsBody();
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Route r : gateway.routes()) {
      for (int status : r.doc().errors().keySet()) {
        String pair = r.method() + " " + r.pattern() + " " + status;
        if (ELSEWHERE.containsKey(pair) || ELSEWHERE.containsKey(Integer.toString(status))) {
          continue;
        }
        Timer t =
            registry
                .find("cordum.gateway.http.requests")
                .tag("method", r.method())
                .tag("route", r.pattern())
                .tag("status", Integer.toString(status))
                .timer();
        checked++;
        if (t == null || t.count() == 0) {
          missing.add(pair);
        }
      }
    }
    assertThat(missing).as("documented error statuses no request provoked").isEmpty();
    // About 100 since another tenant's objects answer 404 (no per-route 403 to document).
    assertThat(checked).as("documented (route, status) pairs checked").isGreaterThan(90);
  }

  void provokeEveryError() {
    String wfJson = "{\"name\":\"e\",\"steps\":{\"approve\":{\"type\":\"approval\"}}}";
    // Objects of tenant "other", made through its own gateway.
    String oJob = id(other, "/api/v1/jobs", "{\"prompt\":\"o\",\"topic\":\"job.test\"}", "job_id");
    String oHeld = id(other, "/api/v1/jobs", "{\"prompt\":\"o\",\"topic\":\"job.hold\"}", "job_id");
    String oFailed =
        id(other, "/api/v1/jobs", "{\"prompt\":\"fail\",\"topic\":\"job.test\"}", "job_id");
    String oWf = id(other, "/api/v1/workflows", wfJson, "id");
    String oRun = id(other, "/api/v1/workflows/" + oWf + "/runs", "{}", "run_id");
    String oArt = id(other, "/api/v1/artifacts", "{\"content\":\"o\"}", "artifact_ptr");
    // Objects of the caller's tenant.
    String done = id(http, "/api/v1/jobs", "{\"prompt\":\"d\",\"topic\":\"job.test\"}", "job_id");
    String denied =
        id(http, "/api/v1/jobs", "{\"prompt\":\"d\",\"topic\":\"job.danger\"}", "job_id");
    String failed =
        id(http, "/api/v1/jobs", "{\"prompt\":\"fail\",\"topic\":\"job.test\"}", "job_id");
    String wf = id(http, "/api/v1/workflows", wfJson, "id");
    String ended = id(http, "/api/v1/workflows/" + wf + "/runs", "{}", "run_id");
    awaitJob(other, oHeld, "APPROVAL_REQUIRED");
    awaitJob(http, done, "SUCCEEDED");
    awaitJob(http, denied, "DENIED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                other.get("/api/v1/dlq/" + oFailed).status() == 200
                    && http.get("/api/v1/dlq/" + failed).status() == 200);
    awaitRun(http, ended, "waiting");
    is204(http.post("/api/v1/workflows/" + wf + "/runs/" + ended + "/cancel", ""));
    awaitRun(http, ended, "cancelled");
    awaitRun(other, oRun, "waiting");

    // jobs
    is(400, http.post("/api/v1/jobs", "{}"));
    is(403, http.post("/api/v1/jobs", "{\"prompt\":\"x\",\"org_id\":\"other\"}"));
    is(400, http.get("/api/v1/jobs?state=bogus"));
    is(403, http.get("/api/v1/jobs?tenant=other"));
    is(400, http.get("/api/v1/jobs/counts?states=bogus"));
    is(403, http.get("/api/v1/jobs/counts?tenant=other"));
    for (String sub : new String[] {"", "/history", "/decisions"}) {
      is(404, http.get("/api/v1/jobs/" + oJob + sub)); // another tenant's: as if absent
      is(404, http.get("/api/v1/jobs/nope" + sub));
    }
    is(404, http.post("/api/v1/jobs/" + oJob + "/cancel", ""));
    is(404, http.post("/api/v1/jobs/nope/cancel", ""));
    is(400, http.post("/api/v1/jobs/" + denied + "/remediate", "{bad"));
    is(404, http.post("/api/v1/jobs/" + oJob + "/remediate", ""));
    is(404, http.post("/api/v1/jobs/nope/remediate", ""));
    is(404, http.post("/api/v1/jobs/" + denied + "/remediate", "{\"remediation_id\":\"no\"}"));
    is(409, http.post("/api/v1/jobs/" + done + "/remediate", ""));

    // memory and artifacts
    is(400, http.get("/api/v1/memory"));
    is(404, http.get("/api/v1/memory?ptr=redis://res:missing"));
    is(404, http.get("/api/v1/memory?ptr=redis://ctx:" + oJob)); // another tenant's: hidden
    is(501, http.get("/api/v1/memory?key=mem:x"));
    is(400, http.post("/api/v1/artifacts", "{}"));
    is(
        403,
        http.post(
            "/api/v1/artifacts", "{\"content\":\"x\",\"labels\":" + "{\"tenant_id\":\"other\"}}"));
    is(413, http.post("/api/v1/artifacts?max_bytes=1", "{\"content\":\"xy\"}"));
    is(404, http.get("/api/v1/artifacts/" + enc(oArt)));
    is(404, http.get("/api/v1/artifacts/" + enc("redis://art:nope")));

    // workflows and runs
    is(403, http.get("/api/v1/workflows?org_id=other"));
    is(400, http.post("/api/v1/workflows", "{\"name\":\"x\",\"bogus\":1}"));
    is(403, http.post("/api/v1/workflows", "{\"name\":\"x\",\"org_id\":\"other\"}"));
    is(404, http.get("/api/v1/workflows/" + oWf));
    is(404, http.get("/api/v1/workflows/nope"));
    is(404, http.delete("/api/v1/workflows/" + oWf));
    is(404, http.delete("/api/v1/workflows/nope"));
    is(400, http.post("/api/v1/workflows/" + wf + "/runs", "[1]"));
    is(404, http.post("/api/v1/workflows/" + oWf + "/runs", "{}"));
    is(403, http.post("/api/v1/workflows/" + wf + "/runs?org_id=other", "{}"));
    is(404, http.post("/api/v1/workflows/nope/runs", "{}"));
    is(404, http.get("/api/v1/workflows/" + oWf + "/runs"));
    is(404, http.get("/api/v1/workflows/nope/runs"));
    is(400, http.get("/api/v1/workflow-runs?status=bogus"));
    is(403, http.get("/api/v1/workflow-runs?org_id=other"));
    for (String sub : new String[] {"", "/timeline"}) {
      is(404, http.get("/api/v1/workflow-runs/" + oRun + sub));
      is(404, http.get("/api/v1/workflow-runs/nope" + sub));
    }
    is(400, http.post("/api/v1/workflow-runs/" + ended + "/rerun", "{\"from_step\":\"nope\"}"));
    is(404, http.post("/api/v1/workflow-runs/" + oRun + "/rerun", ""));
    is(404, http.post("/api/v1/workflow-runs/nope/rerun", ""));
    String step = "/steps/approve/approve";
    is(400, http.post("/api/v1/workflows/" + wf + "/runs/" + ended + step, ""));
    is(404, http.post("/api/v1/workflows/" + oWf + "/runs/" + oRun + step, "{\"approved\":true}"));
    is(404, http.post("/api/v1/workflows/" + wf + "/runs/nope" + step, "{\"approved\":true}"));
    is(409, http.post("/api/v1/workflows/" + wf + "/runs/" + ended + step, "{\"approved\":true}"));
    is(404, http.post("/api/v1/workflows/" + oWf + "/runs/" + oRun + "/cancel", ""));
    is(404, http.post("/api/v1/workflows/" + wf + "/runs/nope/cancel", ""));
    is(409, http.post("/api/v1/workflows/" + wf + "/runs/" + ended + "/cancel", ""));
    is(404, http.delete("/api/v1/workflow-runs/" + oRun));
    is(404, http.delete("/api/v1/workflow-runs/nope"));
    // The tenant's run limit, set on a workflow of its own: one run fills it.
    String limited = id(http, "/api/v1/workflows", wfJson, "id");
    int active = 0;
    for (String s : new String[] {"pending", "running", "waiting"}) {
      active += http.get("/api/v1/workflow-runs?limit=1000&status=" + s).json().get("items").size();
    }
    is204(
        http.post(
            "/api/v1/config",
            "{\"scope\":\"workflow\",\"scope_id\":\""
                + limited
                + "\",\"data\":{\"limits\":{\"max_concurrent_runs\":"
                + (active + 1)
                + "}}}"));
    String first = id(http, "/api/v1/workflows/" + limited + "/runs", "{}", "run_id");
    is(429, http.post("/api/v1/workflows/" + limited + "/runs", "{}"));
    is(429, http.post("/api/v1/workflow-runs/" + first + "/rerun", ""));
    is204(http.post("/api/v1/workflows/" + limited + "/runs/" + first + "/cancel", ""));

    // the audit log
    is(400, http.get("/api/v1/auth/audit?limit=abc"));

    // approvals
    is(400, http.get("/api/v1/approvals?limit=abc"));
    for (String op : new String[] {"approve", "reject"}) {
      is(400, http.post("/api/v1/approvals/" + done + "/" + op, "{bad"));
      is(404, http.post("/api/v1/approvals/" + oHeld + "/" + op, ""));
      is(404, http.post("/api/v1/approvals/nope/" + op, ""));
      is(409, http.post("/api/v1/approvals/" + done + "/" + op, ""));
    }

    // DLQ
    is(400, http.get("/api/v1/dlq/page?cursor=bogus"));
    is(404, http.get("/api/v1/dlq/" + oFailed));
    is(404, http.get("/api/v1/dlq/nope"));
    is204(http.delete("/api/v1/dlq/" + oFailed)); // as if absent, and left alone
    assertThat(other.get("/api/v1/dlq/" + oFailed).status()).isEqualTo(200);
    is(400, http.post("/api/v1/dlq/" + failed + "/retry", "{\"input_base64\":\"!!\"}"));
    is(404, http.post("/api/v1/dlq/" + oFailed + "/retry", ""));
    is(404, http.post("/api/v1/dlq/nope/retry", ""));

    // config
    String team = "team-" + UUID.randomUUID();
    is(400, http.get("/api/v1/config?scope=galaxy"));
    is(403, http.get("/api/v1/config?scope=org&scope_id=other"));
    is(404, http.get("/api/v1/config?scope=team&scope_id=" + team));
    is(400, http.post("/api/v1/config", "{\"data\":{}}"));
    is(403, http.post("/api/v1/config", "{\"scope\":\"org\",\"scope_id\":\"other\",\"data\":{}}"));
    is204(
        http.post(
            "/api/v1/config", "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"data\":{}}"));
    is204(
        http.post(
            "/api/v1/config", "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"data\":{}}"));
    is(
        409,
        http.post(
            "/api/v1/config",
            "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"data\":{},\"revision\":1}"));
    is(403, http.get("/api/v1/config/effective?org_id=other"));

    // schemas
    is(400, http.post("/api/v1/schemas", "{\"schema\":{}}"));
    is(404, http.get("/api/v1/schemas/none%2Fhere"));
    is204(http.post("/api/v1/schemas", "{\"id\":\"e/s\",\"schema\":{\"type\":\"object\"}}"));
    is(400, http.post("/api/v1/schemas/e%2Fs/validate", "{bad"));
    is(404, http.post("/api/v1/schemas/none/validate", "{}"));

    // locks
    String res = "res-" + UUID.randomUUID();
    is(400, http.get("/api/v1/locks"));
    is(404, http.get("/api/v1/locks?resource=" + res));
    is(400, http.post("/api/v1/locks/acquire", "{\"resource\":\"x\"}"));
    assertThat(
            http.post(
                    "/api/v1/locks/acquire",
                    "{\"resource\":\"" + res + "\",\"owner\":\"o1\",\"ttl_ms\":60000}")
                .status())
        .isEqualTo(200);
    is(409, http.post("/api/v1/locks/acquire", "{\"resource\":\"" + res + "\",\"owner\":\"o2\"}"));
    is(400, http.post("/api/v1/locks/release", "{}"));
    is(409, http.post("/api/v1/locks/release", "{\"resource\":\"" + res + "\",\"owner\":\"o2\"}"));
    is(400, http.post("/api/v1/locks/renew", "{}"));
    is(404, http.post("/api/v1/locks/renew", "{\"resource\":\"" + res + "\",\"owner\":\"o2\"}"));

    // policy
    for (String op : new String[] {"evaluate", "simulate", "explain"}) {
      is(400, http.post("/api/v1/policy/" + op, "{}"));
      is(403, http.post("/api/v1/policy/" + op, "{\"topic\":\"job.x\",\"tenant\":\"other\"}"));
    }
    is(404, http.get("/api/v1/policy/bundles/snapshots/nope"));
    is(404, http.get("/api/v1/policy/bundles/secops~none"));
    is(400, http.put("/api/v1/policy/bundles/core~x", "{\"content\":\"rules: []\"}"));
    assertThat(http.put("/api/v1/policy/bundles/secops~e", "{\"content\":\"rules: []\"}").status())
        .isEqualTo(200);
    is(
        409,
        http.put(
            "/api/v1/policy/bundles/secops~e", "{\"content\":\"rules: []\"," + "\"version\":999}"));
    is(400, http.post("/api/v1/policy/bundles/secops~e/simulate", "{bad"));
    is(
        403,
        http.post(
            "/api/v1/policy/bundles/secops~e/simulate",
            "{\"request\":{\"topic\":\"job.x\",\"tenant\":\"other\"}}"));
    is(
        404,
        http.post(
            "/api/v1/policy/bundles/secops~none/simulate", "{\"request\":{\"topic\":\"job.x\"}}"));
    is(400, http.post("/api/v1/policy/publish", "{\"bundle_ids\":[\"secops/none\"]}"));
    is(400, http.post("/api/v1/policy/rollback", "{}"));
    is(404, http.post("/api/v1/policy/rollback", "{\"snapshot_id\":\"nope\"}"));

    // the stream without an upgrade, the console, what is not served
    is(400, http.get("/api/v1/stream"));
    is(404, anon.get("/console/nope.js"));
    for (Route r : gateway.routes()) {
      if (r.doc().errors().containsKey(501)
          && r.pathParams().size() <= 1
          && !r.pattern().startsWith("/api/v1/memory")) {
        is(
            501,
            http.send(
                r.method(),
                r.pattern().replace("{id}", "x").replace("{method}", "SubmitJob"),
                r.method().equals("POST") ? new byte[0] : null));
      }
    }
  }

  static void is204(Http.Resp r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(204);
  }

  /** Every keyed route answers 401 without a key; every route with a body 413 above its limit. */
  void everyRouteNeedsItsKeyAndLimitsItsBody() {
    for (Route r : gateway.routes()) {
      String path = r.pattern().replaceAll("\\{[a-z_]+}", "x");
      if (!r.permission().isPublic()) {
        is(401, anon.send(r.method(), path, null));
      }
      if ((r.method().equals("POST") || r.method().equals("PUT"))
          && !r.doc().errors().containsKey(501)) {
        long limit = r.maxBodyBytes() > 0 ? r.maxBodyBytes() : BODY_LIMIT;
        byte[] body = new byte[(int) limit + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        is(413, http.send(r.method(), path, body));
      }
    }
  }
}
