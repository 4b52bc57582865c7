package io.cordum.gateway.internal.routes;

import static io.cordum.gateway.auth.Permission.APPROVALS_DECIDE;
import static io.cordum.gateway.auth.Permission.APPROVALS_READ;
import static io.cordum.gateway.auth.Permission.ARTIFACTS_READ;
import static io.cordum.gateway.auth.Permission.ARTIFACTS_WRITE;
import static io.cordum.gateway.auth.Permission.CONFIG_READ;
import static io.cordum.gateway.auth.Permission.CONFIG_WRITE;
import static io.cordum.gateway.auth.Permission.DLQ_MANAGE;
import static io.cordum.gateway.auth.Permission.DLQ_READ;
import static io.cordum.gateway.auth.Permission.JOBS_MANAGE;
import static io.cordum.gateway.auth.Permission.JOBS_READ;
import static io.cordum.gateway.auth.Permission.JOBS_SUBMIT;
import static io.cordum.gateway.auth.Permission.LOCKS_READ;
import static io.cordum.gateway.auth.Permission.LOCKS_WRITE;
import static io.cordum.gateway.auth.Permission.MEMORY_READ;
import static io.cordum.gateway.auth.Permission.PACKS_MANAGE;
import static io.cordum.gateway.auth.Permission.POLICY_EVALUATE;
import static io.cordum.gateway.auth.Permission.POLICY_READ;
import static io.cordum.gateway.auth.Permission.POLICY_WRITE;
import static io.cordum.gateway.auth.Permission.PUBLIC;
import static io.cordum.gateway.auth.Permission.RUNS_MANAGE;
import static io.cordum.gateway.auth.Permission.SCHEMAS_READ;
import static io.cordum.gateway.auth.Permission.SCHEMAS_WRITE;
import static io.cordum.gateway.auth.Permission.STATUS_READ;
import static io.cordum.gateway.auth.Permission.STREAM_READ;
import static io.cordum.gateway.auth.Permission.WORKFLOWS_READ;
import static io.cordum.gateway.auth.Permission.WORKFLOWS_WRITE;

import io.cordum.core.Cordum;
import io.cordum.gateway.GatewayConfig;
import io.cordum.gateway.internal.OpenApi;
import io.cordum.gateway.internal.stream.StreamHub;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.Reply;
import io.cordum.gateway.route.RouteGroup;
import io.cordum.gateway.route.Routes;
import java.util.function.Supplier;

/**
 * The route table of Cordum's {@code /api/v1}: every route with its permission, its OpenAPI
 * description and its handler, in one place. Handlers live in one class per area.
 */
public final class ApiRoutes implements RouteGroup {
  private final StatusRoutes status;
  private final JobRoutes jobs;
  private final WorkflowRoutes workflows;
  private final ApprovalRoutes approvals;
  private final DlqRoutes dlq;
  private final ConfigRoutes config;
  private final SchemaRoutes schemas;
  private final LockRoutes locks;
  private final PolicyRoutes policy;
  private final MemoryRoutes memory;
  private final long artifactBody;
  private final Supplier<byte[]> openApi;

  /** Creates the handlers over the control plane. */
  public ApiRoutes(
      Cordum cordum, GatewayConfig config, StreamHub stream, Supplier<byte[]> openApi) {
    this.status = new StatusRoutes(cordum, config);
    this.jobs = new JobRoutes(cordum);
    this.workflows = new WorkflowRoutes(cordum);
    this.approvals = new ApprovalRoutes(cordum);
    this.dlq = new DlqRoutes(cordum);
    this.config = new ConfigRoutes(cordum);
    this.schemas = new SchemaRoutes(cordum);
    this.locks = new LockRoutes(cordum);
    this.policy = new PolicyRoutes(cordum);
    this.memory = new MemoryRoutes(cordum);
    this.artifactBody = config.maxArtifactBodyBytes();
    this.openApi = openApi;
  }

