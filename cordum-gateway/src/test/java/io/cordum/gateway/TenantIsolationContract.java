package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.api.auth.ApiKey;
import io.cordum.api.auth.ApiKeySecrets;
import io.cordum.api.auth.ApiKeyStore;
import io.cordum.api.job.JobState;
import io.cordum.api.job.JobSubmission;
import io.cordum.core.Cordum;
import io.cordum.gateway.auth.KeyStoreAuthProvider;
import io.cordum.gateway.auth.Permission;
import io.cordum.gateway.auth.RoleTable;
import io.cordum.gateway.route.Route;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants on one gateway with the key-store provider: every route, called with a key of every
 * role of tenant {@code tenant-a} (and a cross-tenant admin key) on objects of {@code tenant-a} and
 * of {@code tenant-b}, must answer the status the role table and the tenant rules give: 403 without
 * the permission, 404 for another tenant's object (as if absent), 403 for naming another tenant,
 * and the route's own answer otherwise. Listings never show another tenant's objects, and neither
 * does the stream. A test checks that the table covers every route the gateway serves. Subclasses
 * choose the key store (in-memory, Redis).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TenantIsolationContract {
  static final String A = "tenant-a";
  static final String B = "tenant-b";
  static final List<String> ROLES = List.of("viewer", "operator", "secops", "admin");
  static final String PLATFORM = "platform";

  Backend backend;
  Cordum cordum;
  Gateway gateway;
  ApiKeyStore store;
  final RoleTable roles = RoleTable.standard();

  /** Clients by tenant and role ({@code tenant-a/viewer}, ..., the cross-tenant admin). */
  final Map<String, Http> clients = new HashMap<>();

  final Map<String, String> tokens = new HashMap<>();

  /** The key store under test (empty). */
  abstract ApiKeyStore keyStore();

  /** Releases what {@link #keyStore()} set up. */
  void closeKeyStore() {}

  @BeforeAll
  void start() throws Exception {
    org.awaitility.Awaitility.setDefaultPollDelay(Duration.ZERO);
    org.awaitility.Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    backend = Backend.memory();
    Path policy = Files.createTempFile("cordum-iso-policy", ".yaml");
    Files.writeString(policy, ControlApiContract.POLICY);
    policy.toFile().deleteOnExit();
    cordum = backend.cordum().policy(policy).build().start();
    backend.worker(cordum, "w1");
    store = keyStore();
    KeyStoreAuthProvider auth =
        KeyStoreAuthProvider.builder().store(store).defaultTenant(A).build();
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .authProvider(auth)
            .config(GatewayConfig.builder().port(0).rateLimitPerSecond(0).defaultTenant(A).build())
            .build()
            .start();
    for (String t : List.of(A, B)) {
      for (String r : ROLES) {
        key(t, r);
      }
    }
    key(KeyStoreAuthProvider.ANY_TENANT, "admin");
  }

  private void key(String tenant, String role) {
    String id = (tenant.equals("*") ? "all" : tenant) + "-" + role;
    ApiKeySecrets.Token t = ApiKeySecrets.newToken(id);
    store.create(
        new ApiKey(
            id,
            tenant,
            role,
            "p-" + id,
            "",
            List.of(),
            ApiKeySecrets.hash(t.secret()),
            java.time.Instant.now(),
            null,
            null,
            null,
            null));
    tokens.put(tenant + "/" + role, t.value());
    clients.put(tenant + "/" + role, new Http(gateway.uri()).with("X-API-Key", t.value()));
  }

  Http as(String tenant, String role) {
    return clients.get(tenant + "/" + role);
  }

  @AfterAll
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (cordum != null) {
      cordum.close();
    }
    if (backend != null) {
      backend.close();
    }
    closeKeyStore();
  }

  // ---- objects of a tenant

  String job(String tenant, String topic, String input) {
    return cordum
        .jobs()
        .submit(JobSubmission.builder().topic(topic).tenant(tenant).input(input).build())
        .jobId();
  }

  String pendingJob(String tenant) {
    return job(tenant, "job.default", "{}");
  }

  String heldJob(String tenant) {
    String id = job(tenant, "job.hold", "{}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cordum.jobs().get(id).orElseThrow().state() == JobState.APPROVAL_REQUIRED);
    return id;
  }

  String deniedJob(String tenant) {
    String id = job(tenant, "job.danger", "{}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cordum.jobs().get(id).orElseThrow().state().isTerminal());
    return id;
  }

  String deadJob(String tenant) {
    String id = job(tenant, "job.test", "\"fail\"");
    await().atMost(Duration.ofSeconds(20)).until(() -> cordum.deadLetters().get(id).isPresent());
    return id;
  }

  String trace(String tenant) {
    return cordum.jobs().get(pendingJob(tenant)).orElseThrow().traceId();
  }

  String artifact(String tenant) {
    Http.Resp r = as(tenant, "admin").post("/api/v1/artifacts", "{\"content\":\"hello\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return URLEncoder.encode(r.json().get("artifact_ptr").asString(), StandardCharsets.UTF_8);
  }

  String workflow(String tenant) {
    Http.Resp r =
        as(tenant, "admin")
            .post(
                "/api/v1/workflows",
                "{\"name\":\"w\",\"org_id\":\""
                    + tenant
                    + "\",\"steps\":{\"approve\":{\"type\":\"approval\",\"name\":\"Approve\"}}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  /** A run waiting at its approval step; the id is {@code <workflow>/<run>}. */
  String run(String tenant) {
    String wf = workflow(tenant);
    Http.Resp r = as(tenant, "admin").post("/api/v1/workflows/" + wf + "/runs", "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String run = r.json().get("run_id").asString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "waiting"
                    .equals(
                        as(tenant, "admin")
                            .get("/api/v1/workflow-runs/" + run)
                            .json()
                            .path("status")
                            .asString("")));
    return wf + "/" + run;
  }

  String apiKey(String tenant) {
    String id = ApiKeySecrets.newId();
    store.create(
        new ApiKey(
            id,
            tenant,
            "viewer",
            "p-" + id,
            "",
            List.of(),
            ApiKeySecrets.hash("x-secret-value"),
            java.time.Instant.now(),
            null,
            null,
            null,
            null));
    return id;
  }

  // ---- the table

  /**
   * One route exercised on an object. {@code path} and {@code body} contain {@code {o}} (the object
   * id), {@code {wf}} and {@code {run}} (for runs).
   *
   * @param fresh whether each permitted call needs a new object (the call changes it)
   * @param own the status for an object of the caller's tenant
   * @param other the status for another tenant's object (404 unless stated)
   */
  record Case(
      String method,
      String pattern,
      String path,
      String body,
      Function<String, String> object,
      boolean fresh,
      int own,
      int other) {}

  final List<Case> objectCases = new ArrayList<>();

  /** Routes with no object of a tenant: listings (checked for leaks) and shared objects. */
  record Plain(String method, String pattern, String path, String body, int own) {}

  final List<Plain> plainCases = new ArrayList<>();

  void obj(
      String method,
      String pattern,
      String path,
      String body,
      Function<String, String> object,
      boolean fresh,
      int own) {
    objectCases.add(new Case(method, pattern, path, body, object, fresh, own, 404));
  }

  void plain(String method, String pattern, String path, String body, int own) {
    plainCases.add(new Plain(method, pattern, path, body, own));
  }

  {
    Function<String, String> pending = this::pendingJob;
    obj("GET", "/api/v1/jobs/{id}", "/api/v1/jobs/{o}", null, pending, false, 200);
    obj("GET", "/api/v1/jobs/{id}/history", "/api/v1/jobs/{o}/history", null, pending, false, 200);
    obj(
        "GET",
        "/api/v1/jobs/{id}/decisions",
        "/api/v1/jobs/{o}/decisions",
        null,
        pending,
        false,
        200);
    obj("POST", "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{o}/cancel", "", pending, true, 200);
    obj(
        "POST",
        "/api/v1/jobs/{id}/remediate",
        "/api/v1/jobs/{o}/remediate",
        "{\"remediation_id\":\"safer\"}",
        this::deniedJob,
        true,
        200);
    obj("GET", "/api/v1/memory", "/api/v1/memory?key=ctx:{o}", null, pending, false, 200);
    obj(
        "GET",
        "/api/v1/artifacts/{ptr}",
        "/api/v1/artifacts/{o}",
        null,
        this::artifact,
        false,
        200);
    obj("GET", "/api/v1/workflows/{id}", "/api/v1/workflows/{o}", null, this::workflow, false, 200);
    obj(
        "DELETE",
        "/api/v1/workflows/{id}",
        "/api/v1/workflows/{o}",
        null,
        this::workflow,
        true,
        204);
    obj(
        "POST",
        "/api/v1/workflows/{id}/runs",
        "/api/v1/workflows/{o}/runs",
        "{}",
        this::workflow,
        true,
        200);
    obj(
        "GET",
        "/api/v1/workflows/{id}/runs",
        "/api/v1/workflows/{o}/runs",
        null,
        this::workflow,
        false,
        200);
    obj(
        "GET",
        "/api/v1/workflow-runs/{id}",
        "/api/v1/workflow-runs/{run}",
        null,
        this::run,
        false,
        200);
    obj(
        "GET",
        "/api/v1/workflow-runs/{id}/timeline",
        "/api/v1/workflow-runs/{run}/timeline",
        null,
        this::run,
        false,
        200);
    obj(
        "DELETE",
        "/api/v1/workflow-runs/{id}",
        "/api/v1/workflow-runs/{run}",
        null,
        this::run,
        true,
        204);
    obj(
        "POST",
        "/api/v1/workflow-runs/{id}/rerun",
        "/api/v1/workflow-runs/{run}/rerun",
        "{\"from_step\":\"approve\",\"dry_run\":true}",
        this::run,
        true,
        200);
    obj(
        "POST",
        "/api/v1/workflows/{id}/runs/{run_id}/steps/{step_id}/approve",
        "/api/v1/workflows/{wf}/runs/{run}/steps/approve/approve",
        "{\"approved\":true}",
        this::run,
        true,
        204);
    obj(
        "POST",
        "/api/v1/workflows/{id}/runs/{run_id}/cancel",
        "/api/v1/workflows/{wf}/runs/{run}/cancel",
        "",
        this::run,
        true,
        204);
    obj(
        "POST",
        "/api/v1/approvals/{job_id}/approve",
        "/api/v1/approvals/{o}/approve",
        "{}",
        this::heldJob,
        true,
        200);
    obj(
        "POST",
        "/api/v1/approvals/{job_id}/reject",
        "/api/v1/approvals/{o}/reject",
        "{}",
        this::heldJob,
        true,
        200);
    obj("GET", "/api/v1/dlq/{job_id}", "/api/v1/dlq/{o}", null, this::deadJob, false, 200);
    objectCases.add(
        new Case(
            "DELETE",
            "/api/v1/dlq/{job_id}",
            "/api/v1/dlq/{o}",
            null,
            this::deadJob,
            true,
            204,
            204));
    obj(
        "POST",
        "/api/v1/dlq/{job_id}/retry",
        "/api/v1/dlq/{o}/retry",
        "",
        this::deadJob,
        true,
        200);
    objectCases.add(
        new Case(
            "GET",
            "/api/v1/traces/{id}",
            "/api/v1/traces/{o}",
            null,
            this::trace,
            false,
            200,
            200));
    obj("GET", "/api/v1/auth/keys/{id}", "/api/v1/auth/keys/{o}", null, this::apiKey, false, 200);
    obj("DELETE", "/api/v1/auth/keys/{id}", "/api/v1/auth/keys/{o}", null, this::apiKey, true, 200);
    obj(
        "POST",
        "/api/v1/auth/keys/{id}/rotate",
        "/api/v1/auth/keys/{o}/rotate",
        "",
        this::apiKey,
        true,
        200);

    // Listings: 200 without another tenant's objects.
    for (String p :
        List.of(
            "/api/v1/jobs",
            "/api/v1/approvals",
            "/api/v1/dlq",
            "/api/v1/dlq/page",
            "/api/v1/workflows",
            "/api/v1/workflow-runs",
            "/api/v1/auth/keys",
            "/api/v1/auth/audit",
            "/api/v1/jobs/counts",
            "/api/v1/stats/throughput",
            "/api/v1/status",
            "/api/v1/workers",
            "/api/v1/auth/whoami")) {
      plain("GET", p, p + (p.contains("?") ? "&" : "?") + "limit=1000", null, 200);
    }
    // Creating in one's own tenant.
    plain(
        "POST",
        "/api/v1/jobs",
        "/api/v1/jobs",
        "{\"prompt\":\"x\",\"topic\":\"job.default\"}",
        200);
    plain("POST", "/api/v1/artifacts", "/api/v1/artifacts", "{\"content\":\"x\"}", 200);
    plain(
        "POST",
        "/api/v1/workflows",
        "/api/v1/workflows",
        "{\"name\":\"n\",\"steps\":{\"a\":" + "{\"type\":\"approval\"}}}",
        201);
    plain("POST", "/api/v1/auth/keys", "/api/v1/auth/keys", "{\"role\":\"viewer\"}", 201);
    // Shared objects (no tenant): the role table alone decides; writes are platform-only.
    plain("GET", "/api/v1/config", "/api/v1/config?scope=system", null, 200);
    plain(
        "POST",
        "/api/v1/config",
        "/api/v1/config",
        "{\"scope\":\"team\",\"scope_id\":\"t1\",\"data\":{\"k\":1}}",
        204);
    plain("GET", "/api/v1/config/effective", "/api/v1/config/effective", null, 200);
    plain(
        "POST",
        "/api/v1/schemas",
        "/api/v1/schemas",
        "{\"id\":\"iso\",\"schema\":{\"type\":\"object\"}}",
        204);
    plain("GET", "/api/v1/schemas", "/api/v1/schemas", null, 200);
    plain("GET", "/api/v1/schemas/{id}", "/api/v1/schemas/none", null, 404);
    plain("POST", "/api/v1/schemas/{id}/validate", "/api/v1/schemas/none/validate", "{}", 404);
    plain("DELETE", "/api/v1/schemas/{id}", "/api/v1/schemas/none", null, 204);
    plain("GET", "/api/v1/locks", "/api/v1/locks?resource=none", null, 404);
    plain(
        "POST",
        "/api/v1/locks/acquire",
        "/api/v1/locks/acquire",
        "{\"resource\":\"r\",\"owner\":\"o\",\"ttl_ms\":60000}",
        200);
    plain(
        "POST",
        "/api/v1/locks/renew",
        "/api/v1/locks/renew",
        "{\"resource\":\"none\",\"owner\":\"o\",\"ttl_ms\":1000}",
        404);
    plain(
        "POST",
        "/api/v1/locks/release",
        "/api/v1/locks/release",
        "{\"resource\":\"none\",\"owner\":\"o\"}",
        409);
    for (String op : List.of("evaluate", "simulate", "explain")) {
      plain(
          "POST", "/api/v1/policy/" + op, "/api/v1/policy/" + op, "{\"topic\":\"job.test\"}", 200);
    }
    plain("GET", "/api/v1/policy/snapshots", "/api/v1/policy/snapshots", null, 200);
    plain("GET", "/api/v1/policy/rules", "/api/v1/policy/rules", null, 200);
    plain("GET", "/api/v1/policy/bundles", "/api/v1/policy/bundles", null, 200);
    plain("GET", "/api/v1/policy/bundles/snapshots", "/api/v1/policy/bundles/snapshots", null, 200);
    plain(
        "POST",
        "/api/v1/policy/bundles/snapshots",
        "/api/v1/policy/bundles/snapshots",
        "{\"note\":\"n\"}",
        200);
    plain(
        "GET",
        "/api/v1/policy/bundles/snapshots/{id}",
        "/api/v1/policy/bundles/snapshots/none",
        null,
        404);
    plain("GET", "/api/v1/policy/bundles/{id}", "/api/v1/policy/bundles/none", null, 404);
    plain(
        "PUT",
        "/api/v1/policy/bundles/{id}",
        "/api/v1/policy/bundles/secops~iso",
        "{\"content\":\"rules: []\"}",
        200);
    plain(
        "POST",
        "/api/v1/policy/bundles/{id}/simulate",
        "/api/v1/policy/bundles/secops~iso/simulate",
        "{\"request\":{\"topic\":\"job.test\"}}",
        200);
    plain("POST", "/api/v1/policy/publish", "/api/v1/policy/publish", "{}", 200);
    plain(
        "POST",
        "/api/v1/policy/rollback",
        "/api/v1/policy/rollback",
        "{\"snapshot_id\":\"none\"}",
        404);
    plain("GET", "/api/v1/policy/audit", "/api/v1/policy/audit", null, 200);
  }

  /** Routes the table covers by other means or that have no caller to isolate. */
  static final Set<String> ELSEWHERE = Set.of("GET /api/v1/stream"); // the stream test below

  Map<String, String> ids(String tenant, Case c) {
    String o = c.object().apply(tenant);
    Map<String, String> m = new LinkedHashMap<>();
    if (o.contains("/")) {
      m.put("{wf}", o.substring(0, o.indexOf('/')));
      m.put("{run}", o.substring(o.indexOf('/') + 1));
    }
    m.put("{o}", o);
    return m;
  }

  static String fill(String s, Map<String, String> ids) {
    if (s == null) {
      return null;
    }
    String out = s;
    for (var e : ids.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  Http.Resp call(Http h, String method, String path, String body) {
    byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    return h.send(method, path, b);
  }

  Permission permission(String method, String pattern) {
    return gateway.routes().stream()
        .filter(r -> r.method().equals(method) && r.pattern().equals(pattern))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no route " + method + " " + pattern))
        .permission();
  }

  @Test
  void theTableCoversEveryRoute() {
    Set<String> covered = new LinkedHashSet<>(ELSEWHERE);
    objectCases.forEach(c -> covered.add(c.method() + " " + c.pattern()));
    plainCases.forEach(c -> covered.add(c.method() + " " + c.pattern()));
    Set<String> served = new LinkedHashSet<>();
    for (Route r : gateway.routes()) {
      if (!r.permission().isPublic() && !r.doc().tag().equals("not served")) {
        served.add(r.method() + " " + r.pattern());
      }
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void everyObjectRouteGivesTheRoleAndTenantStatus() {
    List<String> wrong = new ArrayList<>();
    Map<String, Map<String, String>> shared = new HashMap<>();
    for (Case c : objectCases) {
      Permission perm = permission(c.method(), c.pattern());
      for (String caller : callers()) {
        String tenant = caller.substring(0, caller.indexOf('/'));
        String role = caller.substring(caller.indexOf('/') + 1);
        boolean cross = tenant.equals("*");
        boolean permitted = roles.grants(role, cross, perm);
        for (String owner : List.of(A, B)) {
          Map<String, String> ids =
              permitted && c.fresh()
                  ? ids(owner, c)
                  : shared.computeIfAbsent(c.pattern() + c.method() + owner, k -> ids(owner, c));
          Http.Resp r =
              call(clients.get(caller), c.method(), fill(c.path(), ids), fill(c.body(), ids));
          int want = !permitted ? 403 : owner.equals(A) || cross ? c.own() : c.other();
          if (r.status() != want) {
            wrong.add(
                c.method()
                    + " "
                    + c.pattern()
                    + " as "
                    + caller
                    + " on "
                    + owner
                    + "'s object: "
                    + r.status()
                    + " (want "
                    + want
                    + ") "
                    + r.body().trim());
          }
          if (!cross
              && owner.equals(B)
              && r.status() < 300
              && r.body().contains(ids.get("{o}"))
              && !c.pattern().startsWith("/api/v1/auth/keys")) {
            wrong.add(c.method() + " " + c.pattern() + " as " + caller + " leaked " + r.body());
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void listingsNeverShowAnotherTenantsObjectsAndSharedObjectsFollowTheTable() {
    // Objects of tenant B everywhere a listing could show them.
    pendingJob(B);
    heldJob(B);
    deadJob(B);
    run(B);
    apiKey(B);
    as(B, "admin").post("/api/v1/jobs/nope/cancel", "");
    List<String> wrong = new ArrayList<>();
    for (Plain c : plainCases) {
      Permission perm = permission(c.method(), c.pattern());
      for (String caller : callers()) {
        String tenant = caller.substring(0, caller.indexOf('/'));
        String role = caller.substring(caller.indexOf('/') + 1);
        boolean cross = tenant.equals("*");
        Http.Resp r = call(clients.get(caller), c.method(), c.path(), c.body());
        int want = perm.isAuthenticatedOnly() || roles.grants(role, cross, perm) ? c.own() : 403;
        if (r.status() != want) {
          wrong.add(
              c.method()
                  + " "
                  + c.path()
                  + " as "
                  + caller
                  + ": "
                  + r.status()
                  + " (want "
                  + want
                  + ") "
                  + r.body().trim());
        }
        if (!cross && r.body().contains(B)) {
          wrong.add(
              c.method() + " " + c.path() + " as " + caller + " shows " + B + ": " + r.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void namingAnotherTenantIs403ForEveryTenantKey() {
    List<String[]> named =
        List.of(
            new String[] {"GET", "/api/v1/jobs?tenant=" + B, null},
            new String[] {"GET", "/api/v1/jobs/counts?tenant=" + B, null},
            new String[] {"POST", "/api/v1/jobs", "{\"prompt\":\"x\",\"org_id\":\"" + B + "\"}"},
            new String[] {"GET", "/api/v1/workflows?org_id=" + B, null},
            new String[] {"GET", "/api/v1/workflow-runs?org_id=" + B, null},
            new String[] {"POST", "/api/v1/workflows", "{\"name\":\"n\",\"org_id\":\"" + B + "\"}"},
            new String[] {"GET", "/api/v1/config/effective?org_id=" + B, null},
            new String[] {"GET", "/api/v1/config?scope=org&scope_id=" + B, null},
            new String[] {
              "POST", "/api/v1/policy/evaluate", "{\"topic\":\"job.test\",\"tenant\":\"" + B + "\"}"
            },
            new String[] {"GET", "/api/v1/auth/keys?tenant=" + B, null},
            new String[] {
              "POST", "/api/v1/auth/keys", "{\"role\":\"viewer\",\"tenant\":\"" + B + "\"}"
            },
            new String[] {"GET", "/api/v1/auth/audit?tenant=" + B, null});
    List<String> wrong = new ArrayList<>();
    for (String[] n : named) {
      for (String role : ROLES) {
        Http.Resp r = call(as(A, role), n[0], n[1], n[2]);
        if (r.status() != 403) {
          wrong.add(n[0] + " " + n[1] + " as " + role + ": " + r.status() + " " + r.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theStreamCarriesOnlyTheCallersTenant() throws Exception {
    List<JsonNode> frames = new CopyOnWriteArrayList<>();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols(
                "cordum-api-key",
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(tokens.get(A + "/viewer").getBytes(StandardCharsets.UTF_8)))
            .buildAsync(
                java.net.URI.create("ws://127.0.0.1:" + gateway.port() + "/api/v1/stream"),
                new WebSocket.Listener() {
                  final StringBuilder part = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence d, boolean last) {
                    part.append(d);
                    if (last) {
                      frames.add(Http.JSON.readTree(part.toString()));
                      part.setLength(0);
                    }
                    w.request(1);
                    return null;
                  }
                })
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    String foreign = job(B, "job.test", "\"b\"");
    cordum.jobs().awaitTerminal(foreign).get(20, TimeUnit.SECONDS);
    String own = job(A, "job.test", "\"a\"");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> frames.stream().anyMatch(f -> f.toString().contains(own) && f.has("jobResult")));
    assertThat(frames).noneMatch(f -> f.toString().contains(foreign));
    ws.sendClose(1000, "bye").join();
  }

  List<String> callers() {
    List<String> out = new ArrayList<>();
    ROLES.forEach(r -> out.add(A + "/" + r));
    out.add("*/admin");
    return out;
  }
}
