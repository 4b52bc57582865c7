package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import io.cordum.core.scheduler.RetryPolicy;
import io.cordum.core.scheduler.TimeoutConfig;
import io.cordum.gateway.auth.AuthProvider;
import io.cordum.gateway.auth.AuthRequest;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the web console needs from the API, on each backend: who the caller is and what it may do
 * ({@code /auth/whoami}), a job's state history, why a job or a step waits (no workers, approval,
 * backoff, running, dependencies), jobs per state, throughput, and a DLQ retry with edited input.
 */
abstract class ConsoleApiContract extends ApiFixture {
  static final String POLICY =
      """
      rules:
        - id: hold
          match: { topics: ["job.hold"] }
          decision: require_approval
          reason: needs a human
      """;

  @Override
  Cordum.Builder configure(Cordum.Builder b) {
    try {
      Path p = Files.createTempFile("cordum-console-api", ".yaml");
      Files.writeString(p, POLICY);
      p.toFile().deleteOnExit();
      // job.safe retries once after a long backoff; every other topic fails at once.
      return b.policy(p)
          .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMinutes(10)).build())
          .timeouts(TimeoutConfig.parse("topics: {job.safe: {max_retries: 1}}"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String submit(String body) {
    Http.Resp r = http.post("/api/v1/jobs", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("job_id").asString();
  }

  JsonNode awaitJob(String id, String state) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              last[0] = http.get("/api/v1/jobs/" + id).json();
              return last[0].get("state").asString().equals(state);
            });
    return last[0];
  }

  @Test
  void whoamiNamesTheCallerAndItsPermissions() {
    JsonNode me = http.get("/api/v1/auth/whoami").json();
    assertThat(me.get("principal").asString()).isEqualTo("alice");
    assertThat(me.get("tenant").asString()).isEqualTo("default");
    assertThat(me.get("role").asString()).isEqualTo("admin");
    List<String> perms = new ArrayList<>();
    me.get("permissions").forEach(p -> perms.add(p.asString()));
    assertThat(perms)
        .contains("jobs.read", "jobs.submit", "dlq.manage", "policy.write")
        .doesNotContain("public", "authenticated");
    assertThat(anon.get("/api/v1/auth/whoami").status()).isEqualTo(401);
  }

  @Test
  void aJobsStateHistoryIsOldestFirst() {
    String id = submit("{\"topic\":\"job.test\",\"prompt\":\"history\"}");
    awaitJob(id, "SUCCEEDED");
    JsonNode h = http.get("/api/v1/jobs/" + id + "/history").json();
    List<String> states = new ArrayList<>();
    long last = 0;
    for (JsonNode e : h) {
      states.add(e.get("state").asString());
      assertThat(e.get("at_us").asLong()).isGreaterThanOrEqualTo(last);
      assertThat(e.get("at").asString()).endsWith("Z");
      last = e.get("at_us").asLong();
    }
    assertThat(states.get(0)).isEqualTo("PENDING");
    // RUNNING is written after the publish; a fast worker's result may land first (SCHEDULED ->
    // SUCCEEDED is legal), so the history holds SCHEDULED and maybe RUNNING.
    assertThat(states).contains("SCHEDULED").endsWith("SUCCEEDED");
    assertThat(http.get("/api/v1/jobs/nope/history").status()).isEqualTo(404);
    JsonNode done = http.get("/api/v1/jobs/" + id).json();
    assertThat(done.get("waiting").isNull()).isTrue();
  }

