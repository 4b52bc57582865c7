package io.cordum.gateway.internal.routes;

import io.cordum.api.NotFoundException;
import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.Budget;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.BudgetConstraints;
import io.cordum.api.policy.DiffConstraints;
import io.cordum.api.policy.ListedRule;
import io.cordum.api.policy.PolicyBundle;
import io.cordum.api.policy.PolicyBundleAuditEntry;
import io.cordum.api.policy.PolicyBundleSet;
import io.cordum.api.policy.PolicyBundleSnapshot;
import io.cordum.api.policy.PolicyChange;
import io.cordum.api.policy.PolicyConstraints;
import io.cordum.api.policy.PolicyExplanation;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.PolicyRuleListing;
import io.cordum.api.policy.RuleTrace;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.api.policy.SafetyKernel;
import io.cordum.api.policy.SandboxProfile;
import io.cordum.api.policy.ToolchainConstraints;
import io.cordum.core.Cordum;
import io.cordum.gateway.internal.Json;
import io.cordum.gateway.route.ApiError;
import io.cordum.gateway.route.Call;
import io.cordum.gateway.route.ErrorCodes;
import io.cordum.gateway.route.JsonBody;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The safety kernel and policy bundles. Decisions are written as protojson with every field
 * present, as Cordum's policy routes do.
 */
final class PolicyRoutes {
  static final String EFFECTIVE_CONFIG_ENV = "CORDUM_EFFECTIVE_CONFIG";

  private final Cordum cordum;

  PolicyRoutes(Cordum cordum) {
    this.cordum = cordum;
  }

  private SafetyKernel kernel() {
    return cordum
        .safetyKernel()
        .orElseThrow(() -> ApiError.unavailable("safety_unavailable", "safety kernel unavailable"));
  }

  // ---- evaluate, simulate, explain, snapshots

  Object evaluate(Call c) {
    JobRequest req = checkRequest(c, c.json(false).node());
    return decision(kernel().evaluate(req));
  }

  Object simulate(Call c) {
    JobRequest req = checkRequest(c, c.json(false).node());
    PolicyExplanation e = kernel().explain(req);
    return decision(e.decision());
  }

  Object explain(Call c) {
    JobRequest req = checkRequest(c, c.json(false).node());
    PolicyExplanation e = kernel().explain(req);
    Map<String, Object> m = decision(e.decision());
    m.put("trace", e.trace().stream().map(PolicyRoutes::trace).toList());
    return m;
  }

  Object snapshots(Call c) {
    return Map.of("snapshots", kernel().snapshots());
  }

  Object simulateBundle(Call c) {
    JsonBody b = c.json(false);
    ObjectNode request = b.object("request");
    JobRequest req = checkRequest(c, request == null ? Json.MAPPER.createObjectNode() : request);
    String id = bundleId(c);
    String content = b.string("content");
    if (content.isBlank()) {
      content =
          cordum
              .policyBundles()
              .get(id)
              .map(PolicyBundle::content)
              .orElseThrow(() -> ApiError.notFound("bundle_not_found", "bundle not found"));
    }
    PolicyBundle draft = PolicyBundle.builder(id).content(content).enabled(true).build();
    PolicyExplanation e = kernel().simulate(req, draft);
    Map<String, Object> m = decision(e.decision());
    m.put("trace", e.trace().stream().map(PolicyRoutes::trace).toList());
    return m;
  }

