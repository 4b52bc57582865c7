package io.cordum.core.internal.policy.engine;

import io.cordum.api.cap.ActorType;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the evaluator reads from a job request, normalized once per request: case-insensitive values
 * lower-cased and trimmed, the actor falling back to the principal, the secrets flag and the MCP
 * fields.
 *
 * @param rawTenant the request's tenant, else its metadata's tenant ({@code ""} if neither)
 * @param topic the trimmed topic
 * @param labels the request labels over the metadata's descriptive labels (the request's win), so a
 *     rule can match a descriptive label too
 * @param capability the capability, lower-cased
 * @param riskTags the risk tags, lower-cased
 * @param requires the required capabilities, lower-cased
 * @param packId the pack id, lower-cased
 * @param actorId the actor id (or the principal), lower-cased
 * @param actorType {@code human}, {@code service} or {@code ""}
 * @param secretsPresent whether the request carries secrets
 * @param mcp the MCP fields
 * @param effectiveConfig the {@code CORDUM_EFFECTIVE_CONFIG} env value ({@code ""} if none)
 */
public record RequestView(
    String rawTenant,
    String topic,
    Map<String, String> labels,
    String capability,
    Set<String> riskTags,
    Set<String> requires,
    String packId,
    String actorId,
    String actorType,
    boolean secretsPresent,
    McpRequest mcp,
    String effectiveConfig) {

  /** The env var holding the job's effective config (JSON). */
  public static final String EFFECTIVE_CONFIG_ENV = "CORDUM_EFFECTIVE_CONFIG";

  /** Reads a request. */
  public static RequestView of(JobRequest req) {
    JobMetadata meta = req.meta();
    String tenant = req.tenantId().trim();
    if (tenant.isEmpty() && meta != null) {
      tenant = meta.tenantId().trim();
    }
    String actor = meta == null ? "" : meta.actorId().trim();
    if (actor.isEmpty()) {
      actor = req.principalId().trim();
    }
    Set<String> risk = meta == null ? Set.of() : lower(meta.riskTags());
    String actorType = "";
    if (meta != null && meta.actorType() == ActorType.HUMAN) {
      actorType = "human";
    } else if (meta != null && meta.actorType() == ActorType.SERVICE) {
      actorType = "service";
    }
    Map<String, String> labels = req.labels();
    if (meta != null && !meta.labels().isEmpty()) {
      labels = new java.util.LinkedHashMap<>(meta.labels());
      labels.putAll(req.labels());
    }
    return new RequestView(
        tenant,
        req.topic().trim(),
        labels,
        meta == null ? "" : lower(meta.capability()),
        risk,
        meta == null ? Set.of() : lower(meta.requires()),
        meta == null ? "" : lower(meta.packId()),
        lower(actor),
        actorType,
        secrets(req.labels(), risk),
        McpRequest.of(req.labels()),
        req.env().getOrDefault(EFFECTIVE_CONFIG_ENV, ""));
  }

  /**
   * The secrets flag: a non-empty {@code secrets_present} label decides alone (true for {@code
   * true}, {@code 1} or any case of {@code yes}); otherwise a {@code secrets} risk tag.
   */
  static boolean secrets(Map<String, String> labels, Set<String> riskTagsLower) {
    String v = labels.getOrDefault("secrets_present", "").trim();
    if (!v.isEmpty()) {
      return v.equals("true") || v.equals("1") || v.equalsIgnoreCase("yes");
    }
    return riskTagsLower.contains("secrets");
  }

  static String lower(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  static Set<String> lower(List<String> values) {
    if (values.isEmpty()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (String v : values) {
      String l = lower(v);
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }
}
