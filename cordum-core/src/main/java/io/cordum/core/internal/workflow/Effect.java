package io.cordum.core.internal.workflow;

/**
 * Work a committed run change asks for: done after the change is stored, so a change lost to a
 * concurrent writer never has side effects. Every effect is safe to repeat.
 */
sealed interface Effect {
  /** Submit the job of a step attempt (same job id on a repeat: the job store keeps one). */
  record SubmitJob(String runId, String stepKey, String jobId) implements Effect {}

  /** Look at a step's job in the job store: resubmit it if missing, apply it if terminal. */
  record CheckJob(String runId, String stepKey, String jobId) implements Effect {}

  /** Cancel a job. */
  record CancelJob(String jobId, String reason) implements Effect {}

  /** Create and schedule the child run of a subworkflow step (or find it). */
  record StartChild(String runId, String stepKey, String childRunId) implements Effect {}

  /** Look at a child run: start it if missing, report it to its parent if terminal. */
  record CheckChild(String runId, String stepKey, String childRunId) implements Effect {}

  /** Cancel a child run. */
  record CancelChild(String childRunId) implements Effect {}

  /** Tell a parent run that its child run ended. */
  record NotifyParent(String parentRunId, String parentStepId, String childRunId)
      implements Effect {}
}