  /** Cordum's {@code policyCheckRequest} as the job request the kernel evaluates. */
  JobRequest checkRequest(Call c, ObjectNode node) {
    JsonBody b = new JsonBody(node);
    String topic = b.string("topic").trim();
    if (topic.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "topic is required");
    }
    String requested = b.string("tenant").isBlank() ? b.string("org_id") : b.string("tenant");
    String tenant = c.tenant(requested);
    String principal = c.actingPrincipal(b.string("principal_id"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("tenant_id", tenant);
    if (!b.string("team_id").isBlank()) {
      env.put("team_id", b.string("team_id"));
    }
    if (!b.string("step_id").isBlank()) {
      env.put("step_id", b.string("step_id"));
    }
    JsonNode ec = b.tree("effective_config");
    Object effective =
        ec != null
            ? Json.plain(ec)
            : cordum
                .config()
                .effective(
                    tenant, b.string("team_id"), b.string("workflow_id"), b.string("step_id"));
    if (effective != null && !(effective instanceof Map<?, ?> m && m.isEmpty())) {
      env.put(EFFECTIVE_CONFIG_ENV, Json.string(effective));
    }
    JsonBody meta =
        new JsonBody(b.object("meta") == null ? Json.MAPPER.createObjectNode() : b.object("meta"));
    String actorId = meta.string("actor_id").isBlank() ? principal : meta.string("actor_id");
    ActorType actorType =
        switch (meta.string("actor_type").toLowerCase(Locale.ROOT)) {
          case "human", "actor_type_human" -> ActorType.HUMAN;
          case "service", "actor_type_service" -> ActorType.SERVICE;
          default -> ActorType.UNSPECIFIED;
        };
    JobRequest.Builder r =
        JobRequest.builder()
            .jobId(b.string("job_id").isBlank() ? "policy-check-" + Ids.uuid() : b.string("job_id"))
            .topic(topic)
            .priority(JobRoutes.priority(b.string("priority")))
            .env(env)
            .workflowId(b.string("workflow_id"))
            .memoryId(b.string("memory_id"))
            .tenantId(tenant)
            .principalId(principal)
            .labels(b.stringMap("labels"))
            .meta(
                JobMetadata.builder()
                    .tenantId(tenant)
                    .actorId(actorId)
                    .actorType(actorType)
                    .idempotencyKey(meta.string("idempotency_key"))
                    .capability(meta.string("capability"))
                    .riskTags(meta.strings("risk_tags"))
                    .requires(meta.strings("requires"))
                    .packId(meta.string("pack_id"))
                    .labels(meta.stringMap("labels"))
                    .build());
    ObjectNode budget = b.object("budget");
    if (budget != null) {
      JsonBody bb = new JsonBody(budget);
      r.budget(
          Budget.builder()
              .maxInputTokens(bb.int64("max_input_tokens"))
              .maxOutputTokens(bb.int64("max_output_tokens"))
              .maxTotalTokens(bb.int64("max_total_tokens"))
              .deadlineMs(bb.int64("deadline_ms"))
              .build());
    }
    return r.build();
  }

  /** A decision as protojson {@code PolicyCheckResponse} with every field present. */
  static Map<String, Object> decision(SafetyDecisionRecord d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("decision", d.decision().toWire().protoName());
    m.put("reason", d.reason());
    m.put("redactedContextPtr", "");
    m.put("policySnapshot", d.policySnapshot());
    m.put("ruleId", d.ruleId());
    m.put("constraints", constraints(d.constraints()));
    m.put("approvalRequired", d.approvalRequired());
    m.put("approvalRef", d.approvalRef());
    m.put("remediations", d.remediations().stream().map(PolicyRoutes::remediation).toList());
    return m;
  }

  private static @Nullable Map<String, Object> constraints(@Nullable PolicyConstraints c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    BudgetConstraints b = c.budgets();
    m.put(
        "budgets",
        b == null
            ? null
            : Map.of(
                "maxRuntimeMs",
                Long.toString(b.maxRuntimeMs()),
                "maxRetries",
                b.maxRetries(),
                "maxArtifactBytes",
                Long.toString(b.maxArtifactBytes()),
                "maxConcurrentJobs",
                b.maxConcurrentJobs()));
    SandboxProfile s = c.sandbox();
    m.put(
        "sandbox",
        s == null
            ? null
            : Map.of(
                "isolated",
                s.isolated(),
                "networkAllowlist",
                s.networkAllowlist(),
                "fsReadOnly",
                s.fsReadOnly(),
                "fsReadWrite",
                s.fsReadWrite()));
    ToolchainConstraints t = c.toolchain();
    m.put(
        "toolchain",
        t == null
            ? null
            : Map.of("allowedTools", t.allowedTools(), "allowedCommands", t.allowedCommands()));
    DiffConstraints d = c.diff();
    m.put(
        "diff",
        d == null
            ? null
            : Map.of(
                "maxFiles",
                d.maxFiles(),
                "maxLines",
                d.maxLines(),
                "denyPathGlobs",
                d.denyPathGlobs()));
    m.put("redactionLevel", c.redactionLevel());
    return m;
  }

  private static Map<String, Object> remediation(PolicyRemediation r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("title", r.title());
    m.put("summary", r.summary());
    m.put("replacementTopic", r.replacementTopic());
    m.put("replacementCapability", r.replacementCapability());
    m.put("addLabels", r.addLabels());
    m.put("removeLabels", r.removeLabels());
    return m;
  }

  private static Map<String, Object> trace(RuleTrace t) {
    return new Views.Obj()
        .put("rule_id", t.ruleId())
        .put("source", t.source())
        .put("matched", t.matched())
        .put("decisive", t.decisive())
        .put("detail", t.detail())
        .map();
  }

  // ---- rules and bundles

  Object rules(Call c) {
    PolicyRuleListing l = cordum.policyBundles().rules(c.queryFlag("include_disabled"));
    List<Map<String, Object>> items = new ArrayList<>();
    for (ListedRule r : l.items()) {
      Map<String, Object> m = new LinkedHashMap<>(r.rule());
      m.put("id", r.id());
      m.put("enabled", r.enabled());
      ListedRule.Source s = r.source();
      m.put(
          "source",
          new Views.Obj()
              .put("fragment_id", s.fragmentId())
              .omit("pack_id", s.packId())
              .omit("overlay_name", s.overlayName())
              .omit("kind", s.kind())
              .omit("version", s.version())
              .omit("installed_at", Json.time(s.installedAt()))
              .omit("updated_at", Json.time(s.updatedAt()))
              .omit("sha256", s.sha256())
              .map());
      items.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    if (!l.errors().isEmpty()) {
      out.put(
          "errors",
          l.errors().stream()
              .map(e -> Map.of("fragment_id", e.fragmentId(), "error", e.error()))
              .toList());
    }
    return out;
  }

  /** The bundle id of a request: {@code ?bundle_id=} wins; in the path {@code ~} is {@code /}. */
  static String bundleId(Call c) {
    String q = c.query("bundle_id", "");
    return q.isEmpty() ? c.pathParam("id").replace('~', '/') : q;
  }

  static String source(String id) {
    return id.startsWith("secops/") ? "secops" : id.contains("/") ? "pack" : "core";
  }

  static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> bundle(PolicyBundle b) {
    return new Views.Obj()
        .put("id", b.id())
        .put("content", b.content())
        .put("enabled", b.enabled())
        .omit("priority", b.priority())
        .omit("author", b.author())
        .omit("message", b.message())
        .omit("created_at", Json.time(b.createdAt()))
        .omit("updated_at", Json.time(b.updatedAt()))
        .put("version", b.version())
        .map();
  }

  Object bundles(Call c) {
    PolicyBundleSet set = cordum.policyBundles().list();
    Map<String, Object> raw = new LinkedHashMap<>();
    List<Map<String, Object>> items = new ArrayList<>();
    set.bundles()
        .forEach(
            (id, b) -> {
              raw.put(id, bundle(b));
              items.add(
                  new Views.Obj()
                      .put("id", id)
                      .put("enabled", b.enabled())
                      .put("source", source(id))
                      .omit("author", b.author())
                      .omit("message", b.message())
                      .omit("created_at", Json.time(b.createdAt()))
                      .omit("updated_at", Json.time(b.updatedAt()))
                      .put("version", b.version())
                      .put("sha256", sha256(b.content()))
                      .map());
            });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bundles", raw);
    out.put("items", items.isEmpty() ? null : items);
    out.put("updated_at", set.updatedAt() == null ? "" : Json.time(set.updatedAt()));
    return out;
  }

  Object getBundle(Call c) {
    String id = bundleId(c);
    return bundle(
        cordum
            .policyBundles()
            .get(id)
            .orElseThrow(() -> ApiError.notFound("bundle_not_found", "bundle not found")));
  }

  private static PolicyChange change(Call c, JsonBody b) {
    // The actor is the caller's principal; a body's "author" is kept only as bundle metadata.
    return PolicyChange.by(c.principal().id())
        .role(c.principal().role())
        .message(b.string("message"))
        .note(b.string("note"))
        .build();
  }

  Object putBundle(Call c) {
    String id = bundleId(c);
    if (!id.startsWith("secops/")) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "bundle id must start with secops/");
    }
    JsonBody b = c.json(false);
    String content = b.string("content");
    if (content.isBlank()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "content required");
    }
    var existing = cordum.policyBundles().get(id);
    PolicyBundle edit =
        PolicyBundle.builder(id)
            .content(content)
            .enabled(!b.has("enabled") || b.bool("enabled"))
            .priority(
                b.has("priority")
                    ? b.int32("priority")
                    : existing.map(PolicyBundle::priority).orElse(0))
            .author(b.string("author").isBlank() ? c.principal().id() : b.string("author"))
            .message(b.string("message"))
            .version(
                b.has("version")
                    ? b.int64("version")
                    : existing.map(PolicyBundle::version).orElse(0L))
            .build();
    PolicyBundle saved;
    try {
      saved = cordum.policyBundles().put(edit, change(c, b));
    } catch (io.cordum.api.ValidationException e) {
      throw ApiError.badRequest(
          ErrorCodes.INVALID_ARGUMENT, "invalid policy content: " + e.getMessage());
    }
    return Map.of(
        "id", saved.id(), "updated_at", Json.time(saved.updatedAt()), "version", saved.version());
  }

  static Map<String, Object> snapshot(PolicyBundleSnapshot s, boolean withBundles) {
    Views.Obj o =
        new Views.Obj()
            .put("id", s.id())
            .put("created_at", Json.time(s.createdAt()))
            .omit("note", s.note());
    if (withBundles) {
      Map<String, Object> bundles = new LinkedHashMap<>();
      s.bundles().forEach((id, b) -> bundles.put(id, bundle(b)));
      o.put("bundles", bundles);
    }
    return o.map();
  }

  Object listSnapshots(Call c) {
    return Map.of(
        "items", cordum.policyBundles().snapshots().stream().map(s -> snapshot(s, false)).toList());
  }

  Object takeSnapshot(Call c) {
    JsonBody b = c.json(true);
    return snapshot(cordum.policyBundles().snapshot(b.string("note"), change(c, b)), true);
  }

  Object getSnapshot(Call c) {
    return snapshot(
        cordum
            .policyBundles()
            .findSnapshot(c.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("snapshot_not_found", "snapshot not found")),
        true);
  }

  Object publish(Call c) {
    JsonBody b = c.json(true);
    List<String> ids = b.strings("bundle_ids");
    if (cordum.policyBundles().list().bundles().isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "no bundles configured");
    }
    try {
      var r = cordum.policyBundles().publish(ids, change(c, b));
      return Map.of(
          "snapshot_before",
          r.snapshotBefore(),
          "snapshot_after",
          r.snapshotAfter(),
          "published",
          r.published());
    } catch (NotFoundException e) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, e.getMessage());
    }
  }

  Object rollback(Call c) {
    JsonBody b = c.json(false);
    String target = b.string("snapshot_id").trim();
    if (target.isEmpty()) {
      throw ApiError.badRequest(ErrorCodes.INVALID_ARGUMENT, "snapshot_id required");
    }
    try {
      var r = cordum.policyBundles().rollback(target, change(c, b));
      return Map.of(
          "snapshot_before",
          r.snapshotBefore(),
          "snapshot_after",
          r.snapshotAfter(),
          "rollback_to",
          r.rolledBackTo());
    } catch (NotFoundException e) {
      throw ApiError.notFound("snapshot_not_found", "snapshot not found");
    }
  }

  Object audit(Call c) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (PolicyBundleAuditEntry e : cordum.policyBundles().audit(c.limit(100, 1000))) {
      items.add(
          new Views.Obj()
              .put("id", e.id())
              .put("action", e.action())
              .omit("actor_id", e.actor())
              .omit("role", e.role())
              .omit("bundle_ids", e.bundleIds())
              .omit("message", e.message())
              .omit("note", e.note())
              .omit("snapshot_before", e.snapshotBefore())
              .omit("snapshot_after", e.snapshotAfter())
              .put("created_at", Json.time(e.createdAt()))
              .map());
    }
    return Map.of("items", items);
  }
}
