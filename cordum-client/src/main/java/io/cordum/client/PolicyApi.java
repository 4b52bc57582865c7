package io.cordum.client;

import io.cordum.client.model.BundleEdit;
import io.cordum.client.model.BundleListing;
import io.cordum.client.model.BundleSaved;
import io.cordum.client.model.BundleSnapshot;
import io.cordum.client.model.PolicyAuditEntry;
import io.cordum.client.model.PolicyBundle;
import io.cordum.client.model.PolicyCheckRequest;
import io.cordum.client.model.PolicyDecision;
import io.cordum.client.model.PolicyRuleListing;
import io.cordum.client.model.PublishResult;
import io.cordum.client.model.RollbackResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * The safety kernel and policy bundles ({@code /api/v1/policy}): decisions without side effects,
 * bundles, snapshots, publish, rollback and the audit log.
 */
public final class PolicyApi {
  private final Transport t;
  private final JavaType snapshots;
  private final JavaType audit;

  PolicyApi(Transport t) {
    this.t = t;
    var tf = t.json.getTypeFactory();
    this.snapshots = tf.constructCollectionType(List.class, BundleSnapshot.class);
    this.audit = tf.constructCollectionType(List.class, PolicyAuditEntry.class);
  }

  /** The decision the safety kernel would take for this job. */
  public PolicyDecision evaluate(PolicyCheckRequest request) {
    return check("evaluate", request);
  }

  /** The decision, without side effects (no audit record). */
  public PolicyDecision simulate(PolicyCheckRequest request) {
    return check("simulate", request);
  }

  /** The decision with the trace of every rule tried. */
  public PolicyDecision explain(PolicyCheckRequest request) {
    return check("explain", request);
  }

  private PolicyDecision check(String op, PolicyCheckRequest request) {
    return t.req("POST", "/api/v1/policy/" + op)
        .json(request)
        .idempotent(true)
        .fetch(PolicyDecision.class);
  }

  /** The kernel's recent policy snapshot ids, newest first. */
  public List<String> kernelSnapshots() {
    JsonNode r = t.req("GET", "/api/v1/policy/snapshots").fetch(JsonNode.class);
    return r.path("snapshots").valueStream().map(n -> n.asString("")).toList();
  }

  /** Every rule with its source ({@code includeDisabled}: also rules of disabled bundles). */
  public PolicyRuleListing rules(boolean includeDisabled) {
    return t.req("GET", "/api/v1/policy/rules")
        .query("include_disabled", includeDisabled)
        .fetch(PolicyRuleListing.class);
  }

  /** The bundles. */
  public BundleListing bundles() {
    return t.req("GET", "/api/v1/policy/bundles").fetch(BundleListing.class);
  }

  /**
   * A bundle.
   *
   * @throws NotFoundException when there is none with this id
   */
  public PolicyBundle bundle(String id) {
    return t.req("GET", bundlePath(id, "")).query("bundle_id", id).fetch(PolicyBundle.class);
  }

  /**
   * Creates or changes a {@code secops/} bundle; the content is validated first.
   *
   * @throws BadRequestException when the id does not start with {@code secops/} or the content is
   *     not a valid policy
   * @throws ConflictException when the edit names a version and the bundle changed since
   */
  public BundleSaved putBundle(String id, BundleEdit edit) {
    return t.req("PUT", bundlePath(id, ""))
        .query("bundle_id", id)
        .json(edit)
        .idempotent(edit.version() == null)
        .fetch(BundleSaved.class);
  }

  /**
   * The decision with this bundle's content replaced by a draft (or as stored when {@code
   * draftContent} is null), with the rule trace.
   */
  public PolicyDecision simulateBundle(
      String id, PolicyCheckRequest request, @Nullable String draftContent) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("request", request);
    if (draftContent != null) {
      body.put("content", draftContent);
    }
    return t.req("POST", bundlePath(id, "/simulate"))
        .query("bundle_id", id)
        .json(body)
        .idempotent(true)
        .fetch(PolicyDecision.class);
  }

  /** Bundle snapshots, newest first (without their bundles). */
  public List<BundleSnapshot> snapshots() {
    JsonNode r = t.req("GET", "/api/v1/policy/bundles/snapshots").fetch(JsonNode.class);
    return t.json.treeToValue(r.path("items"), snapshots);
  }

  /**
   * A bundle snapshot with its bundles.
   *
   * @throws NotFoundException when there is none with this id
   */
  public BundleSnapshot snapshot(String id) {
    return t.req("GET", PathSegments.of("/api/v1/policy/bundles/snapshots", id))
        .fetch(BundleSnapshot.class);
  }

  /** Takes a snapshot of every bundle now. */
  public BundleSnapshot takeSnapshot(@Nullable String note) {
    return t.req("POST", "/api/v1/policy/bundles/snapshots")
        .json(note == null ? Map.of() : Map.of("note", note))
        .fetch(BundleSnapshot.class);
  }

  /**
   * Enables {@code secops/} bundles (all of them when {@code bundleIds} is empty), between a
   * snapshot before and one after.
   *
   * @throws BadRequestException when there is nothing to publish or a bundle is invalid
   */
  public PublishResult publish(
      List<String> bundleIds, @Nullable String message, @Nullable String note) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (!bundleIds.isEmpty()) {
      body.put("bundle_ids", bundleIds);
    }
    putIf(body, "message", message);
    putIf(body, "note", note);
    return t.req("POST", "/api/v1/policy/publish").json(body).fetch(PublishResult.class);
  }

  /**
   * Restores the bundles of a snapshot.
   *
   * @throws NotFoundException when there is no such snapshot
   */
  public RollbackResult rollback(
      String snapshotId, @Nullable String message, @Nullable String note) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("snapshot_id", snapshotId);
    putIf(body, "message", message);
    putIf(body, "note", note);
    return t.req("POST", "/api/v1/policy/rollback").json(body).fetch(RollbackResult.class);
  }

  /** Policy changes, newest first (at most {@code limit}; 0 for the default, 100). */
  public List<PolicyAuditEntry> audit(int limit) {
    JsonNode r = t.req("GET", "/api/v1/policy/audit").query("limit", limit).fetch(JsonNode.class);
    return t.json.treeToValue(r.path("items"), audit);
  }

  private static void putIf(Map<String, Object> m, String k, @Nullable String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }

  /** The bundle path: {@code /} in the id is written {@code ~}; {@code ?bundle_id=} is exact. */
  private static String bundlePath(String id, String tail) {
    return PathSegments.of("/api/v1/policy/bundles", id.replace('/', '~')) + tail;
  }
}