  @Test
  void aJobThatNoWorkerCanTakeSaysSo() {
    String id =
        submit("{\"topic\":\"job.test\",\"prompt\":\"x\",\"labels\":{\"region\":\"mars\"}}");
    JsonNode[] j = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              j[0] = http.get("/api/v1/jobs/" + id).json();
              return j[0].path("waiting").path("code").asString().equals("no_workers");
            });
    JsonNode w = j[0].get("waiting");
    assertThat(j[0].get("state").asString()).isEqualTo("PENDING");
    assertThat(w.get("summary").asString()).contains("No live worker");
    assertThat(w.get("detail").asString()).contains("pool \"test\"").contains("mars");
    assertThat(w.get("until").asString()).isNotBlank();
    assertThat(j[0].get("wake_at").asLong()).isPositive();
    JsonNode listed = http.get("/api/v1/jobs?state=PENDING&limit=1000").json();
    boolean found = false;
    for (JsonNode r : listed.get("items")) {
      if (r.get("id").asString().equals(id)) {
        found = true;
        assertThat(r.get("waiting").get("code").asString()).isEqualTo("no_workers");
      }
    }
    assertThat(found).isTrue();
    http.post("/api/v1/jobs/" + id + "/cancel", "");
  }

  @Test
  void heldRetriedAndRunningJobsSayWhy() {
    String held = submit("{\"topic\":\"job.hold\",\"prompt\":\"x\"}");
    JsonNode h = awaitJob(held, "APPROVAL_REQUIRED").get("waiting");
    assertThat(h.get("code").asString()).isEqualTo("approval");
    assertThat(h.get("summary").asString()).contains("approve").contains("rule hold");

    String retried = submit("{\"topic\":\"job.safe\",\"prompt\":\"fail once\"}");
    JsonNode[] r = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              r[0] = http.get("/api/v1/jobs/" + retried).json();
              return r[0].path("waiting").path("code").asString().equals("backoff");
            });
    assertThat(r[0].get("waiting").get("summary").asString()).contains("Attempt 1 failed (boom)");
    assertThat(r[0].get("waiting").get("until").asString()).isNotBlank();

    String slow = submit("{\"topic\":\"job.test\",\"prompt\":\"slow\"}");
    JsonNode s = awaitJob(slow, "RUNNING").get("waiting");
    assertThat(s.get("code").asString()).isEqualTo("running");
    http.post("/api/v1/jobs/" + slow + "/cancel", "");
    http.post("/api/v1/jobs/" + retried + "/cancel", "");
    http.post("/api/v1/approvals/" + held + "/reject", "{}");
  }

  @Test
  void jobsAreCountedPerStateUpToACap() {
    String a = submit("{\"topic\":\"job.test\",\"prompt\":\"count a\"}");
    String b = submit("{\"topic\":\"job.test\",\"prompt\":\"count b\"}");
    awaitJob(a, "SUCCEEDED");
    awaitJob(b, "SUCCEEDED");
    JsonNode c = http.get("/api/v1/jobs/counts").json();
    assertThat(c.get("counts").size()).isEqualTo(10);
    assertThat(c.get("counts").get("SUCCEEDED").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(c.get("tenant").asString()).isEqualTo("default");
    JsonNode capped = http.get("/api/v1/jobs/counts?cap=1&states=succeeded,failed").json();
    assertThat(capped.get("counts").propertyNames()).containsExactly("SUCCEEDED", "FAILED");
    assertThat(capped.get("counts").get("SUCCEEDED").asInt()).isEqualTo(1);
    assertThat(capped.get("capped").toString()).contains("SUCCEEDED");
    assertThat(http.get("/api/v1/jobs/counts?cap=0").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs/counts?states=bogus").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/jobs/counts?tenant=other").status()).isEqualTo(403);
  }

  @Test
  void throughputCountsResultsSeenOnTheBus() {
    String id = submit("{\"topic\":\"job.test\",\"prompt\":\"rate\"}");
    awaitJob(id, "SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonNode t = http.get("/api/v1/stats/throughput").json();
              long ok = 0;
              for (JsonNode bucket : t.get("buckets")) {
                ok += bucket.get("succeeded").asLong();
              }
              return t.get("bucket_seconds").asInt() == 30
                  && t.get("buckets").size() == 30
                  && ok >= 1;
            });
  }

  @Test
  void aDeadLetterIsRetriedWithNewInput() {
    String id = submit("{\"topic\":\"job.test\",\"prompt\":\"fail now\"}");
    awaitJob(id, "FAILED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> http.get("/api/v1/dlq/page").body().contains(id));
    Http.Resp r =
        http.post("/api/v1/dlq/" + id + "/retry", "{\"input\":{\"prompt\":\"pass now\"}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String next = r.json().get("job_id").asString();
    JsonNode done = awaitJob(next, "SUCCEEDED");
    assertThat(done.get("context").get("prompt").asString()).isEqualTo("pass now");
    assertThat(done.get("result").get("echo").asString()).contains("pass now");

    String other = submit("{\"topic\":\"job.test\",\"prompt\":\"fail again\"}");
    awaitJob(other, "FAILED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> http.get("/api/v1/dlq/page").body().contains(other));
    assertThat(http.post("/api/v1/dlq/" + other + "/retry", "{\"input_base64\":\"!!\"}").status())
        .isEqualTo(400);
    Http.Resp plain = http.post("/api/v1/dlq/" + other + "/retry", "{\"input\":\"plain text\"}");
    JsonNode p = awaitJob(plain.json().get("job_id").asString(), "SUCCEEDED");
    assertThat(p.get("context").asString()).isEqualTo("plain text");
  }

  @Test
  void runStepsSayWhatTheyWaitFor() {
    Http.Resp created =
        http.post(
            "/api/v1/workflows",
            "{\"name\":\"why\",\"steps\":{"
                + "\"ok\":{\"type\":\"approval\"},"
                + "\"after\":{\"type\":\"worker\",\"topic\":\"job.test\",\"depends_on\":[\"ok\"]}}}");
    String wf = created.json().get("id").asString();
    String run =
        http.post("/api/v1/workflows/" + wf + "/runs", "{}").json().get("run_id").asString();
    JsonNode[] r = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              r[0] = http.get("/api/v1/workflow-runs/" + run).json();
              return r[0].path("steps").path("ok").path("status").asString().equals("waiting");
            });
    JsonNode ok = r[0].get("steps").get("ok").get("waiting");
    assertThat(ok.get("code").asString()).isEqualTo("approval");
    JsonNode after = r[0].get("steps").get("after").get("waiting");
    assertThat(after.get("code").asString()).isEqualTo("dependencies");
    assertThat(after.get("summary").asString()).contains("step ok");
    http.post(
        "/api/v1/workflows/" + wf + "/runs/" + run + "/steps/ok/approve", "{\"approved\":true}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                http.get("/api/v1/workflow-runs/" + run)
                    .json()
                    .get("status")
                    .asString()
                    .equals("succeeded"));
    JsonNode done = http.get("/api/v1/workflow-runs/" + run).json();
    assertThat(done.get("steps").get("after").has("waiting")).isFalse();
  }

  /** A provider that authenticates one key and grants nothing. */
  static final class NothingAllowed implements AuthProvider {
    @Override
    public Optional<Principal> authenticate(AuthRequest request) {
      return "k".equals(request.apiKey())
          ? Optional.of(Principal.of("nobody", "default", "none", "k"))
          : Optional.empty();
    }

    @Override
    public boolean authorize(Principal principal, Permission permission) {
      return false;
    }
  }

  @Test
  void whoamiAnswersForAnyProviderEvenOneThatGrantsNothing() {
    try (Gateway g =
            Gateway.builder()
                .cordum(cordum)
                .authProvider(new NothingAllowed())
                .config(GatewayConfig.builder().port(0).build())
                .build()
                .start();
        Gateway v =
            Gateway.builder()
                .cordum(cordum)
                .authProvider(new RoleKeys("default"))
                .config(GatewayConfig.builder().port(0).build())
                .build()
                .start()) {
      Http h = new Http(g.uri()).with("X-API-Key", "k");
      JsonNode me = h.get("/api/v1/auth/whoami").json();
      assertThat(me.get("principal").asString()).isEqualTo("nobody");
      assertThat(me.get("permissions").size()).isZero();
      assertThat(h.get("/api/v1/jobs").status()).isEqualTo(403);
      JsonNode viewer =
          new Http(v.uri()).with("X-API-Key", RoleKeys.VIEWER).get("/api/v1/auth/whoami").json();
      List<String> perms = new ArrayList<>();
      viewer.get("permissions").forEach(p -> perms.add(p.asString()));
      assertThat(perms)
          .contains("jobs.read", "dlq.read", "stream.read")
          .doesNotContain("jobs.submit", "dlq.manage", "runs.manage", "memory.read");
    }
  }
}
