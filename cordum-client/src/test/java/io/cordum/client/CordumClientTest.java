package io.cordum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cordum.client.model.ApprovalItem;
import io.cordum.client.model.Artifact;
import io.cordum.client.model.ArtifactRef;
import io.cordum.client.model.ArtifactUpload;
import io.cordum.client.model.BundleEdit;
import io.cordum.client.model.BundleSnapshot;
import io.cordum.client.model.CancelResult;
import io.cordum.client.model.ConfigDocument;
import io.cordum.client.model.ConfigScope;
import io.cordum.client.model.ConfigWrite;
import io.cordum.client.model.DeadLetter;
import io.cordum.client.model.JobDetail;
import io.cordum.client.model.JobQuery;
import io.cordum.client.model.JobState;
import io.cordum.client.model.JobSummary;
import io.cordum.client.model.LockInfo;
import io.cordum.client.model.LockMode;
import io.cordum.client.model.MemoryEntry;
import io.cordum.client.model.PolicyCheckRequest;
import io.cordum.client.model.PolicyDecision;
import io.cordum.client.model.Retention;
import io.cordum.client.model.RunQuery;
import io.cordum.client.model.RunStatus;
import io.cordum.client.model.SchemaValidation;
import io.cordum.client.model.StartRunOptions;
import io.cordum.client.model.StreamEvent;
import io.cordum.client.model.StreamFilter;
import io.cordum.client.model.SubmitJobRequest;
import io.cordum.client.model.SubmittedJob;
import io.cordum.client.model.TimelineEvent;
import io.cordum.client.model.Workflow;
import io.cordum.client.model.WorkflowRun;
import io.cordum.client.model.WorkflowStep;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the gateway through the client, against a real gateway on a free port over an
 * in-memory control plane; each value read is also checked to keep every field the gateway sent
 * ({@link WireFidelity}).
 */
class CordumClientTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static TestGateway gw;
  static CordumClient client;

  @BeforeAll
  static void start() {
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    gw = TestGateway.start();
    client = gw.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  static String submit(String topic, Object context) {
    return client
        .jobs()
        .submit(SubmitJobRequest.builder("p").topic(topic).context(context).build())
        .jobId();
  }

  @Test
  void statusHealthAndWorkers() {
    assertThat(client.health()).isTrue();
    var s = client.status();
    assertThat(s.nats().status()).isEqualTo("in-memory");
    assertThat(s.backends()).isNotEmpty();
    assertThat(s.uptimeSeconds()).isGreaterThanOrEqualTo(0);
    // Two reads of the status can straddle a second (its time and uptime): compare a pair read
    // within one.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/status"), client.status()));
    await().atMost(WAIT).until(() -> !client.workers().isEmpty());
    var w = client.workers().get(0);
    assertThat(w.workerId()).isEqualTo("w1");
    assertThat(w.pool()).isEqualTo("test");
    assertThat(w.lastSeen()).isNotNull();
  }

  @Test
  void submitFollowReadAndTrace() {
    SubmitJobRequest req =
        SubmitJobRequest.builder("say hi")
            .topic("job.test")
            .context(Map.of("msg", "hi"))
            .riskTags(List.of("low"))
            .packId("demo")
            .actorType("service")
            .build();
    SubmittedJob s = client.jobs().submit(req);
    assertThat(s.jobId()).isNotBlank();
    assertThat(s.traceId()).isNotBlank();
    List<JobState> seen = Collections.synchronizedList(new ArrayList<>());
    JobDetail done = client.jobs().await(s.jobId(), WAIT, j -> seen.add(j.state()));
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(seen).last().isEqualTo(JobState.SUCCEEDED);
    assertThat(done.riskTags()).contains("low");
    assertThat(done.packId()).isEqualTo("demo");
    assertThat(done.actorType()).isEqualTo("service");
    assertThat(done.createdAt()).isBeforeOrEqualTo(done.updatedAt());
    @SuppressWarnings("unchecked")
    Map<String, Object> ctx = (Map<String, Object>) done.context();
    assertThat(ctx).containsEntry("prompt", "say hi");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) done.result();
    assertThat(result.get("echo").toString()).contains("\"msg\":\"hi\"");
    WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/jobs/" + s.jobId()), done);

    List<JobSummary> trace = client.jobs().trace(s.traceId());
    assertThat(trace).extracting(JobSummary::id).containsExactly(s.jobId());
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/traces/" + s.traceId()).get(0), trace.get(0));
    var decisions = client.jobs().decisions(s.jobId(), 0);
    assertThat(decisions).isNotEmpty();
    assertThat(decisions.get(0).decision()).isEqualTo("ALLOW");
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/jobs/" + s.jobId() + "/decisions").get(0), decisions.get(0));
  }

  @Test
  void keyedSubmitIsIdempotent() {
    String key = "k-" + UUID.randomUUID();
    SubmitJobRequest req =
        SubmitJobRequest.builder("once").topic("job.test").idempotencyKey(key).build();
    assertThat(client.jobs().submit(req).jobId()).isEqualTo(client.jobs().submit(req).jobId());
  }

  @Test
  void listingPagesAreExactAndStreamWalksThemAll() {
    Instant before = Instant.now().minusSeconds(1);
    String topic = "job.test";
    Set<String> mine = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      mine.add(submit(topic, "list " + i));
    }
    JobQuery q = JobQuery.builder().limit(2).topic(topic).updatedAfter(before).build();
    Page<JobSummary> first = client.jobs().list(q);
    assertThat(first.items()).hasSize(2);
    assertThat(first.hasNext()).isTrue();
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/jobs?limit=2&topic=" + topic).get("items").get(0),
        client.jobs().list(JobQuery.builder().limit(2).topic(topic).build()).items().get(0));
    List<String> all = client.jobs().stream(q).map(JobSummary::id).toList();
    assertThat(all).doesNotHaveDuplicates().containsAll(mine);
    assertThatThrownBy(() -> client.jobs().list(JobQuery.builder().cursor("garbage").build()))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("cursor is not valid");
  }

  @Test
  void cancelIsSafeToRepeat() {
    String id = submit("job.test", "slow");
    await().atMost(WAIT).until(() -> client.jobs().get(id).state() == JobState.RUNNING);
    CancelResult c = client.jobs().cancel(id);
    assertThat(c.cancelled()).isTrue();
    CancelResult again = client.jobs().cancel(id);
    assertThat(again.cancelled()).isFalse();
    assertThat(again.reason()).isEqualTo("job already terminal");
    assertThat(client.jobs().await(id, WAIT, null).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void errorsAreTypedAndCarryCodeAndRequestId() {
    assertThatThrownBy(() -> client.jobs().get("no-such-job"))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo("job_not_found");
              assertThat(e.detail()).isEqualTo("job not found");
              assertThat(e.requestId()).isNotBlank();
              assertThat(e.getMessage())
                  .isEqualTo(
                      "job not found (404 job_not_found, GET "
                          + "/api/v1/jobs/no-such-job, request id "
                          + e.requestId()
                          + ")");
            });
    assertThatThrownBy(
            () -> client.jobs().submit(SubmitJobRequest.builder("x").topic("nope").build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("invalid_argument");
              assertThat(e.detail()).isEqualTo("topic must start with job.");
            });
    assertThatThrownBy(
            () ->
                client
                    .jobs()
                    .submit(
                        SubmitJobRequest.builder("x")
                            .topic("job.test")
                            .orgId("other-tenant")
                            .build()))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.unauthenticated()).isFalse();
              assertThat(e.errorCode()).isEqualTo("tenant_access_denied");
            });
    try (CordumClient anon = CordumClient.builder().gateway(gw.url()).build()) {
      assertThatThrownBy(anon::status)
          .isInstanceOfSatisfying(
              AuthException.class, e -> assertThat(e.unauthenticated()).isTrue());
      assertThat(anon.health()).isTrue(); // /health needs no key
    }
  }

  @Test
  void idsAreEscapedInPaths() {
    client.schemas().register("team a/schema:1", Map.of("type", "object"));
    assertThat(client.schemas().get("team a/schema:1").id()).isEqualTo("team a/schema:1");
    client.schemas().delete("team a/schema:1");
    assertThatThrownBy(() -> client.jobs().get("../status")).isInstanceOf(NotFoundException.class);
    // A dot segment is refused by the gateway even encoded (no id can be "..").
    assertThatThrownBy(() -> client.jobs().get(".."))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.errorCode()).isEqualTo("invalid_path"));
  }

  @Test
  void remediationOfADeniedJob() {
    String id = submit("job.danger", "risky");
    JobDetail denied = client.jobs().await(id, WAIT, null);
    assertThat(denied.state()).isEqualTo(JobState.DENIED);
    assertThat(denied.safetyRemediations()).extracting(r -> r.id()).containsExactly("safer");
    SubmittedJob fixed = client.jobs().remediate(id, null);
    JobDetail done = client.jobs().await(fixed.jobId(), WAIT, null);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.topic()).isEqualTo("job.safe");
    assertThatThrownBy(() -> client.jobs().remediate(fixed.jobId(), null))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.jobs().remediate(id, "nope"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void approvalsListApproveAndReject() {
    String a = submit("job.hold", "approve me");
    String b = submit("job.hold", "reject me");
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.jobs().get(a).state() == JobState.APPROVAL_REQUIRED
                    && client.jobs().get(b).state() == JobState.APPROVAL_REQUIRED);
    List<ApprovalItem> waiting = client.approvals().stream(1).toList();
    assertThat(waiting).extracting(ApprovalItem::jobId).contains(a, b).doesNotHaveDuplicates();
    ApprovalItem item = waiting.stream().filter(i -> i.jobId().equals(a)).findFirst().orElseThrow();
    assertThat(item.policyRuleId()).isEqualTo("hold");
    assertThat(item.job().state()).isEqualTo(JobState.APPROVAL_REQUIRED);
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/approvals?limit=1000").get("items").get(0),
        client.approvals().list(1000, null).items().get(0));

    SubmittedJob approved = client.approvals().approve(a, "fine", "ticket 1");
    assertThat(approved.jobId()).isEqualTo(a);
    JobDetail done = client.jobs().await(a, WAIT, null);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.approvalBy()).isEqualTo("alice");
    assertThat(done.approvalReason()).isEqualTo("fine");
    assertThat(done.approvalGranted()).isTrue();
    assertThat(done.approvalAt()).isNotNull();
    assertThatThrownBy(() -> client.approvals().approve(a, null, null))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> assertThat(e.detail()).isEqualTo("job not awaiting approval"));

    client.approvals().reject(b, "no", null);
    assertThat(client.jobs().await(b, WAIT, null).state()).isEqualTo(JobState.DENIED);
  }

  @Test
  void deadLettersShowRetryWithEditedInputAndDelete() {
    String id = submit("job.test", "please fail");
    await().atMost(WAIT).until(() -> client.dlq().stream(100).anyMatch(d -> d.jobId().equals(id)));
    DeadLetter d = client.dlq().get(id);
    assertThat(d.reasonCode()).isEqualTo("boom");
    assertThat(d.status()).isEqualTo("JOB_STATUS_FAILED");
    assertThat(d.createdAt()).isNotNull();
    WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/dlq/" + id), d);
    JobDetail failed = client.jobs().get(id);
    assertThat(failed.deadLettered()).isTrue();
    assertThat(failed.errorCode()).isEqualTo("boom");

    SubmittedJob retried = client.dlq().retryWithInput(id, "now it works");
    JobDetail ok = client.jobs().await(retried.jobId(), WAIT, null);
    assertThat(ok.state()).isEqualTo(JobState.SUCCEEDED);
    @SuppressWarnings("unchecked")
    Map<String, Object> echo = (Map<String, Object>) ok.result();
    assertThat(echo).containsEntry("echo", "now it works");
    assertThatThrownBy(() -> client.dlq().get(id)).isInstanceOf(NotFoundException.class);

    String id2 = submit("job.test", "fail again");
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.dlq().list(1000, null).items().stream()
                    .anyMatch(x -> x.jobId().equals(id2)));
    SubmittedJob plain = client.dlq().retry(id2);
    assertThat(plain.jobId()).startsWith(id2 + "-retry-");
    String id3 = submit("job.test", "fail to delete");
    await().atMost(WAIT).until(() -> client.dlq().stream(2).anyMatch(x -> x.jobId().equals(id3)));
    client.dlq().delete(id3);
    client.dlq().delete(id3);
    assertThatThrownBy(() -> client.dlq().retry(id3)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void workflowsAndRunsEndToEnd() {
    Workflow wf =
        Workflow.builder("client-test")
            .id("wf-" + UUID.randomUUID())
            .description("approve then echo")
            .step("approve", WorkflowStep.builder("approval").name("Approve").build())
            .step(
                "echo",
                WorkflowStep.worker("job.test")
                    .dependsOn("approve")
                    .input("x", "${input.x}")
                    .build())
            .build();
    String wfId = client.workflows().create(wf);
    assertThat(wfId).isEqualTo(wf.id());
    Workflow stored = client.workflows().get(wfId);
    assertThat(stored.steps()).containsOnlyKeys("approve", "echo");
    assertThat(stored.steps().get("echo").dependsOn()).containsExactly("approve");
    assertThat(stored.revision()).isPositive();
    WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/workflows/" + wfId), stored);
    assertThat(client.workflows().list(0)).extracting(Workflow::id).contains(wfId);

    String key = "start-" + UUID.randomUUID();
    StartRunOptions opts = StartRunOptions.builder().input("x", 7).idempotencyKey(key).build();
    String runId = client.runs().start(wfId, opts);
    assertThat(client.runs().start(wfId, opts)).isEqualTo(runId);
    await()
        .atMost(WAIT)
        .until(
            () ->
                "waiting"
                    .equals(
                        client
                            .runs()
                            .get(runId)
                            .steps()
                            .getOrDefault(
                                "approve",
                                new io.cordum.client.model.StepRun(
                                    null, null, null, null, null, 0, null, null, null, null, null,
                                    null, null, null, null, null, null, null))
                            .status()));
    assertThatThrownBy(() -> client.runs().approveStep(runId, "echo", true, null))
        .isInstanceOf(CordumClientException.class);
    client.runs().approveStep(runId, "approve", true, "go");
    List<String> changes = Collections.synchronizedList(new ArrayList<>());
    WorkflowRun done = client.runs().await(runId, WAIT, r -> changes.add(r.status().name()));
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.steps().get("approve").decidedBy()).isEqualTo("alice");
    assertThat(changes).last().isEqualTo("SUCCEEDED");
    WireFidelity.assertKeeps(WireFidelity.raw(gw, "/api/v1/workflow-runs/" + runId), done);

    List<TimelineEvent> tl = client.runs().timeline(runId, 0);
    assertThat(tl).isNotEmpty();
    assertThat(tl).extracting(TimelineEvent::seq).isSorted();
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/workflow-runs/" + runId + "/timeline").get(0), tl.get(0));

    assertThat(client.workflows().runs(wfId, 0)).extracting(WorkflowRun::id).contains(runId);
    RunQuery q = RunQuery.builder().workflowId(wfId).status(RunStatus.SUCCEEDED).limit(1).build();
    assertThat(client.runs().stream(q).map(WorkflowRun::id).toList()).containsExactly(runId);

    String rerun = client.runs().rerun(runId, "echo", false);
    assertThat(client.runs().await(rerun, WAIT, null).rerunOf()).isEqualTo(runId);

    String toCancel = client.runs().start(wfId, StartRunOptions.DEFAULT);
    await().atMost(WAIT).until(() -> client.runs().get(toCancel).status() == RunStatus.WAITING);
    client.runs().cancel(toCancel);
    assertThat(client.runs().get(toCancel).status()).isEqualTo(RunStatus.CANCELLED);
    assertThatThrownBy(() -> client.runs().cancel(toCancel)).isInstanceOf(ConflictException.class);

    client.runs().delete(toCancel);
    assertThatThrownBy(() -> client.runs().get(toCancel)).isInstanceOf(NotFoundException.class);
    client.workflows().delete(wfId);
    assertThatThrownBy(() -> client.workflows().get(wfId)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void workflowFromJsonAndDryRun() {
    String id =
        client
            .workflows()
            .createFromJson(
                """
        {"name":"json-flow","steps":{"echo":{"type":"worker","topic":"job.test"}}}""");
    String run = client.runs().start(id, StartRunOptions.builder().dryRun(true).build());
    WorkflowRun r = client.runs().await(run, WAIT, null);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThatThrownBy(
            () ->
                client
                    .workflows()
                    .createFromJson(
                        "{\"name\":\"bad\",\"steps\":"
                            + "{\"a\":{\"type\":\"worker\",\"depends_on\":[\"nope\"]}}}"))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void configSetGetEffectiveAndCompareAndSet() {
    String team = "team-" + UUID.randomUUID();
    client
        .config()
        .set(
            ConfigWrite.builder(ConfigScope.TEAM, team)
                .put("limits", Map.of("x", 1))
                .meta("by", "test")
                .build());
    ConfigDocument doc = client.config().get(ConfigScope.TEAM, team);
    assertThat(doc.data()).containsKey("limits");
    assertThat(doc.meta()).containsEntry("by", "test");
    assertThat(doc.revision()).isEqualTo(1);
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/config?scope=team&scope_id=" + team), doc);
    client
        .config()
        .set(
            ConfigWrite.builder(ConfigScope.TEAM, team)
                .put("limits", Map.of("x", 2))
                .expectRevision(1)
                .build());
    assertThatThrownBy(
            () ->
                client
                    .config()
                    .set(ConfigWrite.builder(ConfigScope.TEAM, team).expectRevision(1).build()))
        .isInstanceOf(ConflictException.class);
    var eff = client.config().effective(null, team, null, null);
    @SuppressWarnings("unchecked")
    Map<String, Object> limits = (Map<String, Object>) eff.data().get("limits");
    assertThat(limits).containsEntry("x", 2);
    assertThat(eff.hash()).isNotBlank();
    assertThatThrownBy(() -> client.config().get(ConfigScope.TEAM, "none-" + team))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void schemasRegisterListGetValidateDelete() {
    String id = "client/" + UUID.randomUUID();
    client.schemas().registerJson(id, "{\"type\":\"object\",\"required\":[\"a\"]}");
    assertThat(client.schemas().list(0)).contains(id);
    var e = client.schemas().get(id);
    assertThat(e.schema()).isInstanceOf(Map.class);
    assertThat(e.registeredAt()).isNotNull();
    SchemaValidation ok = client.schemas().validate(id, Map.of("a", 1));
    assertThat(ok.valid()).isTrue();
    SchemaValidation bad = client.schemas().validateJson(id, "{}");
    assertThat(bad.valid()).isFalse();
    assertThat(bad.errors())
        .extracting(SchemaValidation.Violation::keyword)
        .containsExactly("required");
    assertThatThrownBy(() -> client.schemas().register("bad", Map.of("type", "objekt")))
        .isInstanceOf(BadRequestException.class);
    client.schemas().delete(id);
    assertThatThrownBy(() -> client.schemas().get(id)).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> client.schemas().validate(id, Map.of()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void locksAcquireRenewRelease() {
    String res = "res/" + UUID.randomUUID();
    LockInfo l = client.locks().acquire(res, "o1", LockMode.EXCLUSIVE, Duration.ofMinutes(1));
    assertThat(l.owners()).containsEntry("o1", 1);
    assertThat(l.fencingToken()).isPositive();
    assertThat(client.locks().get(res).mode()).isEqualTo(LockMode.EXCLUSIVE);
    assertThatThrownBy(() -> client.locks().acquire(res, "o2", LockMode.SHARED, null))
        .isInstanceOf(ConflictException.class);
    assertThat(client.locks().renew(res, "o1", Duration.ofMinutes(2)).expiresAt())
        .isAfter(l.expiresAt());
    assertThat(client.locks().release(res, "o1")).isEmpty();
    assertThatThrownBy(() -> client.locks().release(res, "o1"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> client.locks().get(res)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void policyDecisionsBundlesSnapshotsPublishRollbackAudit() {
    PolicyDecision hold = client.policy().evaluate(PolicyCheckRequest.builder("job.hold").build());
    assertThat(hold.outcome()).isEqualTo("REQUIRE_HUMAN");
    assertThat(hold.ruleId()).isEqualTo("hold");
    PolicyDecision deny =
        client
            .policy()
            .explain(
                PolicyCheckRequest.builder("job.danger")
                    .actor("bob", "human")
                    .capability("x")
                    .build());
    assertThat(deny.outcome()).isEqualTo("DENY");
    assertThat(deny.remediations()).extracting(r -> r.replacementTopic()).contains("job.safe");
    assertThat(deny.trace()).isNotEmpty();
    assertThat(client.policy().simulate(PolicyCheckRequest.builder("job.test").build()).outcome())
        .isEqualTo("ALLOW");
    assertThat(client.policy().kernelSnapshots()).isNotEmpty();

    String bundleId = "secops/client-" + UUID.randomUUID().toString().substring(0, 8);
    String content =
        "rules:\n  - id: block-x\n    match: { topics: [\"job.x\"] }\n"
            + "    decision: deny\n    reason: no x\n";
    var saved =
        client
            .policy()
            .putBundle(bundleId, BundleEdit.of(content).withEnabled(false).withMessage("draft"));
    assertThat(saved.id()).isEqualTo(bundleId);
    assertThat(client.policy().bundle(bundleId).content()).isEqualTo(content);
    assertThat(client.policy().bundles().items()).extracting(b -> b.id()).contains(bundleId);
    PolicyDecision sim =
        client.policy().simulateBundle(bundleId, PolicyCheckRequest.builder("job.x").build(), null);
    assertThat(sim.outcome()).isEqualTo("DENY");
    assertThatThrownBy(() -> client.policy().putBundle("core", BundleEdit.of("rules: []")))
        .isInstanceOf(BadRequestException.class);

    BundleSnapshot snap = client.policy().takeSnapshot("before publish");
    assertThat(client.policy().snapshots()).extracting(BundleSnapshot::id).contains(snap.id());
    assertThat(client.policy().snapshot(snap.id()).bundles()).containsKey(bundleId);
    var pub = client.policy().publish(List.of(bundleId), "go live", null);
    assertThat(pub.published()).containsExactly(bundleId);
    assertThat(client.policy().rules(false).items().toString()).contains("block-x");
    assertThat(client.policy().evaluate(PolicyCheckRequest.builder("job.x").build()).outcome())
        .isEqualTo("DENY");
    var rb = client.policy().rollback(snap.id(), "undo", null);
    assertThat(rb.rollbackTo()).isEqualTo(snap.id());
    assertThat(client.policy().bundle(bundleId).enabled()).isFalse();
    assertThat(client.policy().audit(0))
        .extracting(a -> a.action())
        .contains("publish", "rollback");
    assertThatThrownBy(() -> client.policy().rollback("none", null, null))
        .isInstanceOf(NotFoundException.class);
    WireFidelity.assertKeeps(
        WireFidelity.raw(gw, "/api/v1/policy/bundles"), client.policy().bundles());
  }

  @Test
  void artifactsAndMemoryPointers() {
    byte[] bytes = "hello artifact".getBytes(StandardCharsets.UTF_8);
    ArtifactRef ref =
        client
            .artifacts()
            .put(
                ArtifactUpload.of(bytes)
                    .contentType("text/plain")
                    .retention(Retention.SHORT)
                    .label("kind", "test")
                    .build());
    assertThat(ref.artifactPtr()).startsWith("redis://art:");
    assertThat(ref.sizeBytes()).isEqualTo(bytes.length);
    Artifact a = client.artifacts().get(ref.artifactPtr());
    assertThat(a.content()).isEqualTo(bytes);
    assertThat(a.metadata().retention()).isEqualTo("short");
    assertThat(a.metadata().labels()).containsEntry("kind", "test");
    assertThatThrownBy(() -> client.artifacts().put(ArtifactUpload.of(bytes).maxBytes(3).build()))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThatThrownBy(() -> client.artifacts().get("redis://art:nope"))
        .isInstanceOf(NotFoundException.class);

    String id = submit("job.test", Map.of("k", "v"));
    client.jobs().await(id, WAIT, null);
    MemoryEntry ctx = client.artifacts().memory("redis://ctx:" + id);
    assertThat(ctx.kind()).isEqualTo("context");
    assertThat(ctx.text()).contains("\"k\"");
    MemoryEntry res = client.artifacts().memory("redis://res:" + id);
    assertThat(res.kind()).isEqualTo("result");
    assertThat(new String(res.content(), StandardCharsets.UTF_8)).contains("echo");
  }

  @Test
  void streamDeliversAJobsEventsAndCloses() throws Exception {
    List<StreamEvent> events = Collections.synchronizedList(new ArrayList<>());
    String id;
    // The filter names the job, so the subscription opens after the submit with a slow job,
    // whose events after that point are what the test waits for.
    id = submit("job.test", "slow stream");
    try (StreamSubscription sub = client.stream().subscribe(StreamFilter.job(id), events::add)) {
      await().atMost(WAIT).until(() -> client.jobs().get(id).state() == JobState.RUNNING);
      client.jobs().cancel(id);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  events.stream()
                      .anyMatch(
                          e ->
                              e.kind().equals("jobResult")
                                  && e.status().equals("JOB_STATUS_CANCELLED")));
      assertThat(events).allMatch(e -> e.jobId().equals(id));
      assertThat(sub.isOpen()).isTrue();
    }
    assertThatThrownBy(
            () -> client.stream().subscribe(StreamFilter.ALL.withKinds("bogus"), e -> {}))
        .isInstanceOf(BadRequestException.class);
    try (CordumClient anon = CordumClient.builder().gateway(gw.url()).build()) {
      assertThatThrownBy(() -> anon.stream().subscribe(StreamFilter.ALL, e -> {}))
          .isInstanceOf(AuthException.class);
    }
  }
}
