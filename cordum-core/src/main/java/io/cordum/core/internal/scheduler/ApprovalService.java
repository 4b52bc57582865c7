package io.cordum.core.internal.scheduler;

import io.cordum.api.ConflictException;
import io.cordum.api.NotFoundException;
import io.cordum.api.ValidationException;
import io.cordum.api.cap.JobRequest;
import io.cordum.api.job.JobRecord;
import io.cordum.api.job.JobState;
import io.cordum.api.job.Transition;
import io.cordum.api.policy.Approval;
import io.cordum.api.policy.ApprovalRecord;
import io.cordum.api.policy.Approvals;
import io.cordum.api.policy.SafetyDecision;
import io.cordum.api.policy.SafetyDecisionRecord;
import io.cordum.core.scheduler.ReasonCodes;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Approvals} on the scheduler's stores. Approving appends a decision that carries the {@link
 * ApprovalRecord} (who, why, when) and the constraints, rule and snapshot of the decision that
 * asked for approval, and moves the job to PENDING with a timer due now, so whichever replica's
 * timer loop gets to it first dispatches it; the submit path then reuses that grant instead of
 * asking the gate ({@link #grantFor}). Every write is a compare-and-set on the record version read
 * here, so a concurrent approve, reject or cancel wins once.
 */
final class ApprovalService implements Approvals {
  private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);
  static final String SNAPSHOT_CHANGED = "policy snapshot changed; re-evaluate before approving";
  static final String REQUEST_CHANGED = "job request changed since approval was asked for";

  private final SchedulerContext ctx;
  private final JobOutcomes outcomes;

  ApprovalService(SchedulerContext ctx, JobOutcomes outcomes) {
    this.ctx = ctx;
    this.outcomes = outcomes;
  }

  @Override
  public JobRecord approve(String jobId, Approval approval) {
    String approver = requireApprover(approval);
    String reason = approval.reason();
    JobRecord rec = awaiting(jobId);
    SafetyDecisionRecord asked = rec.safety();
    if (asked == null || asked.jobHash().isEmpty()) {
      throw new ConflictException("job " + jobId + " has no approval request to approve");
    }
    String current = ctx.gate().currentSnapshot();
    if (!asked.policySnapshot().equals(current)) {
      throw new ConflictException(
          SNAPSHOT_CHANGED
              + " (job "
              + jobId
              + " was checked under \""
              + asked.policySnapshot()
              + "\", the policy is now \""
              + current
              + "\")");
    }
    JobRequest req =
        ctx.store()
            .getRequest(jobId)
            .orElseThrow(() -> new ConflictException("job " + jobId + " has no stored request"));
    if (!JobHash.of(req).equals(asked.jobHash())) {
      throw new ConflictException(REQUEST_CHANGED + " (job " + jobId + ")");
    }
    Instant now = ctx.now();
    SafetyDecisionRecord grant =
        asked.toBuilder()
            .decision(
                asked.constraints() == null
                    ? SafetyDecision.ALLOW
                    : SafetyDecision.ALLOW_WITH_CONSTRAINTS)
            .reason("approval granted by " + approver + (reason.isBlank() ? "" : ": " + reason))
            .approvalRequired(false)
            .checkedAt(now)
            .approval(record(true, approval, now))
            .build();
    JobRecord next =
        ctx.store()
            .transition(
                jobId,
                Transition.to(JobState.PENDING)
                    .expectedVersion(rec.version())
                    .expectedState(JobState.APPROVAL_REQUIRED)
                    .safetyDecision(grant)
                    .wakeAt(now)
                    .reason(ReasonCodes.APPROVAL_GRANTED, grant.reason())
                    .build());
    log.info("job {} approved by {}", jobId, approver);
    return next;
  }

  @Override
  public JobRecord reject(String jobId, Approval approval) {
    String approver = requireApprover(approval);
    String reason = approval.reason();
    JobRecord rec = awaiting(jobId);
    Instant now = ctx.now();
    SafetyDecisionRecord base =
        rec.safety() != null
            ? rec.safety()
            : SafetyDecisionRecord.of(SafetyDecision.REQUIRE_APPROVAL, "", now);
    String why = "approval rejected by " + approver + (reason.isBlank() ? "" : ": " + reason);
    SafetyDecisionRecord denial =
        base.toBuilder()
            .decision(SafetyDecision.DENY)
            .reason(why)
            .approvalRequired(false)
            .checkedAt(now)
            .approval(record(false, approval, now))
            .build();
    JobRecord done =
        outcomes.finish(
            rec,
            Transition.to(JobState.DENIED)
                .expectedVersion(rec.version())
                .expectedState(JobState.APPROVAL_REQUIRED)
                .safetyDecision(denial),
            ReasonCodes.APPROVAL_REJECTED,
            why);
    log.info("job {} rejected by {}", jobId, approver);
    return done;
  }

  @Override
  public JobRecord reevaluate(String jobId) {
    JobRecord rec = awaiting(jobId);
    return ctx.store()
        .transition(
            jobId,
            Transition.to(JobState.PENDING)
                .expectedVersion(rec.version())
                .expectedState(JobState.APPROVAL_REQUIRED)
                .wakeAt(ctx.now())
                .reason(ReasonCodes.REEVALUATE, "sent back through the current policy")
                .build());
  }

  /**
   * The approval the submit path may reuse instead of asking the gate: the job's latest decision
   * when it is a granted approval bound to this exact request; else {@code null}.
   */
  static @Nullable SafetyDecisionRecord grantFor(JobRecord rec, JobRequest req) {
    SafetyDecisionRecord last = rec.safety();
    if (last == null || !last.isApprovalGrant() || last.jobHash().isEmpty()) {
      return null;
    }
    if (!last.jobHash().equals(JobHash.of(req))) {
      log.warn("job {}: request changed since it was approved; checking it again", rec.id());
      return null;
    }
    return last;
  }

  private JobRecord awaiting(String jobId) {
    JobRecord rec = ctx.store().get(jobId).orElseThrow(() -> new NotFoundException("job " + jobId));
    if (rec.state() != JobState.APPROVAL_REQUIRED) {
      throw new ConflictException(
          "job " + jobId + " is " + rec.state() + ", not awaiting approval");
    }
    return rec;
  }

  private static String requireApprover(Approval approval) {
    if (approval == null || approval.approver().isBlank()) {
      throw new ValidationException("approver", "must not be blank");
    }
    return approval.approver();
  }

  private static ApprovalRecord record(boolean granted, Approval a, Instant now) {
    return new ApprovalRecord(granted, a.approver(), a.role(), a.reason(), a.note(), now);
  }
}
