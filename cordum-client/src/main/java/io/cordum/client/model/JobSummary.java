package io.cordum.client.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A job as listings show it ({@code GET /api/v1/jobs}, traces, approvals). Times are unix
 * microseconds on the wire.
 *
 * @param id the job id
 * @param traceId its trace id
 * @param state its state
 * @param updatedAt when it last changed
 * @param createdAt when it was submitted
 * @param topic its topic
 * @param tenant its tenant
 * @param team its team
 * @param principal the principal it runs for
 * @param actorId who submitted it
 * @param actorType {@code human} or {@code service}
 * @param idempotencyKey its idempotency key
 * @param capability the capability it needs
 * @param riskTags its risk tags
 * @param requires capabilities a worker must have
 * @param packId its pack
 * @param attempts how many times it was dispatched
 * @param safetyDecision the safety kernel's decision ({@code ALLOW}, {@code DENY}, {@code
 *     REQUIRE_APPROVAL}, {@code THROTTLE}, {@code ALLOW_WITH_CONSTRAINTS}), or {@code ""}
 * @param safetyReason why
 * @param safetyRuleId the rule that decided
 * @param safetySnapshot the policy snapshot that decided
 * @param deadlineUnix its deadline (unix seconds on the wire), if any
 * @param reasonCode why it ended as it did (such as {@code safety_denied}), or {@code ""}
 * @param reason the reason in words
 * @param wakeAt when the scheduler looks at it again (unix microseconds on the wire), if set
 * @param waiting why it has not ended yet, or {@code null} once it has
 */
public record JobSummary(
    String id,
    String traceId,
    JobState state,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant updatedAt,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant createdAt,
    String topic,
    String tenant,
    String team,
    String principal,
    String actorId,
    String actorType,
    String idempotencyKey,
    String capability,
    List<String> riskTags,
    List<String> requires,
    String packId,
    int attempts,
    String safetyDecision,
    String safetyReason,
    String safetyRuleId,
    String safetySnapshot,
    @JsonDeserialize(using = UnixSeconds.Read.class) @JsonSerialize(using = UnixSeconds.Write.class)
        @Nullable Instant deadlineUnix,
    String reasonCode,
    String reason,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant wakeAt,
    @Nullable JobWait waiting) {

  /** Normalizes nulls. */
  public JobSummary {
    id = Norm.s(id);
    traceId = Norm.s(traceId);
    state = state == null ? JobState.UNKNOWN : state;
    topic = Norm.s(topic);
    tenant = Norm.s(tenant);
    team = Norm.s(team);
    principal = Norm.s(principal);
    actorId = Norm.s(actorId);
    actorType = Norm.s(actorType);
    idempotencyKey = Norm.s(idempotencyKey);
    capability = Norm.s(capability);
    riskTags = Norm.list(riskTags);
    requires = Norm.list(requires);
    packId = Norm.s(packId);
    safetyDecision = Norm.s(safetyDecision);
    safetyReason = Norm.s(safetyReason);
    safetyRuleId = Norm.s(safetyRuleId);
    safetySnapshot = Norm.s(safetySnapshot);
    reasonCode = Norm.s(reasonCode);
    reason = Norm.s(reason);
  }
}