  @Override
  public void register(Routes r) {
    // ---- health, status, workers, API description
    r.get("/health")
        .permission(PUBLIC)
        .tag("status")
        .summary("Liveness: answers ok while the gateway runs")
        .okText()
        .handle(status::health);
    r.get("/api/v1/status")
        .permission(STATUS_READ)
        .tag("status")
        .summary("Uptime, build, bus and store health, worker count")
        .ok("Status")
        .handle(status::status);
    r.get("/api/v1/workers")
        .permission(STATUS_READ)
        .tag("status")
        .summary("The live workers (heartbeats not older than the registry's TTL)")
        .okArray("Heartbeat")
        .handle(status::workers);
    r.get(OpenApi.PATH)
        .permission(PUBLIC)
        .tag("status")
        .summary("This OpenAPI 3.1 document")
        .ok("OpenApiDocument")
        .handle(c -> Reply.bytes(200, openApi.get(), "application/json"));

    // ---- jobs
    r.post("/api/v1/jobs")
        .permission(JOBS_SUBMIT)
        .tag("jobs")
        .summary("Submit a job (an idempotency key returns the earlier job)")
        .body("SubmitJobRequest")
        .ok("SubmitJobResponse")
        .errors(400, 403)
        .handle(jobs::submit);
    r.get("/api/v1/jobs")
        .permission(JOBS_READ)
        .tag("jobs")
        .summary("List jobs, newest first; cursors never skip or repeat a job")
        .query("limit", "integer", "page size (default 50, capped)")
        .query("state", "job state, case-insensitive")
        .query("topic", "exact topic")
        .query("tenant", "tenant (default: the caller's)")
        .query("trace_id", "only this trace's jobs (limit and cursor ignored)")
        .query("cursor", "next_cursor of the previous page, or a unix timestamp (s/ms/µs/ns)")
        .query("updated_after", "unix timestamp (s/ms/µs/ns)")
        .query("updated_before", "unix timestamp (s/ms/µs/ns), inclusive")
        .ok("JobPage")
        .errors(400, 403)
        .handle(jobs::list);
    r.get("/api/v1/jobs/{id}")
        .permission(JOBS_READ)
        .tag("jobs")
        .summary("A job with its input, result, safety decision, DLQ entry and approval")
        .path("id", "the job id")
        .ok("JobDetail")
        .errors(404)
        .handle(jobs::get);
    r.get("/api/v1/jobs/{id}/history")
        .permission(JOBS_READ)
        .tag("jobs")
        .summary("The job's state history, oldest first (each state it entered, with the time)")
        .path("id", "the job id")
        .okArray("JobStateEvent")
        .errors(404)
        .handle(jobs::history);
    r.get("/api/v1/jobs/{id}/decisions")
        .permission(JOBS_READ)
        .tag("jobs")
        .summary("The job's safety decisions, newest first")
        .path("id", "the job id")
        .query("limit", "integer", "how many (default 50)")
        .okArray("SafetyDecision")
        .errors(404)
        .handle(jobs::decisions);
    r.post("/api/v1/jobs/{id}/cancel")
        .permission(JOBS_MANAGE)
        .tag("jobs")
        .summary("Cancel a job (a terminal job is left as it is)")
        .path("id", "the job id")
        .ok("CancelResponse")
        .errors(404)
        .handle(jobs::cancel);
    r.get("/api/v1/traces/{id}")
        .permission(JOBS_READ)
        .tag("jobs")
        .summary("The jobs of a trace (other tenants' jobs are left out)")
        .path("id", "the trace id")
        .okArray("JobRecord")
        .handle(jobs::trace);

    r.post("/api/v1/jobs/{id}/remediate")
        .permission(JOBS_MANAGE)
        .tag("jobs")
        .summary("Submit the job's remediation (a clone with the replacement topic and labels)")
        .path("id", "the job id")
        .optionalBody("RemediateRequest")
        .ok("SubmitJobResponse")
        .error(400, "several remediations and none chosen, or an invalid body")
        .error(404, "no such job or remediation")
        .error(409, "no remediations available")
        .handle(jobs::remediate);

    // ---- memory pointers and artifacts
    r.get("/api/v1/memory")
        .permission(MEMORY_READ)
        .tag("memory")
        .summary("A job's input (ctx:) or result (res:) behind its pointer")
        .query("ptr", "redis://ctx:<job_id> or redis://res:<job_id>")
        .query("key", "ctx:<job_id> or res:<job_id>")
        .ok("MemoryEntry")
        .errors(400, 404)
        .error(501, "mem: keys (raw Redis inspection) are not served")
        .handle(memory::memory);
    r.post("/api/v1/artifacts")
        .permission(ARTIFACTS_WRITE)
        .tag("artifacts")
        .summary("Store an artifact (content or content_base64)")
        .query("max_bytes", "integer", "refuse content larger than this (client-side cap)")
        .body("ArtifactUpload")
        .ok("ArtifactCreated")
        .errors(400, 403, 413)
        .maxBody(artifactBody)
        .handle(memory::putArtifact);
    r.get("/api/v1/artifacts/{ptr}")
        .permission(ARTIFACTS_READ)
        .tag("artifacts")
        .summary("An artifact by its pointer (URL-encoded, e.g. redis%3A%2F%2Fart%3A<id>)")
        .path("ptr", "the artifact pointer, URL-encoded")
        .ok("Artifact")
        .errors(404)
        .handle(memory::getArtifact);

    // ---- workflows and runs
    r.get("/api/v1/workflows")
        .permission(WORKFLOWS_READ)
        .tag("workflows")
        .summary("The tenant's workflows (at most limit, default 100)")
        .query("org_id", "tenant (default: the caller's)")
        .query("limit", "integer", "how many (default 100)")
        .okArray("Workflow")
        .errors(403)
        .handle(workflows::list);
    r.post("/api/v1/workflows")
        .permission(WORKFLOWS_WRITE)
        .tag("workflows")
        .summary(
            "Create or update a workflow; omitted fields, steps included, keep their "
                + "stored values")
        .body("Workflow")
        .ok(201, "IdResponse")
        .errors(400, 403)
        .handle(workflows::create);
    r.get("/api/v1/workflows/{id}")
        .permission(WORKFLOWS_READ)
        .tag("workflows")
        .summary("A workflow")
        .path("id", "the workflow id")
        .ok("Workflow")
        .errors(404)
        .handle(workflows::get);
    r.delete("/api/v1/workflows/{id}")
        .permission(WORKFLOWS_WRITE)
        .tag("workflows")
        .summary("Delete a workflow (its runs are kept)")
        .path("id", "the workflow id")
        .noContent()
        .errors(404)
        .handle(workflows::delete);
    r.post("/api/v1/workflows/{id}/runs")
        .permission(RUNS_MANAGE)
        .tag("runs")
        .summary("Start a run; the body is its input (Idempotency-Key header or query)")
        .path("id", "the workflow id")
        .query("org_id", "tenant (default: the workflow's)")
        .query("team_id", "team")
        .query("dry_run", "boolean", "run without real jobs")
        .query("idempotency_key", "idempotency key (the header wins)")
        .optionalBody("RunInput")
        .ok("RunIdResponse")
        .errors(400, 403, 404)
        .error(429, "the tenant's concurrent run limit is reached")
        .handle(workflows::start);
    r.get("/api/v1/workflows/{id}/runs")
        .permission(WORKFLOWS_READ)
        .tag("runs")
        .summary("The workflow's runs, newest first (at most limit, default 100)")
        .path("id", "the workflow id")
        .query("limit", "integer", "how many")
        .okArray("WorkflowRun")
        .errors(404)
        .handle(workflows::runsOfWorkflow);
    r.get("/api/v1/workflow-runs")
        .permission(WORKFLOWS_READ)
        .tag("runs")
        .summary("List runs, newest first; cursors never skip or repeat a run")
        .query("limit", "integer", "page size (default 50, capped)")
        .query("cursor", "next_cursor of the previous page, or a unix timestamp")
        .query("status", "pending, running, waiting, succeeded, failed, cancelled, timed_out")
        .query("workflow_id", "only this workflow's runs")
        .query("org_id", "tenant (default: the caller's)")
        .query("team_id", "team")
        .query("updated_after", "unix timestamp (s/ms/µs/ns)")
        .query("updated_before", "unix timestamp (s/ms/µs/ns), inclusive")
        .ok("RunPage")
        .errors(400, 403)
        .handle(workflows::listRuns);
    r.get("/api/v1/workflow-runs/{id}")
        .permission(WORKFLOWS_READ)
        .tag("runs")
        .summary("A run with its steps")
        .path("id", "the run id")
        .ok("WorkflowRun")
        .errors(404)
        .handle(workflows::getRun);
    r.get("/api/v1/workflow-runs/{id}/timeline")
        .permission(WORKFLOWS_READ)
        .tag("runs")
        .summary("The run's timeline, oldest first")
        .path("id", "the run id")
        .query("limit", "integer", "how many (default 200)")
        .okArray("TimelineEvent")
        .errors(404)
        .handle(workflows::timeline);
    r.delete("/api/v1/workflow-runs/{id}")
        .permission(RUNS_MANAGE)
        .tag("runs")
        .summary("Delete a run")
        .path("id", "the run id")
        .noContent()
        .errors(404)
        .handle(workflows::deleteRun);
    r.post("/api/v1/workflow-runs/{id}/rerun")
        .permission(RUNS_MANAGE)
        .tag("runs")
        .summary("Rerun from a step (or the whole run) as a new run")
        .path("id", "the run id")
        .optionalBody("RerunRequest")
        .ok("RunIdResponse")
        .errors(400, 404)
        .error(429, "the tenant's concurrent run limit is reached")
        .handle(workflows::rerun);
    r.post("/api/v1/workflows/{id}/runs/{run_id}/steps/{step_id}/approve")
        .permission(RUNS_MANAGE)
        .tag("runs")
        .summary("Approve or reject a waiting approval step")
        .path("id", "the workflow id")
        .path("run_id", "the run id")
        .path("step_id", "the approval step")
        .body("StepDecision")
        .noContent()
        .errors(400, 404, 409)
        .handle(workflows::approveStep);
    r.post("/api/v1/workflows/{id}/runs/{run_id}/cancel")
        .permission(RUNS_MANAGE)
        .tag("runs")
        .summary("Cancel a run (a finished run is 409)")
        .path("id", "the workflow id")
        .path("run_id", "the run id")
        .noContent()
        .errors(404, 409)
        .handle(workflows::cancelRun);

    // ---- approvals of jobs held by policy
    r.get("/api/v1/approvals")
        .permission(APPROVALS_READ)
        .tag("approvals")
        .summary("Jobs waiting for approval, oldest first")
        .query("limit", "integer", "page size (default 100)")
        .query("cursor", "next_cursor of the previous page")
        .ok("ApprovalPage")
        .errors(400)
        .handle(approvals::list);
    r.post("/api/v1/approvals/{job_id}/approve")
        .permission(APPROVALS_DECIDE)
        .tag("approvals")
        .summary("Approve a job (bound to its policy snapshot and request hash)")
        .path("job_id", "the job id")
        .optionalBody("ApprovalDecision")
        .ok("SubmitJobResponse")
        .errors(400, 404, 409)
        .handle(approvals::approve);
    r.post("/api/v1/approvals/{job_id}/reject")
        .permission(APPROVALS_DECIDE)
        .tag("approvals")
        .summary("Reject a job (it ends DENIED and is dead-lettered)")
        .path("job_id", "the job id")
        .optionalBody("ApprovalDecision")
        .ok("JobIdResponse")
        .errors(400, 404, 409)
        .handle(approvals::reject);

    // ---- DLQ
    r.get("/api/v1/dlq")
        .permission(DLQ_READ)
        .tag("dlq")
        .summary("Dead letters, newest first")
        .query("limit", "integer", "how many (default 100)")
        .okArray("DeadLetter")
        .handle(dlq::list);
    r.get("/api/v1/dlq/page")
        .permission(DLQ_READ)
        .tag("dlq")
        .summary("Dead letters, newest first, with an exact cursor")
        .query("limit", "integer", "page size (default 100)")
        .query("cursor", "next_cursor of the previous page")
        .ok("DeadLetterPage")
        .errors(400)
        .handle(dlq::pageOf);
    r.get("/api/v1/dlq/{job_id}")
        .permission(DLQ_READ)
        .tag("dlq")
        .summary("A dead letter")
        .path("job_id", "the job id")
        .ok("DeadLetter")
        .errors(404)
        .handle(dlq::get);
    r.delete("/api/v1/dlq/{job_id}")
        .permission(DLQ_MANAGE)
        .tag("dlq")
        .summary("Delete a dead letter (204 whether or not it existed)")
        .path("job_id", "the job id")
        .noContent()
        .handle(dlq::delete);
    r.post("/api/v1/dlq/{job_id}/retry")
        .permission(DLQ_MANAGE)
        .tag("dlq")
        .summary(
            "Retry a dead-lettered job as a new job (the whole request is cloned; the body "
                + "may give an edited input)")
        .path("job_id", "the job id")
        .optionalBody("DeadLetterRetry")
        .ok("SubmitJobResponse")
        .errors(400, 404)
        .handle(dlq::retry);

    // ---- config
    r.get("/api/v1/config")
        .permission(CONFIG_READ)
        .tag("config")
        .summary("A config document")
        .query("scope", "system, org, team, workflow or step")
        .query("scope_id", "the scope's id (system: default)")
        .ok("ConfigDocument")
        .errors(400, 403, 404)
        .handle(config::get);
    r.post("/api/v1/config")
        .permission(CONFIG_WRITE)
        .tag("config")
        .summary("Replace a config document (revision: optional compare-and-set)")
        .body("ConfigWrite")
        .noContent()
        .errors(400, 403, 409)
        .handle(config::set);
    r.get("/api/v1/config/effective")
        .permission(CONFIG_READ)
        .tag("config")
        .summary("The effective config of an org, team, workflow and step")
        .query("org_id", "tenant (default: the caller's)")
        .query("team_id", "team")
        .query("workflow_id", "workflow")
        .query("step_id", "step")
        .ok("EffectiveConfig")
        .errors(403)
        .handle(config::effective);

    // ---- schemas
    r.post("/api/v1/schemas")
        .permission(SCHEMAS_WRITE)
        .tag("schemas")
        .summary("Register a JSON schema (checked and compiled; every problem is listed)")
        .body("SchemaRegistration")
        .noContent()
        .errors(400)
        .handle(schemas::register);
    r.get("/api/v1/schemas")
        .permission(SCHEMAS_READ)
        .tag("schemas")
        .summary("Schema ids, newest first")
        .query("limit", "integer", "how many (default 100)")
        .ok("SchemaList")
        .handle(schemas::list);
    r.get("/api/v1/schemas/{id}")
        .permission(SCHEMAS_READ)
        .tag("schemas")
        .summary("A schema (ids may contain /, sent as %2F)")
        .path("id", "the schema id")
        .ok("Schema")
        .errors(404)
        .handle(schemas::get);
    r.post("/api/v1/schemas/{id}/validate")
        .permission(SCHEMAS_READ)
        .tag("schemas")
        .summary("Validate a JSON document (the body) against a schema; every violation is listed")
        .path("id", "the schema id")
        .body("JsonDocument")
        .ok("SchemaValidation")
        .errors(400, 404)
        .handle(schemas::validate);
    r.delete("/api/v1/schemas/{id}")
        .permission(SCHEMAS_WRITE)
        .tag("schemas")
        .summary("Delete a schema (204 whether or not it existed)")
        .path("id", "the schema id")
        .noContent()
        .handle(schemas::delete);

    // ---- locks
    r.get("/api/v1/locks")
        .permission(LOCKS_READ)
        .tag("locks")
        .summary("A lock")
        .query("resource", "the resource")
        .ok("Lock")
        .errors(400, 404)
        .handle(locks::get);
    r.post("/api/v1/locks/acquire")
        .permission(LOCKS_WRITE)
        .tag("locks")
        .summary("Acquire a lock (mode shared or exclusive)")
        .body("LockRequest")
        .ok("Lock")
        .errors(400)
        .error(409, "lock unavailable")
        .handle(locks::acquire);
    r.post("/api/v1/locks/release")
        .permission(LOCKS_WRITE)
        .tag("locks")
        .summary("Release an owner's hold")
        .body("LockRequest")
        .ok("LockReleased")
        .errors(400)
        .error(409, "lock not held")
        .handle(locks::release);
    r.post("/api/v1/locks/renew")
        .permission(LOCKS_WRITE)
        .tag("locks")
        .summary("Renew an owner's hold")
        .body("LockRequest")
        .ok("Lock")
        .errors(400)
        .error(404, "lock not held")
        .handle(locks::renew);

    // ---- policy
    for (String op : new String[] {"evaluate", "simulate", "explain"}) {
      r.post("/api/v1/policy/" + op)
          .permission(POLICY_EVALUATE)
          .tag("policy")
          .summary(
              op.equals("evaluate")
                  ? "Ask the safety kernel for a decision"
                  : op.equals("simulate")
                      ? "A decision without side effects"
                      : "A decision with the trace of every rule tried")
          .body("PolicyCheckRequest")
          .ok("PolicyCheckResponse")
          .errors(400, 403)
          .error(503, "no safety kernel is configured")
          .handle(
              op.equals("evaluate")
                  ? policy::evaluate
                  : op.equals("simulate") ? policy::simulate : policy::explain);
    }
    r.get("/api/v1/policy/snapshots")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("The kernel's recent policy snapshots")
        .ok("PolicySnapshots")
        .error(503, "no safety kernel is configured")
        .handle(policy::snapshots);
    r.get("/api/v1/policy/rules")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("Every rule with its source")
        .query("include_disabled", "boolean", "include rules of disabled bundles")
        .ok("RuleListing")
        .handle(policy::rules);
    r.get("/api/v1/policy/bundles")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("Policy bundles")
        .ok("BundleListing")
        .handle(policy::bundles);
    r.get("/api/v1/policy/bundles/snapshots")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("Bundle snapshots, newest first")
        .ok("BundleSnapshotList")
        .handle(policy::listSnapshots);
    r.post("/api/v1/policy/bundles/snapshots")
        .permission(POLICY_WRITE)
        .tag("policy")
        .summary("Take a bundle snapshot")
        .optionalBody("SnapshotRequest")
        .ok("BundleSnapshot")
        .handle(policy::takeSnapshot);
    r.get("/api/v1/policy/bundles/snapshots/{id}")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("A bundle snapshot")
        .path("id", "the snapshot id")
        .ok("BundleSnapshot")
        .errors(404)
        .handle(policy::getSnapshot);
    r.get("/api/v1/policy/bundles/{id}")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("A bundle (~ stands for / in the id; ?bundle_id= wins)")
        .path("id", "the bundle id with / written as ~")
        .query("bundle_id", "the bundle id (wins over the path)")
        .ok("PolicyBundle")
        .errors(404)
        .handle(policy::getBundle);
    r.put("/api/v1/policy/bundles/{id}")
        .permission(POLICY_WRITE)
        .tag("policy")
        .summary("Create or change a secops/ bundle (validated before it is stored)")
        .path("id", "the bundle id with / written as ~")
        .query("bundle_id", "the bundle id (wins over the path)")
        .body("BundlePut")
        .ok("BundlePutResponse")
        .errors(400, 409)
        .handle(policy::putBundle);
    r.post("/api/v1/policy/bundles/{id}/simulate")
        .permission(POLICY_EVALUATE)
        .tag("policy")
        .summary("A decision with this bundle replaced by draft content")
        .path("id", "the bundle id with / written as ~")
        .body("BundleSimulateRequest")
        .ok("PolicyCheckResponse")
        .errors(400, 403, 404)
        .error(503, "no safety kernel is configured")
        .handle(policy::simulateBundle);
    r.post("/api/v1/policy/publish")
        .permission(POLICY_WRITE)
        .tag("policy")
        .summary("Enable secops/ bundles (all, or the ids given)")
        .optionalBody("PublishRequest")
        .ok("PublishResponse")
        .errors(400, 409)
        .handle(policy::publish);
    r.post("/api/v1/policy/rollback")
        .permission(POLICY_WRITE)
        .tag("policy")
        .summary("Restore the bundles of a snapshot")
        .body("RollbackRequest")
        .ok("RollbackResponse")
        .errors(400, 404, 409)
        .handle(policy::rollback);
    r.get("/api/v1/policy/audit")
        .permission(POLICY_READ)
        .tag("policy")
        .summary("Policy changes, newest first")
        .query("limit", "integer", "how many")
        .ok("PolicyAudit")
        .handle(policy::audit);

    // ---- stream (WebSocket upgrades are served before routing; this answers the rest)
    r.get(StreamHub.PATH)
        .permission(STREAM_READ)
        .tag("stream")
        .summary(
            "Live events over WebSocket (key in X-API-Key or the cordum-api-key "
                + "subprotocol); filters topic, job_id, run_id, kind")
        .query("topic", "only events of this subject pattern (NATS wildcards)")
        .query("job_id", "only events of this job")
        .query("run_id", "only events of this workflow run's jobs")
        .query(
            "kind",
            "only these payload kinds (comma list: jobRequest, jobResult, "
                + "jobProgress, jobCancel, heartbeat, alert)")
        .query("payload", "boolean", "add the payload wrapper (default: the server setting)")
        .error(400, "not a WebSocket upgrade")
        .okText()
        .handle(
            c -> {
              throw ApiError.badRequest(ErrorCodes.UPGRADE_REQUIRED, "websocket upgrade required");
            });

    // ---- not served: packs, marketplace, gRPC
    notServed(r, "GET", "/api/v1/packs", "packs");
    notServed(r, "GET", "/api/v1/packs/{id}", "packs");
    notServed(r, "POST", "/api/v1/packs/install", "packs");
    notServed(r, "POST", "/api/v1/packs/{id}/uninstall", "packs");
    notServed(r, "POST", "/api/v1/packs/{id}/verify", "packs");
    notServed(r, "GET", "/api/v1/marketplace/packs", "the pack marketplace");
    notServed(r, "POST", "/api/v1/marketplace/install", "the pack marketplace");
    r.post("/cordum.v1.CordumApi/{method}")
        .permission(PUBLIC)
        .tag("not served")
        .summary(
            "gRPC cordum.v1.CordumApi is not served: use POST /api/v1/jobs and "
                + "GET /api/v1/jobs/{id}")
        .path("method", "the gRPC method")
        .error(501, "not served")
        .noContent()
        .handle(
            c -> {
              throw new ApiError(
                  501,
                  ErrorCodes.NOT_IMPLEMENTED,
                  "gRPC (cordum.v1.CordumApi) is "
                      + "not served by Cordum for Java: use POST /api/v1/jobs and GET /api/v1/jobs/{id}");
            });
  }

  private static void notServed(Routes r, String method, String path, String what) {
    Routes.Builder b = method.equals("GET") ? r.get(path) : r.post(path);
    b.permission(PACKS_MANAGE)
        .tag("not served")
        .summary("Not served: " + what + " are not part of Cordum for Java yet")
        .error(501, "not served")
        .noContent()
        .handle(
            c -> {
              throw new ApiError(
                  501,
                  ErrorCodes.NOT_IMPLEMENTED,
                  what
                      + " are not served by "
                      + "Cordum for Java yet ("
                      + method
                      + " "
                      + path
                      + ")");
            });
  }
}
