package io.cordum.core.internal.job;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobMetadata;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.policy.PolicyRemediation;
import io.cordum.api.policy.SafetyDecisionRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The pure part of {@link io.cordum.api.job.JobClient#remediate}: which remediation applies, and
 * the request it turns the original job's request into.
 */
final class Remediation {
  /** How many of a job's decisions are searched for remediations, newest first. */
  static final int DECISIONS_SEARCHED = 50;

  private Remediation() {}

  /**
   * The remediation to apply: from the newest decision of the job that offered any.
   *
   * @param decisions the job's decisions, newest first
   */
  static PolicyRemediation choose(
      String jobId, List<SafetyDecisionRecord> decisions, @Nullable String remediationId) {
    List<PolicyRemediation> offered =
        decisions.stream()
            .map(SafetyDecisionRecord::remediations)
            .filter(r -> !r.isEmpty())
            .findFirst()
            .orElseThrow(() -> new ConflictException("no remediations available for job " + jobId));
    String id = remediationId == null ? "" : remediationId.trim();
    if (!id.isEmpty()) {
      Optional<PolicyRemediation> r = offered.stream().filter(x -> x.id().equals(id)).findFirst();
      return r.orElseThrow(
          () ->
              new NotFoundException(
                  "remediation not found: \""
                      + id
                      + "\" (job "
                      + jobId
                      + " offers "
                      + ids(offered)
                      + ")"));
    }
    if (offered.size() > 1) {
      throw new ValidationException(
          "remediation_id",
          "required: job " + jobId + " offers " + offered.size() + " remediations " + ids(offered));
    }
    return offered.get(0);
  }

  /** The original request with the remediation applied, under a new id. */
  static JobRequest apply(JobRequest original, PolicyRemediation r, String newJobId) {
    Map<String, String> labels = new LinkedHashMap<>();
    original
        .labels()
        .forEach(
            (k, v) -> {
              String lower = k.toLowerCase(Locale.ROOT);
              if (!lower.startsWith("approval_") && !k.equals("cordum.bus_msg_id")) {
                labels.put(k, v);
              }
            });
    labels.put("remediation_of", original.jobId());
    if (!r.id().isEmpty()) {
      labels.put("remediation_id", r.id());
    }
    labels.putAll(r.addLabels());
    r.removeLabels().forEach(labels::remove);
    JobRequest.Builder b =
        original.toBuilder()
            .jobId(newJobId)
            .parentJobId(original.jobId())
            .contextPtr("")
            .labels(labels);
    if (!r.replacementTopic().isBlank()) {
      b.topic(r.replacementTopic().trim());
    }
    JobMetadata meta = original.meta();
    if (meta != null || !r.replacementCapability().isBlank()) {
      JobMetadata.Builder m = meta == null ? JobMetadata.builder() : meta.toBuilder();
      m.idempotencyKey("").labels(labels);
      if (!r.replacementCapability().isBlank()) {
        m.capability(r.replacementCapability().trim());
      }
      b.meta(m.build());
    }
    return b.build();
  }

  private static String ids(List<PolicyRemediation> offered) {
    return offered.stream()
        .map(x -> "\"" + x.id() + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
