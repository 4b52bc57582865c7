package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The remaining Go gateway cases of spec 50 §7.1 that apply, and Cordum's {@code
 * demo_guardrails.sh} acceptance flow of §4.4 (its pack install aside: packs are not served), over
 * HTTP on one backend:
 *
 * <ul>
 *   <li>{@code TestApproveJobRejectsOnSnapshotMismatch}: the policy changes while a job waits for
 *       approval; approving it is 409 and the job keeps waiting;
 *   <li>{@code TestHandleRemediateJob}: the replacement keeps the original's labels but the removed
 *       ones, adds the remediation's, and takes its topic and capability;
 *   <li>{@code demo_guardrails.sh}: a workflow step held by policy is found through {@code
 *       /approvals?limit=1} ({@code .items[0].job.id}, and {@code job_id}), approved, and the run
 *       succeeds; a dangerous job is denied, shows on {@code /dlq/page?limit=1}, and is remediated
 *       with {@code {}}.
 * </ul>
 */
abstract class AcceptanceFlowsContract extends ApiFixture {
  static final String POLICY =
      """
      rules:
        - id: hold
          match: { topics: ["job.hold"] }
          decision: require_approval
          reason: needs a human
        - id: no-delete
          match: { topics: ["job.db.delete"] }
          decision: deny
          reason: deletes are blocked
          remediations:
            - id: archive
              title: Archive instead
              replacement_topic: job.test
              replacement_capability: db.archive
              add_labels: { policy: remediation }
              remove_labels: [env]
        - id: danger
          match: { topics: ["job.danger"] }
          decision: deny
          reason: too dangerous
          remediations:
            - id: safer
              replacement_topic: job.test
      """;

  @Override
  Cordum.Builder configure(Cordum.Builder b) {
    try {
      java.nio.file.Path p = java.nio.file.Files.createTempFile("cordum-gw-flows", ".yaml");
      java.nio.file.Files.writeString(p, POLICY);
      p.toFile().deleteOnExit();
      return b.policy(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String submit(String body) {
    Http.Resp r = http.post("/api/v1/jobs", body);
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
  void approvingAfterThePolicyChangedIsRefused() {
    String id = submit("{\"prompt\":\"p\",\"topic\":\"job.hold\"}");
    String before = awaitState(id, "APPROVAL_REQUIRED").get("safety_snapshot").asString();
    assertThat(
            http.put(
                    "/api/v1/policy/bundles/secops~flows",
                    "{\"content\":\"rules: [{id: "
                        + "block-y, match: {topics: [\\\"job.y\\\"]}, decision: deny}]\"}")
                .status())
        .isEqualTo(200);
    assertThat(http.post("/api/v1/policy/publish", "{}").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !before.equals(
                    http.post("/api/v1/policy/evaluate", "{\"topic\":\"job.hold\"}")
                        .json()
                        .get("policySnapshot")
                        .asString()));
    Http.Resp r = http.post("/api/v1/approvals/" + id + "/approve", "");
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.body()).startsWith("policy snapshot changed; re-evaluate before approving");
    assertThat(http.get("/api/v1/jobs/" + id).json().get("state").asString())
        .isEqualTo("APPROVAL_REQUIRED");
  }

  @Test
  void aRemediationRewritesTopicCapabilityAndLabels() {
    String id =
        submit(
            "{\"prompt\":\"drop it\",\"topic\":\"job.db.delete\","
                + "\"capability\":\"db.delete\",\"labels\":{\"env\":\"prod\",\"keep\":\"yes\"}}");
    awaitState(id, "DENIED");
    Http.Resp r =
        http.post("/api/v1/jobs/" + id + "/remediate", "{\"remediation_id\":" + "\"archive\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode fixed = http.get("/api/v1/jobs/" + r.json().get("job_id").asString()).json();
    assertThat(fixed.get("topic").asString()).isEqualTo("job.test");
    assertThat(fixed.get("capability").asString()).isEqualTo("db.archive");
    JsonNode labels = fixed.get("labels");
    assertThat(labels.has("env")).isFalse();
    assertThat(labels.get("keep").asString()).isEqualTo("yes");
    assertThat(labels.get("policy").asString()).isEqualTo("remediation");
    assertThat(labels.get("remediation_of").asString()).isEqualTo(id);
    assertThat(fixed.get("trace_id").asString())
        .isEqualTo(http.get("/api/v1/jobs/" + id).json().get("trace_id").asString());
  }

  @Test
  void demoGuardrailsFlow() {
    Http.Resp wf =
        http.post(
            "/api/v1/workflows",
            "{\"id\":\"demo-guardrails.approval\","
                + "\"name\":\"guardrails\",\"steps\":{\"risky\":{\"type\":\"worker\","
                + "\"topic\":\"job.hold\",\"input\":{\"op\":\"restart\"}}}}");
    assertThat(wf.status()).as(wf.toString()).isEqualTo(201);
    String run =
        http.post("/api/v1/workflows/demo-guardrails.approval/runs", "{}")
            .json()
            .get("run_id")
            .asString();
    String[] held = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode items = http.get("/api/v1/approvals?limit=1").json().get("items");
              if (items.isEmpty()) {
                return false;
              }
              held[0] = items.get(0).get("job").get("id").asString();
              return held[0].equals(items.get(0).get("job_id").asString())
                  && held[0].startsWith(run);
            });
    assertThat(http.post("/api/v1/approvals/" + held[0] + "/approve", "").status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "succeeded"
                    .equals(
                        http.get("/api/v1/workflow-runs/" + run).json().get("status").asString()));

    String dangerous = submit("{\"prompt\":\"drop\",\"topic\":\"job.danger\"}");
    String[] dead = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode items = http.get("/api/v1/dlq/page?limit=1").json().get("items");
              dead[0] = items.isEmpty() ? "" : items.get(0).get("job_id").asString();
              return dangerous.equals(dead[0]);
            });
    Http.Resp fix = http.post("/api/v1/jobs/" + dead[0] + "/remediate", "{}");
    assertThat(fix.status()).as(fix.toString()).isEqualTo(200);
    awaitState(fix.json().get("job_id").asString(), "SUCCEEDED");
  }
}
