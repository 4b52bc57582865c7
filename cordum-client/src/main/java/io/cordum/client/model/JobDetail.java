package io.cordum.client.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A job with everything the gateway knows about it ({@code GET /api/v1/jobs/{id}}): its input and
 * result, the safety decision, its dead letter (the {@code error_*} fields) and its approval.
 *
 * @param id the job id
 * @param state its state
 * @param traceId its trace id
 * @param contextPtr where its input is stored
 * @param context its input (parsed JSON, or text), or {@code null}
 * @param resultPtr where its result is stored, or {@code ""}
 * @param result its result (parsed JSON, or text), or {@code null}
 * @param topic its topic
 * @param tenant its tenant
 * @param actorId who submitted it
 * @param actorType {@code human} or {@code service}
 * @param idempotencyKey its idempotency key
 * @param capability the capability it needs
 * @param packId its pack
 * @param riskTags its risk tags
 * @param requires capabilities a worker must have
 * @param attempts how many times it was dispatched
 * @param safetyDecision the safety kernel's decision, or {@code ""}
 * @param safetyReason why
 * @param safetyRuleId the rule that decided
 * @param safetySnapshot the policy snapshot that decided
 * @param safetyConstraints constraints the decision set (budgets, sandbox, ...), or {@code null}
 * @param safetyRemediations remediations the decision offers
 * @param safetyJobHash the hash of the request the decision is bound to
 * @param approvalRequired whether it needs a human's approval
 * @param approvalRef the approval reference
 * @param labels its labels
 * @param workflowId the workflow it belongs to, or {@code ""}
 * @param runId the run it belongs to, or {@code ""}
 * @param stepId the step it runs, or {@code ""}
 * @param createdAt when it was submitted
 * @param updatedAt when it last changed
 * @param reasonCode why it ended as it did, or {@code ""}
 * @param reason the reason in words
 * @param errorMessage its dead letter's message, or {@code ""}
 * @param errorStatus its dead letter's status (such as {@code JOB_STATUS_FAILED}), or {@code ""}
 * @param errorCode its dead letter's code, or {@code ""}
 * @param lastState the state it was in when it was dead-lettered, or {@code ""}
 * @param approvalBy who approved or rejected it, or {@code ""}
 * @param approvalRole their role
 * @param approvalAt when (unix seconds on the wire)
 * @param approvalReason their reason
 * @param approvalNote their note
 * @param approvalPolicySnapshot the policy snapshot the approval is bound to
 * @param approvalJobHash the request hash the approval is bound to
 * @param approvalGranted whether it was approved (rather than rejected)
 * @param wakeAt when the scheduler looks at it again (unix microseconds on the wire), if set
 * @param deadlineUnix its deadline (unix seconds on the wire), if any
 * @param workerId the worker that ran it, or {@code ""}
 * @param waiting why it has not ended yet, or {@code null} once it has
 */
public record JobDetail(
    String id,
    JobState state,
    String traceId,
    String contextPtr,
    @Nullable Object context,
    String resultPtr,
    @Nullable Object result,
    String topic,
    String tenant,
    String actorId,
    String actorType,
    String idempotencyKey,
    String capability,
    String packId,
    List<String> riskTags,
    List<String> requires,
    int attempts,
    String safetyDecision,
    String safetyReason,
    String safetyRuleId,
    String safetySnapshot,
    @Nullable Map<String, Object> safetyConstraints,
    List<Remediation> safetyRemediations,
    String safetyJobHash,
    boolean approvalRequired,
    String approvalRef,
    Map<String, String> labels,
    String workflowId,
    String runId,
    String stepId,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant createdAt,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant updatedAt,
    String reasonCode,
    String reason,
    String errorMessage,
    String errorStatus,
    String errorCode,
    String lastState,
    String approvalBy,
    String approvalRole,
    @JsonDeserialize(using = UnixSeconds.Read.class) @JsonSerialize(using = UnixSeconds.Write.class)
        @Nullable Instant approvalAt,
    String approvalReason,
    String approvalNote,
    String approvalPolicySnapshot,
    String approvalJobHash,
    boolean approvalGranted,
    @JsonDeserialize(using = UnixMicros.Read.class) @JsonSerialize(using = UnixMicros.Write.class)
        @Nullable Instant wakeAt,
    @JsonDeserialize(using = UnixSeconds.Read.class) @JsonSerialize(using = UnixSeconds.Write.class)
        @Nullable Instant deadlineUnix,
    String workerId,
    @Nullable JobWait waiting) {

  /** Normalizes nulls. */
  public JobDetail {
    id = Norm.s(id);
    state = state == null ? JobState.UNKNOWN : state;
    traceId = Norm.s(traceId);
    contextPtr = Norm.s(contextPtr);
    resultPtr = Norm.s(resultPtr);
    topic = Norm.s(topic);
    tenant = Norm.s(tenant);
    actorId = Norm.s(actorId);
    actorType = Norm.s(actorType);
    idempotencyKey = Norm.s(idempotencyKey);
    capability = Norm.s(capability);
    packId = Norm.s(packId);
    riskTags = Norm.list(riskTags);
    requires = Norm.list(requires);
    safetyDecision = Norm.s(safetyDecision);
    safetyReason = Norm.s(safetyReason);
    safetyRuleId = Norm.s(safetyRuleId);
    safetySnapshot = Norm.s(safetySnapshot);
    safetyRemediations = Norm.list(safetyRemediations);
    safetyJobHash = Norm.s(safetyJobHash);
    approvalRef = Norm.s(approvalRef);
    labels = Norm.map(labels);
    workflowId = Norm.s(workflowId);
    runId = Norm.s(runId);
    stepId = Norm.s(stepId);
    reasonCode = Norm.s(reasonCode);
    reason = Norm.s(reason);
    errorMessage = Norm.s(errorMessage);
    errorStatus = Norm.s(errorStatus);
    errorCode = Norm.s(errorCode);
    lastState = Norm.s(lastState);
    approvalBy = Norm.s(approvalBy);
    approvalRole = Norm.s(approvalRole);
    approvalReason = Norm.s(approvalReason);
    approvalNote = Norm.s(approvalNote);
    approvalPolicySnapshot = Norm.s(approvalPolicySnapshot);
    approvalJobHash = Norm.s(approvalJobHash);
    workerId = Norm.s(workerId);
  }

  /** Whether the job has ended. */
  @JsonIgnore
  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** Whether the job has a dead letter (the {@code error_*} fields are set). */
  public boolean deadLettered() {
    return !errorStatus.isEmpty() || !errorCode.isEmpty() || !errorMessage.isEmpty();
  }
}
