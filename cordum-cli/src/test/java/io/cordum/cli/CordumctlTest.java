package io.cordum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.client.CordumClient;
import io.cordum.client.TestGateway;
import io.cordum.client.model.JobState;
import io.cordum.client.model.LockInfo;
import io.cordum.client.model.WorkerInfo;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every command against a real gateway on a free port (an in-memory control plane with a worker and
 * a policy, see {@link TestGateway}), checking output and exit code.
 */
class CordumctlTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static TestGateway gw;
  static CordumClient client;
  static Ctl ctl;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    gw = TestGateway.start();
    client = gw.client();
    ctl = new Ctl(gw.url(), TestGateway.KEY);
  }

  @AfterAll
  static void stop() {
    client.close();
    gw.close();
  }

  static Ctl.Result ok(String... args) {
    Ctl.Result r = ctl.run(args);
    assertThat(r.code()).as("%s\n%s", String.join(" ", args), r).isZero();
    return r;
  }

  static JsonNode json(String... args) {
    return JSON.readTree(ok(args).out());
  }

  static Path file(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  // ---- usage, errors, exit codes

  @Test
  void helpUsageErrorsAndExitCodes() {
    Ctl.Result help = ok("--help");
    assertThat(help.out()).contains("Usage: cordumctl", "job, jobs", "Exit codes:");
    assertThat(ok("--version").out()).startsWith("cordumctl ");
    assertThat(ok("help", "job").out()).contains("submit", "remediate");

    Ctl.Result unknown = ctl.run("jbo");
    assertThat(unknown.code()).isEqualTo(Exit.USAGE);
    assertThat(unknown.err().lines()).hasSize(1);
    assertThat(unknown.err()).startsWith("error: Unmatched argument");
    Ctl.Result missing = ctl.run("job", "submit", "--prompt", "x");
    assertThat(missing.code()).isEqualTo(Exit.USAGE);
    assertThat(missing.err().strip())
        .isEqualTo(
            "error: Missing required option: "
                + "'--topic=<topic>' (see 'cordumctl job submit --help')");
    Ctl.Result group = ctl.run("job");
    assertThat(group.code()).isEqualTo(Exit.USAGE);
    assertThat(group.err()).startsWith("error: a subcommand is required: submit, list,");
    assertThat(ctl.run("-o", "xml", "status").code()).isEqualTo(Exit.USAGE);
    Ctl.Result noPrompt = ctl.run("job", "submit", "--topic", "job.test");
    assertThat(noPrompt.code()).isEqualTo(Exit.USAGE);
    assertThat(noPrompt.err().strip())
        .isEqualTo("error: prompt required (use --prompt or --input)");

    Ctl.Result nf = ctl.run("job", "status", "nope");
    assertThat(nf.code()).isEqualTo(Exit.NOT_FOUND);
    assertThat(nf.err())
        .matches("error: job not found \\(404 job_not_found, request id " + "[0-9a-f]+\\)\\n");

    Ctl.Result auth = new Ctl(gw.url(), "wrong").run("status");
    assertThat(auth.code()).isEqualTo(Exit.AUTH);
    assertThat(auth.err())
        .startsWith("error: unauthorized (401 unauthorized")
        .contains("set --api-key or CORDUM_API_KEY");

    Ctl.Result refused = ctl.run("job", "submit", "--topic", "nope", "--prompt", "x");
    assertThat(refused.code()).isEqualTo(Exit.ERROR);
    assertThat(refused.err())
        .startsWith("error: topic must start with job. (400 " + "invalid_argument");
  }

  @Test
  void anUnreachableGatewayIsAServerError() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Ctl.Result r = new Ctl("http://127.0.0.1:" + port, "").run("status");
    assertThat(r.code()).isEqualTo(Exit.SERVER);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("error: can not connect to http://127.0.0.1:" + port)
        .contains("is the gateway running?");
  }

  // ---- status and workers

  @Test
  void statusAndWorkersAsTablesJsonYamlAndIds() {
    Ctl.Result s = ok("status");
    assertThat(s.out())
        .contains("Gateway:", gw.url() + " (CORDUM_GATEWAY)", "Healthy:", "BACKEND", "memory");
    assertThat(json("status", "-o", "json").get("backends").get(0).get("backend").asString())
        .isEqualTo("memory");
    Map<String, Object> yaml =
        new YAMLMapper()
            .readValue(
                ok("-o", "yaml", "status").out(),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    assertThat(yaml).containsKey("uptime_seconds");

    await().atMost(Duration.ofSeconds(30)).until(() -> !client.workers().isEmpty());
    WorkerInfo w = client.workers().get(0);
    String out = ok("workers").out();
    String seen = out.lines().skip(1).findFirst().orElseThrow().replaceAll(".*  ", "");
    assertThat(out)
        .isEqualTo(
            ""
                + "WORKER  POOL  ACTIVE  MAX  CAPABILITIES  LAST SEEN\n"
                + "w1      test  "
                + pad(w.activeJobs(), 6)
                + "  8    -             "
                + seen
                + "\n");
    assertThat(seen).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(ok("workers", "-q").out()).isEqualTo("w1\n");
  }

  static String pad(Object o, int w) {
    String s = String.valueOf(o);
    return s + " ".repeat(Math.max(0, w - s.length()));
  }

  // ---- jobs

  @Test
  void jobSubmitStatusGetLogsListAndFlagsAfterPositionals() {
    String id =
        ok("job", "submit", "--topic", "job.test", "--input", "{\"a\":1}", "--risk-tags", "low,pii")
            .line();
    assertThat(id).matches("[0-9a-f-]{36}");
    client.jobs().await(id, Duration.ofSeconds(30), null);
    assertThat(ok("job", "status", id).line()).isEqualTo("SUCCEEDED");
    // flags before or after positionals
    assertThat(json("job", "status", id, "--json").get("state").asString()).isEqualTo("SUCCEEDED");
    assertThat(json("job", "status", "--json", id).get("id").asString()).isEqualTo(id);
    assertThat(json("-o", "json", "job", "get", id).get("risk_tags").toString())
        .isEqualTo("[\"low\",\"pii\"]");
    assertThat(ok("job", "get", id).out())
        .contains("ID:", id, "State:", "SUCCEEDED", "Result:", "\"echo\"");
    assertThat(JSON.readTree(ok("job", "logs", id).out()).get("echo").asString())
        .contains("\"a\":1");
    assertThat(ok("job", "list", "--topic", "job.test", "--limit", "50", "-q").out().lines())
        .contains(id);
    Ctl.Result list = ok("job", "list", "--state", "succeeded", "--limit", "3");
    assertThat(list.out().lines().findFirst().orElseThrow())
        .isEqualTo(
            "ID                                    STATE      TOPIC     ATTEMPTS  UPDATED"
                + "               REASON");
    assertThat(ok("job", "decisions", id).out()).startsWith("CHECKED").contains("ALLOW");
    JsonNode submitted = json("job", "submit", "--topic", "job.test", "--prompt", "p", "--json");
    assertThat(submitted.get("trace_id").asString()).isNotBlank();
    assertThat(ok("job", "list", "--trace", submitted.get("trace_id").asString(), "-q").line())
        .isEqualTo(submitted.get("job_id").asString());
  }

  @Test
  void waitFollowsAJobAndTheExitCodeTellsHowItEnded() {
    Ctl.Result done = ok("job", "submit", "--topic", "job.test", "--prompt", "hi", "--wait");
    String id = done.out().lines().findFirst().orElseThrow();
    assertThat(done.err()).contains("job " + id + ": SUCCEEDED");
    assertThat(done.out()).contains("State:", "SUCCEEDED");

    Ctl.Result failed =
        ctl.run(
            "job",
            "submit",
            "--topic",
            "job.test",
            "--input",
            "\"please fail\"",
            "--wait",
            "-o",
            "json");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(Exit.FAILED);
    JsonNode f = JSON.readTree(failed.out());
    assertThat(f.get("state").asString()).isEqualTo("FAILED");
    assertThat(f.get("error_code").asString()).isEqualTo("boom");
    assertThat(failed.err()).contains(": FAILED");

    Ctl.Result slow =
        ctl.run(
            "job",
            "submit",
            "--topic",
            "job.test",
            "--input",
            "\"slow\"",
            "--wait",
            "--timeout",
            "1s",
            "-q");
    assertThat(slow.code()).as(slow.toString()).isEqualTo(Exit.TIMEOUT);
    String slowId = slow.out().lines().findFirst().orElseThrow();
    assertThat(slow.err()).contains("is still");
    assertThat(ok("job", "cancel", slowId).line()).isEqualTo(slowId + ": cancelled");
    assertThat(ok("job", "cancel", slowId).line())
        .isEqualTo(slowId + ": CANCELLED (job already terminal)");
    assertThat(ctl.run("job", "wait", slowId).code()).isEqualTo(Exit.FAILED);
  }

  @Test
  void onATerminalWaitRedrawsOneStatusLine() {
    Ctl term = new Ctl(gw.url(), TestGateway.KEY);
    term.tty = true;
    Ctl.Result r =
        term.run(
            "job",
            "submit",
            "--topic",
            "job.test",
            "--input",
            "\"slow\"",
            "--wait",
            "--timeout",
            "1s");
    assertThat(r.code()).isEqualTo(Exit.TIMEOUT);
    String id = r.out().lines().findFirst().orElseThrow();
    // a status line drawn in place ("\r", erase line), then cleared before the lines that stay
    assertThat(r.err())
        .containsPattern("\r\033\\[K[|/\\\\-] job " + id + "  RUNNING")
        .contains("job " + id + ": RUNNING");
    client.jobs().cancel(id);
  }

  // ---- the acceptance flows of spec 50 §4.4

  @Test
  void cordumctlSmokeFlow() throws IOException {
    // tools/scripts/cordumctl_smoke.sh, step by step.
    Path wf =
        file(
            "smoke.json",
            "{\"name\":\"cordumctl-smoke\",\"org_id\":\"default\","
                + "\"steps\":{\"approve\":{\"type\":\"approval\",\"name\":\"Approve\"}}}");
    String wfId = ok("workflow", "create", "--file", wf.toString()).line();
    assertThat(wfId).isNotBlank();
    String runId = ok("run", "start", wfId).line();
    assertThat(runId).isNotBlank();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "waiting"
                    .equals(
                        client.runs().get(runId).steps().get("approve") == null
                            ? ""
                            : client.runs().get(runId).steps().get("approve").status()));
    // cordumctl approval step --approve <wf> <run> approve: flags before the positionals...
    assertThat(ok("approval", "step", "--approve", wfId, runId, "approve").line())
        .isEqualTo(runId + " approve: approved");
    Ctl.Result waited = ok("run", "wait", runId, "--timeout", "30s");
    assertThat(waited.out()).contains("Status:", "succeeded");
    assertThat(json("run", "get", runId, "-o", "json").get("status").asString())
        .isEqualTo("succeeded");
    ok("run", "delete", runId);
    ok("workflow", "delete", wfId);
    assertThat(ctl.run("run", "get", runId).code()).isEqualTo(Exit.NOT_FOUND);
    assertThat(ctl.run("workflow", "get", wfId).code()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void platformSmokeFlowWithWaitAndTimeline() throws IOException {
    // tools/scripts/platform_smoke.sh, with --wait following the run while a human approves.
    Path wf =
        file(
            "platform.yaml",
            """
        name: platform-smoke
        steps:
          approve: { type: approval, name: Approve }
          echo: { type: worker, topic: job.test, depends_on: [approve], input: { n: "${input.n}" } }
        """);
    String wfId = ok("workflow", "create", "-f", wf.toString()).line();
    CompletableFuture<Ctl.Result> run =
        CompletableFuture.supplyAsync(
            () ->
                ctl.run(
                    "run", "start", wfId, "--input", "{\"n\":3}", "--wait", "--timeout", "60s"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.runs().stream(
                        io.cordum.client.model.RunQuery.builder().workflowId(wfId).build())
                    .anyMatch(
                        r ->
                            r.steps().containsKey("approve")
                                && r.steps().get("approve").status().equals("waiting")));
    String runId =
        client.runs().stream(io.cordum.client.model.RunQuery.builder().workflowId(wfId).build())
            .findFirst()
            .orElseThrow()
            .id();
    ok("approval", "step", wfId, runId, "approve", "--approve", "--reason", "ok");
    Ctl.Result r = run.join();
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo(runId);
    assertThat(r.err())
        .contains(
            "run " + runId + ": waiting",
            "step approve: waiting",
            "cordumctl approval step " + wfId + " " + runId + " approve",
            "run " + runId + ": succeeded");
    assertThat(ok("run", "timeline", runId).out()).startsWith("TIME").contains("approve");
    assertThat(ok("run", "list", "--workflow", wfId, "-q").line()).isEqualTo(runId);
    String rerun =
        ok("run", "rerun", runId, "--from-step", "echo", "--wait")
            .out()
            .lines()
            .findFirst()
            .orElseThrow();
    assertThat(json("run", "get", rerun, "-o", "json").get("rerun_of").asString()).isEqualTo(runId);
    String cancelled = ok("run", "start", wfId).line();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.runs().get(cancelled).status() == io.cordum.client.model.RunStatus.WAITING);
    ok("run", "cancel", cancelled);
    assertThat(ctl.run("run", "wait", cancelled).code()).isEqualTo(Exit.FAILED);
    assertThat(ctl.run("run", "cancel", cancelled).code()).isEqualTo(Exit.ERROR);
    assertThat(ok("workflow", "list", "-q").out().lines()).contains(wfId);
    assertThat(ok("workflow", "get", wfId).out()).contains("STEP", "approve", "echo");
  }

  @Test
  void guardrailsFlowApprovalDenialDlqAndRemediation() {
    // tools/scripts/demo_guardrails.sh: a held job approved, a dangerous one denied,
    // dead-lettered and remediated.
    String held = ok("job", "submit", "--topic", "job.hold", "--prompt", "needs approval").line();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.jobs().get(held).state() == JobState.APPROVAL_REQUIRED);
    assertThat(ok("approval", "list", "-q").out().lines()).contains(held);
    assertThat(ok("approval", "list").out())
        .startsWith("JOB")
        .contains(held, "hold", "needs a human");
    assertThat(json("approval", "list", "-o", "json").toString()).contains(held);
    ok("approval", "job", held, "--approve", "--reason", "looks fine");
    assertThat(ok("job", "wait", held).err()).contains("SUCCEEDED");
    assertThat(ctl.run("approval", "job", held, "--approve").code()).isEqualTo(Exit.ERROR);
    assertThat(ctl.run("approval", "job", held, "--approve", "--reject").code())
        .isEqualTo(Exit.USAGE);

    JsonNode danger =
        json("job", "submit", "--topic", "job.danger", "--input", "{\"rm\":\"-rf\"}", "--json");
    String denied = danger.get("job_id").asString();
    assertThat(ctl.run("job", "wait", denied).code()).isEqualTo(Exit.FAILED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ok("dlq", "list", "-q").out().lines().anyMatch(denied::equals));
    assertThat(ok("dlq", "show", denied).out()).contains("Reason code:", "Input:", "\"rm\"");
    Ctl.Result fixed = ok("job", "remediate", denied, "--wait");
    assertThat(fixed.err()).contains("SUCCEEDED");
    assertThat(
            json("job", "get", fixed.out().lines().findFirst().orElseThrow(), "-o", "json")
                .get("topic")
                .asString())
        .isEqualTo("job.safe");

    String rejected = ok("job", "submit", "--topic", "job.hold", "--prompt", "no").line();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.jobs().get(rejected).state() == JobState.APPROVAL_REQUIRED);
    assertThat(ok("approval", "job", "--reject", rejected, "--reason", "no").line())
        .isEqualTo(rejected + ": rejected");
    assertThat(ok("job", "status", rejected).line()).isEqualTo("DENIED");
  }

  // ---- DLQ

  @Test
  void dlqListShowRetryWithInputOrEditorAndDelete() {
    String a = ok("job", "submit", "--topic", "job.test", "--input", "\"please fail\"").line();
    String b = ok("job", "submit", "--topic", "job.test", "--input", "\"fail too\"").line();
    String c = ok("job", "submit", "--topic", "job.test", "--input", "\"fail three\"").line();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ok("dlq", "list", "-q")
                        .out()
                        .lines()
                        .filter(l -> l.equals(a) || l.equals(b) || l.equals(c))
                        .count()
                    == 3);
    assertThat(ok("dlq", "list").out()).startsWith("JOB").contains("JOB_STATUS_FAILED", "boom");
    assertThat(json("dlq", "show", a, "-o", "json").get("entry").get("reason_code").asString())
        .isEqualTo("boom");

    Ctl.Result r = ok("dlq", "retry", a, "--input", "\"fixed\"", "--wait");
    assertThat(r.err()).contains("SUCCEEDED");
    assertThat(r.out()).contains("\"echo\": \"fixed\"");

    Ctl.Result edited =
        new Ctl(gw.url(), TestGateway.KEY)
            .env("EDITOR", "sed -i s/fail/works/")
            .run("dlq", "retry", b, "--edit", "--wait", "-o", "json");
    assertThat(edited.code()).as(edited.toString()).isZero();
    assertThat(JSON.readTree(edited.out()).get("result").get("echo").asString())
        .contains("works too");

    ok("dlq", "delete", c);
    assertThat(ctl.run("dlq", "show", c).code()).isEqualTo(Exit.NOT_FOUND);
    assertThat(ctl.run("dlq", "retry", c).code()).isEqualTo(Exit.NOT_FOUND);
  }

  // ---- policy

  @Test
  void policyCommands() throws IOException {
    Ctl.Result ev = ok("policy", "evaluate", "--topic", "job.hold");
    assertThat(ev.out()).contains("Decision:", "REQUIRE_HUMAN", "Rule:", "hold");
    assertThat(
            json("policy", "explain", "--topic", "job.danger", "-o", "json")
                .get("remediations")
                .get(0)
                .get("replacementTopic")
                .asString())
        .isEqualTo("job.safe");
    assertThat(ok("policy", "simulate", "--topic", "job.test", "-q").line()).isEqualTo("ALLOW");
    assertThat(ctl.run("policy", "evaluate").code()).isEqualTo(Exit.USAGE);
    assertThat(ok("policy", "kernel-snapshots").out()).isNotBlank();

    String id = "secops/cli-" + UUID.randomUUID().toString().substring(0, 8);
    Path bundle =
        file(
            "bundle.yaml",
            "rules:\n  - id: block-y\n    match: { topics: "
                + "[\"job.y\"] }\n    decision: deny\n    reason: no y\n");
    assertThat(
            ok(
                    "policy",
                    "bundle",
                    "put",
                    id,
                    "-f",
                    bundle.toString(),
                    "--disabled",
                    "--message",
                    "draft")
                .line())
        .startsWith(id + ": version ");
    assertThat(ok("policy", "bundle", "get", id).out()).isEqualTo(Files.readString(bundle));
    assertThat(ok("policy", "bundles").out()).contains(id, "secops");
    assertThat(ok("policy", "bundle", "simulate", id, "--topic", "job.y", "-q").line())
        .isEqualTo("DENY");
    String snap = ok("policy", "snapshot", "take", "--note", "before").line();
    assertThat(ok("policy", "snapshot", "list", "-q").out().lines()).contains(snap);
    assertThat(ok("policy", "snapshot", "get", snap).out()).contains(id);
    assertThat(ok("policy", "publish", id, "--message", "live").out()).contains("published: " + id);
    assertThat(ok("policy", "rules").out()).contains("block-y");
    assertThat(ok("policy", "evaluate", "--topic", "job.y", "-q").line()).isEqualTo("DENY");
    assertThat(ok("policy", "rollback", snap).out()).contains("rolled back to " + snap);
    assertThat(ok("policy", "audit").out()).startsWith("TIME").contains("publish", "rollback");
    assertThat(ctl.run("policy", "rollback", "nope").code()).isEqualTo(Exit.NOT_FOUND);
    assertThat(ctl.run("policy", "bundle", "put", "core", "-f", bundle.toString()).code())
        .isEqualTo(Exit.ERROR);
  }

  // ---- config, schemas, locks, artifacts

  @Test
  void configSetGetEffective() throws IOException {
    String team = "team-" + UUID.randomUUID();
    ok("config", "set", "--scope", "team", "--scope-id", team, "limits={\"x\":1}", "mode=fast");
    Ctl.Result got = ok("config", "get", "--scope", "team", "--scope-id", team);
    assertThat(got.out())
        .isEqualTo(
            "# team/"
                + team
                + " revision 1 updated "
                + Table.time(
                    client.config().get(io.cordum.client.model.ConfigScope.TEAM, team).updatedAt())
                + "\nlimits:\n  x: 1\nmode: fast\n");
    Path f = file("cfg.yaml", "limits:\n  x: 2\n");
    ok(
        "config",
        "set",
        "--scope",
        "team",
        "--scope-id",
        team,
        "-f",
        f.toString(),
        "--revision",
        "1");
    Ctl.Result stale =
        ctl.run(
            "config",
            "set",
            "--scope",
            "team",
            "--scope-id",
            team,
            "--data",
            "{}",
            "--revision",
            "1");
    assertThat(stale.code()).isEqualTo(Exit.ERROR);
    assertThat(stale.err()).contains("409");
    assertThat(
            json("config", "effective", "--team", team, "-o", "json")
                .get("data")
                .get("limits")
                .get("x")
                .asInt())
        .isEqualTo(2);
    assertThat(ctl.run("config", "get", "--scope", "galaxy").code()).isEqualTo(Exit.USAGE);
    assertThat(ctl.run("config", "get", "--scope", "team", "--scope-id", "none").code())
        .isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void schemaRegisterListGetValidateDelete() throws IOException {
    String id = "cli/" + UUID.randomUUID();
    Path schema = file("schema.json", "{\"type\":\"object\",\"required\":[\"a\"]}");
    ok("schema", "register", id, "--file", schema.toString());
    assertThat(ok("schemas", "list").out().lines()).contains(id);
    assertThat(json("schema", "get", id).get("required").get(0).asString()).isEqualTo("a");
    Path good = file("good.yaml", "a: 1\n");
    assertThat(ok("schema", "validate", id, "-f", good.toString()).line()).isEqualTo("valid");
    Path bad = file("bad.json", "{\"b\":1}");
    Ctl.Result invalid = ctl.run("schema", "validate", id, "-f", bad.toString());
    assertThat(invalid.code()).isEqualTo(Exit.ERROR);
    assertThat(invalid.out()).startsWith("PATH  KEYWORD   MESSAGE\n$.a   required  ");
    ok("schema", "delete", id);
    assertThat(ctl.run("schema", "get", id).code()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void locksAcquireGetRenewRelease() {
    String res = "res-" + UUID.randomUUID().toString().substring(0, 8);
    ok("lock", "acquire", res, "--owner", "o1", "--ttl", "1m");
    LockInfo l = client.locks().get(res);
    assertThat(ok("lock", "get", res).out())
        .isEqualTo(
            ""
                + "Resource:       "
                + res
                + "\n"
                + "Mode:           exclusive\n"
                + "Owners:         {o1=1}\n"
                + "Expires:        "
                + l.expiresAt().truncatedTo(ChronoUnit.SECONDS)
                + "\n"
                + "Fencing token:  "
                + l.fencingToken()
                + "\n");
    Ctl.Result busy = ctl.run("lock", "acquire", res, "--owner", "o2", "--mode", "shared");
    assertThat(busy.code()).isEqualTo(Exit.ERROR);
    assertThat(busy.err()).startsWith("error: lock unavailable (409 lock_unavailable");
    ok("lock", "renew", res, "--owner", "o1", "--ttl", "2m");
    assertThat(ok("lock", "release", res, "--owner", "o1").line()).isEqualTo(res + ": released");
    assertThat(ctl.run("lock", "get", res).code()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void artifactPutGetAndMemory() throws IOException {
    Path f = file("art.txt", "artifact body\n");
    String ptr =
        ok("artifact", "put", f.toString(), "--label", "kind=test", "--retention", "short").line();
    assertThat(ptr).startsWith("redis://art:");
    assertThat(ok("artifact", "get", ptr).out()).isEqualTo("artifact body\n");
    Path back = tmp.resolve("back.txt");
    ok("artifacts", "get", ptr, "-O", back.toString());
    assertThat(Files.readString(back)).isEqualTo("artifact body\n");
    assertThat(
            json("artifact", "get", ptr, "-o", "json").get("metadata").get("retention").asString())
        .isEqualTo("short");
    assertThat(ctl.run("artifact", "put", f.toString(), "--max-bytes", "3").code())
        .isEqualTo(Exit.ERROR);

    String id = ok("job", "submit", "--topic", "job.test", "--input", "{\"m\":1}").line();
    client.jobs().await(id, Duration.ofSeconds(30), null);
    assertThat(json("artifact", "memory", "redis://ctx:" + id).get("context").get("m").asInt())
        .isEqualTo(1);
  }

  // ---- stream

  @Test
  void streamPrintsLiveEvents() {
    String id = ok("job", "submit", "--topic", "job.test", "--input", "\"slow stream\"").line();
    CompletableFuture<Ctl.Result> stream =
        CompletableFuture.supplyAsync(
            () ->
                ctl.run(
                    "stream", "--job", id, "--kind", "jobResult", "--count", "1", "--for", "30s"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.jobs().get(id).state() == JobState.RUNNING);
    // Cancel until the stream has seen the result (it may have subscribed after the first).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              client.jobs().cancel(id);
              return stream.isDone();
            });
    Ctl.Result r = stream.join();
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).matches("\\S+Z  jobResult  " + id + "  CANCELLED cancelled\\n");
  }

  // ---- contexts, completion, server

  @Test
  void contextsSetUseListAndPrecedence() throws IOException {
    Path cfg = tmp.resolve("ctx/cordumctl.yaml");
    Ctl noEnv = new Ctl("", "");
    noEnv.env.remove("CORDUM_GATEWAY");
    noEnv.env.remove("CORDUM_API_KEY");
    noEnv.env("CORDUMCTL_CONFIG", cfg.toString());
    assertThat(noEnv.run("context", "current").out())
        .startsWith("http://localhost:8081 " + "(default");
    assertThat(
            noEnv
                .run("context", "set", "local", "--gateway", gw.url(), "--api-key", TestGateway.KEY)
                .code())
        .isZero();
    assertThat(noEnv.run("context", "set", "other", "--gateway", "http://127.0.0.1:1").code())
        .isZero();
    assertThat(Files.getPosixFilePermissions(cfg))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    int w = Math.max(gw.url().length(), "http://127.0.0.1:1".length()) + 2;
    assertThat(noEnv.run("context", "list").out())
        .isEqualTo(
            ""
                + "CURRENT  NAME   "
                + pad("GATEWAY", w)
                + "KEY\n"
                + "*        local  "
                + pad(gw.url(), w)
                + "set\n"
                + "         other  "
                + pad("http://127.0.0.1:1", w)
                + "none\n");
    assertThat(noEnv.run("status", "-q").code()).isZero(); // the current context's gateway
    assertThat(noEnv.run("status", "--context", "other").code()).isEqualTo(Exit.SERVER);
    assertThat(noEnv.run("context", "use", "other").code()).isZero();
    assertThat(noEnv.run("context", "current").line())
        .isEqualTo("http://127.0.0.1:1 " + "(context other, no key)");
    assertThat(noEnv.run("status", "--context", "local").code()).isZero();
    assertThat(noEnv.run("status", "--context", "none").code()).isEqualTo(Exit.USAGE);
    assertThat(noEnv.run("context", "delete", "other").code()).isZero();
    assertThat(noEnv.run("context", "use", "other").code()).isEqualTo(Exit.NOT_FOUND);
  }

  @Test
  void completionScriptsForBashAndZsh() {
    String bash = ok("completion", "bash").out();
    assertThat(bash)
        .contains(
            "complete -F", "_picocli_cordumctl_job_submit", "--idempotency-key", "workflow", "dlq");
    String zsh = ok("completion", "zsh").out();
    assertThat(zsh)
        .startsWith(
            "autoload -U +X compinit && compinit\nautoload -U +X "
                + "bashcompinit && bashcompinit\n")
        .contains("complete -F");
    assertThat(ctl.run("completion", "fish").code()).isEqualTo(Exit.USAGE);
  }

  @Test
  void serverLaunchesTheServerJarWithItsArgumentsAndExitCode() throws Exception {
    Path src = tmp.resolve("fake/FakeServer.java");
    Files.createDirectories(src.getParent());
    Files.writeString(
        src,
        "public class FakeServer { public static void main(String[] a)"
            + " throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of("
            + "System.getenv(\"FAKE_OUT\")), String.join(\" \", a) + \" env=\""
            + " + System.getenv(\"NATS_URL\")); System.exit(3); } }");
    Process javac =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d",
                src.getParent().toString(),
                src.toString())
            .inheritIO()
            .start();
    assertThat(javac.waitFor()).isZero();
    Files.writeString(src.resolveSibling("manifest.txt"), "Main-Class: FakeServer\n");
    Path jar = tmp.resolve("fake-server.jar");
    Process pack =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
                "cfm",
                jar.toString(),
                src.resolveSibling("manifest.txt").toString(),
                "-C",
                src.getParent().toString(),
                "FakeServer.class")
            .inheritIO()
            .start();
    assertThat(pack.waitFor()).isZero();
    Path log = tmp.resolve("server-out.txt");
    Ctl c = new Ctl(gw.url(), "").env("NATS_URL", "nats://x:4222").env("FAKE_OUT", log.toString());
    Ctl.Result r =
        c.env("CORDUM_SERVER_JAR", jar.toString())
            .run("server", "--NATS_URL=nats://y", "--config", "f.yaml");
    assertThat(r.code()).isEqualTo(3); // the server's own exit code
    assertThat(Files.readString(log))
        .isEqualTo("--NATS_URL=nats://y --config f.yaml " + "env=nats://x:4222");
    Ctl.Result missing =
        new Ctl(gw.url(), "").run("server", "--jar", tmp.resolve("none.jar").toString());
    assertThat(missing.code()).isEqualTo(Exit.USAGE);
    assertThat(missing.err()).startsWith("error: no server jar at ");
    Ctl.Result none = new Ctl(gw.url(), "").run("server");
    assertThat(none.code()).isEqualTo(Exit.ERROR);
    assertThat(none.err()).contains("cordum-server.jar not found next to cordumctl.jar");
  }
}
