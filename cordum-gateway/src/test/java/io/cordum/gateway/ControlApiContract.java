package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Approvals, remediation, DLQ, config, schemas, locks, policy, memory pointers and artifacts (spec
 * 50 §1.2-§1.10), with a safety policy that holds {@code job.hold} for approval and denies {@code
 * job.danger} with a remediation to {@code job.safe}; the Go cases of approvals_test.go,
 * dlq_test.go, config_schema_test.go, locks_test.go, policy*_test.go, artifacts_test.go.
 */
abstract class ControlApiContract extends ApiFixture {
  static final String POLICY =
      """
      rules:
        - id: hold
          match: { topics: ["job.hold"] }
          decision: require_approval
          reason: needs a human
        - id: danger
          match: { topics: ["job.danger"] }
          decision: deny
          reason: too dangerous
          remediations:
            - id: safer
              title: Use the safe topic
              replacement_topic: job.safe
        """;

  @Override
  Cordum.Builder configure(Cordum.Builder b) {
    try {
      Path p = Files.createTempFile("cordum-gw-policy", ".yaml");
      Files.writeString(p, POLICY);
      p.toFile().deleteOnExit();
      return b.policy(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String submit(String topic, String prompt) {
    Http.Resp r =
        http.post("/api/v1/jobs", "{\"prompt\":\"" + prompt + "\",\"topic\":\"" + topic + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
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
  void approveBindsTheDecisionAndRecordsWhoFromTheKey() {
    String id = submit("job.hold", "h1");
    awaitState(id, "APPROVAL_REQUIRED");
    JsonNode list = http.get("/api/v1/approvals?limit=1000").json();
    JsonNode item = null;
    for (JsonNode i : list.get("items")) {
      if (i.get("job_id").asString().equals(id)) {
        item = i;
      }
    }
    assertThat(item).isNotNull();
    assertThat(item.get("job").get("id").asString()).isEqualTo(id);
    assertThat(item.get("job_hash").asString()).isNotBlank();
    assertThat(item.get("policy_rule_id").asString()).isEqualTo("hold");
    Http.Resp ok =
        http.post(
            "/api/v1/approvals/" + id + "/approve",
            "{\"reason\":\"looks fine\",\"note\":\"ticket 42\"}",
            "X-Principal-Id",
            "mallory",
            "X-Principal-Role",
            "secops");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.fieldNames()).containsExactlyInAnyOrder("job_id", "trace_id");
    JsonNode job = awaitState(id, "SUCCEEDED");
    assertThat(job.get("approval_by").asString()).isEqualTo("alice");
    assertThat(job.get("approval_role").asString()).isEqualTo("admin");
    assertThat(job.get("approval_reason").asString()).isEqualTo("looks fine");
    assertThat(job.get("approval_note").asString()).isEqualTo("ticket 42");
    assertThat(job.get("approval_job_hash").asString()).isEqualTo(item.get("job_hash").asString());
    Http.Resp twice = http.post("/api/v1/approvals/" + id + "/approve", "");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body()).isEqualTo("job not awaiting approval\n");
    assertThat(http.post("/api/v1/approvals/nope/approve", "").status()).isEqualTo(404);
    assertThat(http.post("/api/v1/approvals/" + id + "/approve", "{bad").status()).isEqualTo(400);
  }

  @Test
  void rejectDeniesAndDeadLetters() {
    String id = submit("job.hold", "h2");
    awaitState(id, "APPROVAL_REQUIRED");
    Http.Resp r =
        http.post(
            "/api/v1/approvals/" + id + "/reject", "{\"reason\":\"nope\",\"note\":\"not safe\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("job_id").asString()).isEqualTo(id);
    JsonNode job = awaitState(id, "DENIED");
    assertThat(job.get("approval_by").asString()).isEqualTo("alice");
    assertThat(job.get("approval_reason").asString()).isEqualTo("nope");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> http.get("/api/v1/dlq?limit=1000").json().toString().contains(id));
  }

  @Test
  void approvalPagesAreExact() {
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      mine.add(submit("job.hold", "p" + i));
    }
    mine.forEach(id -> awaitState(id, "APPROVAL_REQUIRED"));
    Set<String> seen = new HashSet<>();
    String cursor = null;
    do {
      JsonNode p =
          http.get(
                  "/api/v1/approvals?limit=1"
                      + (cursor == null
                          ? ""
                          : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
              .json();
      p.get("items").forEach(i -> assertThat(seen.add(i.get("job_id").asString())).isTrue());
      cursor = p.get("next_cursor").isNull() ? null : p.get("next_cursor").asString();
    } while (cursor != null);
    assertThat(seen).containsAll(mine);
    mine.forEach(id -> http.post("/api/v1/approvals/" + id + "/reject", ""));
  }

  @Test
  void remediateSubmitsTheReplacement() {
    String id = submit("job.danger", "d");
    JsonNode denied = awaitState(id, "DENIED");
    assertThat(denied.get("safety_remediations").get(0).get("id").asString()).isEqualTo("safer");
    Http.Resp r = http.post("/api/v1/jobs/" + id + "/remediate", "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String fixed = r.json().get("job_id").asString();
    JsonNode job = awaitState(fixed, "SUCCEEDED");
    assertThat(job.get("topic").asString()).isEqualTo("job.safe");
    assertThat(
            http.post("/api/v1/jobs/" + id + "/remediate", "{\"remediation_id\":\"nope\"}")
                .status())
        .isEqualTo(404);
    assertThat(http.post("/api/v1/jobs/" + fixed + "/remediate", "{}").status()).isEqualTo(409);
    assertThat(http.post("/api/v1/jobs/" + id + "/remediate", "{bad").status()).isEqualTo(400);
  }

  @Test
  void deadLetterListPageRetryAndDelete() {
    String id = submit("job.test", "please fail");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get("/api/v1/dlq?limit=1000").json().toString().contains(id));
    JsonNode entry = null;
    for (JsonNode e : http.get("/api/v1/dlq?limit=1000").json()) {
      if (e.get("job_id").asString().equals(id)) {
        entry = e;
      }
    }
    assertThat(entry.get("reason_code").asString()).isEqualTo("boom");
    assertThat(entry.get("status").asString()).isEqualTo("JOB_STATUS_FAILED");
    JsonNode page = http.get("/api/v1/dlq/page?limit=1").json();
    assertThat(page.get("items").size()).isEqualTo(1);
    assertThat(page.has("next_cursor")).isTrue();
    Http.Resp one = http.get("/api/v1/dlq/" + id);
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().get("reason_code").asString()).isEqualTo("boom");
    assertThat(http.get("/api/v1/dlq/nope").status()).isEqualTo(404);
    assertThat(
            http.post("/api/v1/dlq/" + id + "/retry", "{\"input\":1,\"input_base64\":\"AA==\"}")
                .status())
        .isEqualTo(400);
    Http.Resp retry = http.post("/api/v1/dlq/" + id + "/retry", "{\"input\":\"fixed input\"}");
    assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
    String retried = retry.json().get("job_id").asString();
    assertThat(retried).startsWith(id + "-retry-");
    // The edited input reaches the worker (it echoes its input).
    assertThat(awaitState(retried, "SUCCEEDED").get("result").get("echo").asString())
        .isEqualTo("fixed input");
    assertThat(http.post("/api/v1/dlq/nope/retry", "").status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/dlq/" + id).status()).isEqualTo(204);
    assertThat(http.delete("/api/v1/dlq/" + id).status()).isEqualTo(204);
  }

  @Test
  void configSetGetEffectiveWithRevisions() {
    String team = "team-" + UUID.randomUUID();
    Http.Resp set =
        http.post(
            "/api/v1/config",
            "{\"scope\":\"team\",\"scope_id\":\""
                + team
                + "\",\"data\":{\"x\":{\"y\":1}},\"meta\":{\"by\":\"test\"}}");
    assertThat(set.status()).as(set.toString()).isEqualTo(204);
    JsonNode doc = http.get("/api/v1/config?scope=team&scope_id=" + team).json();
    assertThat(doc.get("data").get("x").get("y").asInt()).isEqualTo(1);
    assertThat(doc.get("revision").asLong()).isEqualTo(1);
    assertThat(doc.get("meta").get("by").asString()).isEqualTo("test");
    http.post(
        "/api/v1/config",
        "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"data\":{\"x\":{\"y\":2}}}");
    assertThat(
            http.get("/api/v1/config?scope=team&scope_id=" + team).json().get("revision").asLong())
        .isEqualTo(2);
    Http.Resp stale =
        http.post(
            "/api/v1/config",
            "{\"scope\":\"team\",\"scope_id\":\"" + team + "\",\"data\":{},\"revision\":1}");
    assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
    JsonNode eff = http.get("/api/v1/config/effective?team_id=" + team).json();
    assertThat(eff.get("data").get("x").get("y").asInt()).isEqualTo(2);
    assertThat(eff.get("hash").asString()).isNotBlank();
    assertThat(http.get("/api/v1/config?scope=team&scope_id=none-" + team).status()).isEqualTo(404);
    assertThat(http.post("/api/v1/config", "{\"data\":{}}").body()).isEqualTo("scope required\n");
    assertThat(http.post("/api/v1/config", "{\"scope\":\"team\",\"data\":{}}").body())
        .isEqualTo("scope_id required for non-system scope\n");
    assertThat(
            http.post(
                    "/api/v1/config", "{\"scope\":\"org\",\"scope_id\":\"other\"," + "\"data\":{}}")
                .status())
        .isEqualTo(403);
    assertThat(http.get("/api/v1/config?scope=galaxy").status()).isEqualTo(400);
    Http.Resp bad =
        http.post(
            "/api/v1/config",
            "{\"scope\":\"team\",\"scope_id\":\""
                + team
                + "\",\"data\":{\"timeouts\":{\"reconciler\":{\"dispatch_timeout_seconds\":-1}}}}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.body()).contains("dispatch_timeout_seconds");
  }

  @Test
  void schemasRegisterListGetDelete() {
    Http.Resp reg =
        http.post(
            "/api/v1/schemas",
            "{\"id\":\"test/schema\",\"schema\":" + "{\"type\":\"object\",\"required\":[\"a\"]}}");
    assertThat(reg.status()).as(reg.toString()).isEqualTo(204);
    assertThat(http.get("/api/v1/schemas").json().get("schemas").toString())
        .contains("test/schema");
    JsonNode got = http.get("/api/v1/schemas/test%2Fschema").json();
    assertThat(got.get("schema").get("required").get(0).asString()).isEqualTo("a");
    Http.Resp bad =
        http.post("/api/v1/schemas", "{\"id\":\"bad\",\"schema\":" + "{\"type\":\"objekt\"}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(http.post("/api/v1/schemas", "{\"schema\":{}}").body())
        .isEqualTo("schema id required\n");
    JsonNode valid = http.post("/api/v1/schemas/test%2Fschema/validate", "{\"a\":1}").json();
    assertThat(valid.get("valid").asBoolean()).isTrue();
    assertThat(valid.get("errors").size()).isZero();
    JsonNode invalid = http.post("/api/v1/schemas/test%2Fschema/validate", "[1]").json();
    assertThat(invalid.get("valid").asBoolean()).isFalse();
    assertThat(invalid.get("errors").get(0).get("keyword").asString()).isEqualTo("type");
    assertThat(http.post("/api/v1/schemas/test%2Fschema/validate", "{bad").status()).isEqualTo(400);
    assertThat(http.post("/api/v1/schemas/none/validate", "{}").status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/schemas/test%2Fschema").status()).isEqualTo(204);
    assertThat(http.get("/api/v1/schemas/test%2Fschema").status()).isEqualTo(404);
    assertThat(http.delete("/api/v1/schemas/test%2Fschema").status()).isEqualTo(204);
  }

  @Test
  void locksAcquireRenewRelease() {
    String res = "res-" + UUID.randomUUID();
    Http.Resp a =
        http.post(
            "/api/v1/locks/acquire",
            "{\"resource\":\""
                + res
                + "\",\"owner\":\"o1\",\"mode\":\"exclusive\",\"ttl_ms\":60000}");
    assertThat(a.status()).as(a.toString()).isEqualTo(200);
    assertThat(a.json().get("owners").get("o1").asInt()).isEqualTo(1);
    assertThat(http.get("/api/v1/locks?resource=" + res).json().get("mode").asString())
        .isEqualTo("exclusive");
    Http.Resp busy =
        http.post("/api/v1/locks/acquire", "{\"resource\":\"" + res + "\",\"owner\":\"o2\"}");
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.body()).isEqualTo("lock unavailable\n");
    assertThat(
            http.post(
                    "/api/v1/locks/renew",
                    "{\"resource\":\"" + res + "\",\"owner\":\"o1\",\"ttl_ms\":60000}")
                .status())
        .isEqualTo(200);
    Http.Resp rel =
        http.post("/api/v1/locks/release", "{\"resource\":\"" + res + "\",\"owner\":\"o1\"}");
    assertThat(rel.status()).isEqualTo(200);
    assertThat(rel.json().get("released").asBoolean()).isTrue();
    assertThat(
            http.post("/api/v1/locks/release", "{\"resource\":\"" + res + "\",\"owner\":\"o1\"}")
                .status())
        .isEqualTo(409);
    assertThat(
            http.post("/api/v1/locks/renew", "{\"resource\":\"" + res + "\",\"owner\":\"o1\"}")
                .status())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/locks").body()).isEqualTo("resource required\n");
    assertThat(http.get("/api/v1/locks?resource=" + res).status()).isEqualTo(404);
    assertThat(http.post("/api/v1/locks/acquire", "{\"resource\":\"x\"}").body())
        .isEqualTo("resource and owner required\n");
  }

  @Test
  void policyDecisionsAndBundles() {
    JsonNode d = http.post("/api/v1/policy/evaluate", "{\"topic\":\"job.hold\"}").json();
    assertThat(d.get("decision").asString()).isEqualTo("DECISION_TYPE_REQUIRE_HUMAN");
    assertThat(d.get("ruleId").asString()).isEqualTo("hold");
    assertThat(d.has("redactedContextPtr")).isTrue();
    assertThat(d.get("remediations").isArray()).isTrue();
    JsonNode e = http.post("/api/v1/policy/explain", "{\"topic\":\"job.danger\"}").json();
    assertThat(e.get("decision").asString()).isEqualTo("DECISION_TYPE_DENY");
    assertThat(e.get("trace").size()).isPositive();
    assertThat(
            http.post("/api/v1/policy/simulate", "{\"topic\":\"job.test\"}")
                .json()
                .get("decision")
                .asString())
        .isEqualTo("DECISION_TYPE_ALLOW");
    assertThat(http.post("/api/v1/policy/evaluate", "{}").body()).isEqualTo("topic is required\n");
    assertThat(
            http.post("/api/v1/policy/evaluate", "{\"topic\":\"job.x\",\"tenant\":\"other\"}")
                .status())
        .isEqualTo(403);
    assertThat(http.get("/api/v1/policy/snapshots").json().get("snapshots").size()).isPositive();

    String bundle = "rules: [{id: block-x, match: {topics: [\\\"job.x\\\"]}, decision: deny}]";
    Http.Resp put =
        http.put(
            "/api/v1/policy/bundles/secops~test",
            "{\"content\":\"" + bundle + "\",\"enabled\":false}");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    assertThat(http.put("/api/v1/policy/bundles/core", "{\"content\":\"rules: []\"}").body())
        .isEqualTo("bundle id must start with secops/\n");
    assertThat(
            http.put(
                    "/api/v1/policy/bundles/secops~bad",
                    "{\"content\":\"rules: [{id: x, decision: maybe}]\"}")
                .body())
        .startsWith("invalid policy content: ");
    assertThat(http.get("/api/v1/policy/bundles/secops~test").json().get("content").asString())
        .contains("block-x");
    assertThat(http.get("/api/v1/policy/bundles/x?bundle_id=secops/test").status()).isEqualTo(200);
    assertThat(http.get("/api/v1/policy/bundles/secops~none").status()).isEqualTo(404);
    JsonNode list = http.get("/api/v1/policy/bundles").json();
    assertThat(list.get("bundles").has("secops/test")).isTrue();
    assertThat(list.get("items").get(0).get("source").asString()).isEqualTo("secops");
    JsonNode sim =
        http.post(
                "/api/v1/policy/bundles/secops~test/simulate",
                "{\"request\":{\"topic\":\"job.x\"}}")
            .json();
    assertThat(sim.get("decision").asString()).isEqualTo("DECISION_TYPE_DENY");
    JsonNode snap = http.post("/api/v1/policy/bundles/snapshots", "{\"note\":\"n1\"}").json();
    assertThat(http.get("/api/v1/policy/bundles/snapshots").json().toString())
        .contains(snap.get("id").asString());
    assertThat(
            http.get("/api/v1/policy/bundles/snapshots/" + snap.get("id").asString())
                .json()
                .get("note")
                .asString())
        .isEqualTo("n1");
    Http.Resp pub = http.post("/api/v1/policy/publish", "{}");
    assertThat(pub.status()).as(pub.toString()).isEqualTo(200);
    assertThat(pub.json().get("published").toString()).contains("secops/test");
    assertThat(http.get("/api/v1/policy/rules").json().toString()).contains("block-x");
    Http.Resp rb =
        http.post(
            "/api/v1/policy/rollback", "{\"snapshot_id\":\"" + snap.get("id").asString() + "\"}");
    assertThat(rb.status()).as(rb.toString()).isEqualTo(200);
    assertThat(rb.json().get("rollback_to").asString()).isEqualTo(snap.get("id").asString());
    assertThat(http.post("/api/v1/policy/rollback", "{\"snapshot_id\":\"none\"}").status())
        .isEqualTo(404);
    assertThat(http.post("/api/v1/policy/rollback", "{}").status()).isEqualTo(400);
    JsonNode audit = http.get("/api/v1/policy/audit").json();
    assertThat(audit.get("items").get(0).get("actor_id").asString()).isEqualTo("alice");
  }

  @Test
  void memoryPointersAndArtifacts() {
    String id = submit("job.test", "m");
    awaitState(id, "SUCCEEDED");
    JsonNode ctx = http.get("/api/v1/memory?ptr=redis://ctx:" + id).json();
    assertThat(ctx.get("kind").asString()).isEqualTo("context");
    assertThat(ctx.get("key").asString()).isEqualTo("ctx:" + id);
    assertThat(ctx.get("json").get("prompt").asString()).isEqualTo("m");
    assertThat(http.get("/api/v1/memory?key=res:" + id).json().get("kind").asString())
        .isEqualTo("result");
    assertThat(http.get("/api/v1/memory?ptr=redis://res:missing").status()).isEqualTo(404);
    assertThat(http.get("/api/v1/memory?key=mem:x").status()).isEqualTo(501);
    assertThat(http.get("/api/v1/memory").body()).isEqualTo("missing ptr or key\n");
    assertThat(http.get("/api/v1/memory?key=zzz:1").status()).isEqualTo(400);

    Http.Resp put =
        http.post(
            "/api/v1/artifacts",
            "{\"content\":\"hello\","
                + "\"content_type\":\"text/plain\",\"retention\":\"short\",\"labels\":{\"a\":\"b\"}}");
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    String ptr = put.json().get("artifact_ptr").asString();
    assertThat(ptr).startsWith("redis://art:");
    Http.Resp get = http.get("/api/v1/artifacts/" + URLEncoder.encode(ptr, StandardCharsets.UTF_8));
    assertThat(get.status()).as(get.toString()).isEqualTo(200);
    assertThat(
            new String(
                Base64.getDecoder().decode(get.json().get("content_base64").asString()),
                StandardCharsets.UTF_8))
        .isEqualTo("hello");
    assertThat(get.json().get("metadata").get("retention").asString()).isEqualTo("short");
    assertThat(http.post("/api/v1/artifacts?max_bytes=3", "{\"content\":\"hello\"}").status())
        .isEqualTo(413);
    assertThat(http.post("/api/v1/artifacts", "{\"content_base64\":\"!!\"}").body())
        .isEqualTo("invalid base64 content\n");
    assertThat(http.post("/api/v1/artifacts", "{}").body()).isEqualTo("content required\n");
    assertThat(http.get("/api/v1/artifacts/redis%3A%2F%2Fart%3Anope").status()).isEqualTo(404);
  }
}
