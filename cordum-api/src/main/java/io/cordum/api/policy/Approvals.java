package io.cordum.api.policy;

import io.cordum.api.job.JobRecord;

/**
 * Human decisions on jobs that the safety kernel parked in {@link
 * io.cordum.api.job.JobState#APPROVAL_REQUIRED}. Obtained from {@code Cordum.approvals()}.
 *
 * <p>An approval is bound to what was approved: the hash of the job request and the policy snapshot
 * of the decision that asked for it. Approving checks both against the present (the stored request
 * and the gate's current snapshot) and refuses with a {@link io.cordum.api.ConflictException} when
 * either changed; {@link #reevaluate} then puts the job through the current policy again. An
 * approved job is dispatched without asking the gate again, also on later retries, as long as its
 * request still hashes the same.
 */
public interface Approvals {

  /**
   * Approves a job: records the approval and moves the job from APPROVAL_REQUIRED to PENDING, from
   * where it is dispatched.
   *
   * @param jobId the job
   * @param approver who approves (required)
   * @param reason why (recorded)
   * @return the job's record after the change
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the job is not awaiting approval, or its request or
   *     the policy snapshot changed since approval was asked for
   * @throws io.cordum.api.ValidationException if {@code approver} is blank
   */
  default JobRecord approve(String jobId, String approver, String reason) {
    return approve(jobId, Approval.of(approver, reason));
  }

  /**
   * Approves a job, recording the approver's role and note as well (see {@link #approve(String,
   * String, String)}).
   *
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the job is not awaiting approval, or its request or
   *     the policy snapshot changed since approval was asked for
   * @throws io.cordum.api.ValidationException if the approver is blank
   */
  JobRecord approve(String jobId, Approval approval);

  /**
   * Rejects a job: it ends DENIED with reason code {@code approval_rejected} and a dead-letter
   * record.
   *
   * @param jobId the job
   * @param approver who rejects (required)
   * @param reason why (recorded, and the dead-letter message)
   * @return the job's record after the change
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the job is not awaiting approval
   * @throws io.cordum.api.ValidationException if {@code approver} is blank
   */
  default JobRecord reject(String jobId, String approver, String reason) {
    return reject(jobId, Approval.of(approver, reason));
  }

  /**
   * Rejects a job, recording the approver's role and note as well (see {@link #reject(String,
   * String, String)}).
   *
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the job is not awaiting approval
   * @throws io.cordum.api.ValidationException if the approver is blank
   */
  JobRecord reject(String jobId, Approval approval);

  /**
   * Sends a job awaiting approval back through the current policy (for instance after the policy
   * changed and {@link #approve} refused): it moves to PENDING and is checked again.
   *
   * @return the job's record after the change
   * @throws io.cordum.api.NotFoundException if the job does not exist
   * @throws io.cordum.api.ConflictException if the job is not awaiting approval
   */
  JobRecord reevaluate(String jobId);
}
